/** Does a sentence give the kind of answer a question asks for? */
import { asksForPersonKind, countsNear, namesNewAnswer, namesOrganisationOrPlace, offersAnswerType } from "../../src/answer/answerKind";
import { readQuestion } from "../../src/answer/reading";
import { WordNet } from "../../src/text/wordnet";

const wordNet = new WordNet();

test("countsNear needs the number beside the thing counted", () => {
  const sentence = "This visit follows the recent deportation of over 250 migrant criminals, primarily members of violent gangs, including the notorious Tren de Aragua.";
  expect(countsNear(sentence, "migrant")).toBe(true);
  expect(countsNear(sentence, "aragua")).toBe(false);
  expect(countsNear("Among those deported, 101 were Venezuelans.", "venezuelan")).toBe(true);
  // The digits of a date are not a count, nor is a sum of money.
  expect(countsNear("Noem arrives on March 26, 2025, with officials.", "offici")).toBe(false);
  expect(countsNear("Customers may file a claim for up to $250 on its website.", "claim")).toBe(false);
  expect(countsNear("Customers have filed 1,400 claims so far.", "claim")).toBe(true);
});

describe("namesNewAnswer", () => {
  test("a count of a part ('Among those arrested, 12 were minors') does not answer how many in all", () => {
    const part = "Among those arrested after the march, 12 were minors and three were reporters.";
    expect(namesNewAnswer("number", part, readQuestion("How many people were arrested?"), wordNet)).toBe(false);
    // The part itself is asked for: the sentence may answer (the looser reading decides).
    expect(namesNewAnswer("number", part, readQuestion("How many minors were arrested?"), wordNet)).toBeNull();
    // A count of the whole, or no part count at all: no stricter reading.
    expect(namesNewAnswer("number", "Police arrested 40 people after the march.", readQuestion("How many people were arrested?"), wordNet)).toBeNull();
  });

  const who = readQuestion("Who will accompany Noem on the tour?");
  test("a person is a name the dictionary does not know, not one the question already holds", () => {
    expect(namesNewAnswer("person", "During her tour, Noem and Villatoro will get firsthand insight.", who, wordNet)).toBe(true);
    expect(namesNewAnswer("person", "Secretary of Homeland Security Kristi Noem is set to visit El Salvador.", who, wordNet)).toBe(false);
    expect(namesNewAnswer("person", "Among those deported, many were members of gangs.", who, wordNet)).toBe(false);
  });

  test("a kind of person asked by its noun is not answered by an organisation or a place", () => {
    const vet = readQuestion("What's the name of the vet who treated the dog?");
    expect(asksForPersonKind(vet, wordNet)).toBe(true);
    // "Who treated the dog?" may be answered by a clinic; "which company" asks for no person.
    expect(asksForPersonKind(readQuestion("Who treated the dog?"), wordNet)).toBe(false);
    expect(asksForPersonKind(readQuestion("Which company won the contract?"), wordNet)).toBe(false);
    expect(namesOrganisationOrPlace(["Fenside", "Veterinary", "Clinic"], wordNet)).toBe(true);
    expect(namesOrganisationOrPlace(["Marsh", "Road"], wordNet)).toBe(true);
    expect(namesOrganisationOrPlace(["Tom", "Baker"], wordNet)).toBe(false);
    expect(namesOrganisationOrPlace(["Gail", "Pritchard"], wordNet)).toBe(false);
    const notAnswer = (name: string[]): boolean => namesOrganisationOrPlace(name, wordNet);
    const clinic = "The dog spent two nights on a drip at the Fenside Veterinary Clinic.";
    expect(namesNewAnswer("person", clinic, vet, wordNet)).toBe(true);
    expect(namesNewAnswer("person", clinic, vet, wordNet, { notAnswer })).toBe(false);
    expect(namesNewAnswer("person", "The vet, Anna Lindqvist, kept him on a drip.", vet, wordNet, { notAnswer })).toBe(true);
    expect(offersAnswerType("person", clinic, vet, notAnswer)).toBe(false);
  });

  test("near question words only, when asked", () => {
    const far = "Bukele mentioned these deportation flights would enhance the capacity for intelligence gathering against the gang's remaining members.";
    const q = readQuestion("Who are the gang's members?");
    expect(namesNewAnswer("person", far, q, wordNet)).toBe(true);
    expect(namesNewAnswer("person", far, q, wordNet, { nearQuestionWords: true })).toBe(false);
  });

  test("a place asked for by kind must be of that kind", () => {
    const q = readQuestion("Which countries are on Noem's itinerary?");
    expect(namesNewAnswer("place", "Following her visit to El Salvador, Noem will head to Colombia.", q, wordNet)).toBe(true);
    expect(namesNewAnswer("place", "It includes meetings with Colombian and Mexican officials.", q, wordNet)).toBe(false);
    expect(namesNewAnswer("place", "Anything at all.", readQuestion("Where does the trip end?"), wordNet)).toBeNull();
  });
});

test("'what time' asks for a clock time, which a date does not give", () => {
  expect(offersAnswerType("time", "The bridge closes at 5 a.m. on Monday, Oct. 19.", readQuestion("What time does the bridge close?"))).toBe(true);
  expect(offersAnswerType("time", "A public meeting is set for 6:30 p.m.", readQuestion("What time is the meeting?"))).toBe(true);
  expect(offersAnswerType("time", "The bridge closes on Monday, Oct. 19.", readQuestion("What time does the bridge close?"))).toBe(false);
  // A name the question already holds is not an answer.
  expect(offersAnswerType("person", "Kristi Noem will visit.", readQuestion("Who is Kristi Noem meeting?"))).toBe(false);
});

test("'when' is answered by a day or by a clock time, not by a count", () => {
  expect(offersAnswerType("date", "Crews had the fire under control by 3:30 p.m.", readQuestion("When was the fire brought under control?"))).toBe(true);
  expect(offersAnswerType("date", "Service resumed shortly after midnight.", readQuestion("When did service resume?"))).toBe(true);
  expect(offersAnswerType("date", "Crews fought the fire for hours with 40 trucks.", readQuestion("When was the fire brought under control?"))).toBe(false);
});
