/** How questions are read: their focus, what they count, and which names could answer them. */
import { countedTerms, countsNear, expectedAnswerType, namesNewAnswer, offersAnswerType, roleModifiers, subsetWords } from "../../src/answer/answerType";
import { isGistQuestion, questionFocus, questionSlots } from "../../src/answer/questions";

describe("questionFocus", () => {
  test.each([
    ["What is the population of El Salvador?", ["population"]],
    ["What is Nayib Bukele's political party?", ["political", "party"]],
    ["What was the weather like during Noem's visit?", ["weather"]],
    ["How old is Kristi Noem?", ["old"]],
    ["Where was Kristi Noem born?", ["born"]],
    ["When was this article published?", ["published"]],
    ["Did a judge try to stop the deportation flights?", ["judge", "try"]],
  ])("%s → %j", (question, focus) => {
    expect(questionFocus(question)).toEqual(focus);
  });

  test.each([
    "Where will Noem travel after El Salvador?", // ends in a name, not a verb
    "How many Venezuelans were deported?", // a count, not a property
    "How long will the detainees be held?",
    "What does the Alien Enemies Act permit?", // an open question
    "Why is Noem visiting?",
  ])("%s has no focus slot", (question) => {
    expect(questionFocus(question)).toEqual([]);
  });
});

test("isGistQuestion: about the whole article, not about something in it", () => {
  for (const q of ["What is this article about?", "What's the story about", "what happened?", "TL;DR", "summarize this", "Give me the gist"]) expect({ q, gist: isGistQuestion(q) }).toEqual({ q, gist: true });
  for (const q of ["What happened to the bridge?", "What is the article's date?", "Summarize what Bukele said"]) expect({ q, gist: isGistQuestion(q) }).toEqual({ q, gist: false });
});

test("questionSlots reads the kind asked for in 'which X'", () => {
  expect(questionSlots("Which airport did the flights land at?").kind).toBe("airport");
  expect(questionSlots("Under which law were the migrants deported?").kind).toBe("law");
  expect(questionSlots("Who is the minister?").kind).toBeNull();
});

describe("counts", () => {
  test("countedTerms reads what 'how many' counts", () => {
    expect(countedTerms("How many Tren de Aragua members were deported?")).toEqual(expect.arrayContaining(["aragua", "member"]));
    expect(countedTerms("how many venezuelans got deported")).toEqual(["venezuelan"]);
    expect(countedTerms("How many of the deportees were women?")).toEqual([]);
    expect(countedTerms("How many people showed up to the public meeting?")).toEqual(["peopl"]);
    expect(subsetWords("How many of the 261 deportees were women?")).toEqual(["women"]);
    expect(subsetWords("How many deportees were women?")).toEqual([]);
    expect(countedTerms("When does Noem arrive?")).toEqual([]);
  });

  test("countsNear needs the number beside the thing counted", () => {
    const sentence = "This visit follows the recent deportation of over 250 migrant criminals, primarily members of violent gangs, including the notorious Tren de Aragua.";
    expect(countsNear(sentence, "migrant")).toBe(true);
    expect(countsNear(sentence, "aragua")).toBe(false);
    expect(countsNear("Among those deported, 101 were Venezuelans.", "venezuelan")).toBe(true);
    // The digits of a date are not a count.
    expect(countsNear("Noem arrives on March 26, 2025, with officials.", "offici")).toBe(false);
  });
});

describe("namesNewAnswer", () => {
  const who = "Who will accompany Noem on the tour?";
  test("a person is a name the dictionary does not know, not one the question already holds", () => {
    expect(namesNewAnswer("person", "During her tour, Noem and Villatoro will get firsthand insight.", who)).toBe(true);
    expect(namesNewAnswer("person", "Secretary of Homeland Security Kristi Noem is set to visit El Salvador.", who)).toBe(false);
    expect(namesNewAnswer("person", "Among those deported, many were members of gangs.", who)).toBe(false);
  });

  test("near question words only, when asked", () => {
    const far = "Bukele mentioned these deportation flights would enhance the capacity for intelligence gathering against the gang's remaining members.";
    expect(namesNewAnswer("person", far, "Who are the gang's members?")).toBe(true);
    expect(namesNewAnswer("person", far, "Who are the gang's members?", { nearQuestionWords: true })).toBe(false);
  });

  test("a place asked for by kind must be of that kind", () => {
    const q = "Which countries are on Noem's itinerary?";
    expect(namesNewAnswer("place", "Following her visit to El Salvador, Noem will head to Colombia.", q)).toBe(true);
    expect(namesNewAnswer("place", "It includes meetings with Colombian and Mexican officials.", q)).toBe(false);
    expect(namesNewAnswer("place", "Anything at all.", "Where does the trip end?")).toBeNull();
  });
});

describe("answer types", () => {
  test("'which Mexican president' asks for a person, narrowed by 'Mexican'", () => {
    expect(expectedAnswerType("Which Mexican president will Noem meet?")).toBe("person");
    expect(expectedAnswerType("Which presidents is Noem scheduled to meet?")).toBe("person");
    expect(roleModifiers("Which Mexican president will Noem meet?")).toEqual(["mexican"]);
    expect(roleModifiers("Which presidents is Noem scheduled to meet?")).toEqual([]);
  });

  test("'what time' asks for a clock time, which a date does not give", () => {
    expect(expectedAnswerType("What time does the last ferry leave?")).toBe("time");
    expect(expectedAnswerType("What date will Noem be in Colombia?")).toBe("date");
    expect(offersAnswerType("time", "The bridge closes at 5 a.m. on Monday, Oct. 19.", "What time does the bridge close?")).toBe(true);
    expect(offersAnswerType("time", "A public meeting is set for 6:30 p.m.", "What time is the meeting?")).toBe(true);
    expect(offersAnswerType("time", "The bridge closes on Monday, Oct. 19.", "What time does the bridge close?")).toBe(false);
  });
});
