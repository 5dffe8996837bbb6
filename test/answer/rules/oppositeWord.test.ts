import { oppositeWord } from "../../../src/answer/rules/oppositeWord";
import { ruleContext } from "./context";

const MARKET = "Shares of the parent company, Meridian Group, fell 7 percent in late trading. The city opened 22 cooling centers on Tuesday.";

test("refuses a question about the opposite of what the best passage says, quoting the passage's own word", () => {
  const refusal = oppositeWord.check(ruleContext("How much did Meridian Group shares rise?", MARKET));
  expect(refusal?.rule).toBe("opposite-word");
  expect(refusal?.message).toBe("The article doesn't say that: it speaks of “fell”, not “rise”. The closest it comes:");
  expect(refusal?.closest?.sentence.text).toContain("fell 7 percent");
  expect(oppositeWord.check(ruleContext("How many cooling centers did the city close?", MARKET))?.message).toContain("“opened”, not “close”");
});

test("lets through the word itself, and a passage near the best one that holds it", () => {
  expect(oppositeWord.check(ruleContext("How much did Meridian Group shares fall?", MARKET))).toBeNull();
  const both = "Shares of Meridian Group fell 7 percent on Monday. Shares of Meridian Group rose 3 percent on Tuesday.";
  expect(oppositeWord.check(ruleContext("How much did Meridian Group shares rise on Tuesday?", both))).toBeNull();
});

test("ignores words of order, the dimension of 'how long', and prefix opposites", () => {
  const album = "Her second album won five awards, and her first album won three.";
  expect(oppositeWord.check(ruleContext("How many awards did her first album win?", album))).toBeNull();
  expect(oppositeWord.check(ruleContext("How long did the meeting run?", "The short meeting ran for more than four hours."))).toBeNull();
  expect(oppositeWord.check(ruleContext("What was the first international tour?", "The band's national tour began in May."))).toBeNull();
});

test("finds opposites WordNet does not pair (the lexicon's groups), and takes a word of the same direction as the word", () => {
  const rent = "Teresa Whitlow said her rent had risen 41 percent since 2021.";
  expect(oppositeWord.check(ruleContext("How much has Teresa Whitlow's rent dropped since 2021?", rent))?.message).toContain("“risen”, not “dropped”");
  expect(oppositeWord.check(ruleContext("How much has Teresa Whitlow's rent climbed since 2021?", rent))).toBeNull();
  const fine = "A second violation carries a $250 fine.";
  expect(oppositeWord.check(ruleContext("How much is the reward for a second violation?", fine))?.rule).toBe("opposite-word");
});

test("does not take a converse for an opposite: what one side gives, the other receives", () => {
  const credit = "The airline said it would give affected customers $200 in travel credit.";
  expect(oppositeWord.check(ruleContext("How much travel credit will affected customers receive?", credit))).toBeNull();
});

test("a word the lexicon calls the opposite does not count as the question word because WordNet relates the two", () => {
  const road = "Brenner's regional manager said the company would spend $6 million to widen the entrance road.";
  // WordNet relates "save" to "spend" (through "spare"); the lexicon pairs them as opposites.
  expect(oppositeWord.check(ruleContext("How much will Brenner save on the entrance road?", road))?.message).toContain("“spend”, not “save”");
  // WordNet's own antonyms still yield to a relative: "employer" stems to "employ", which "employees" shares.
  expect(oppositeWord.check(ruleContext("How many employees does the plant have?", "The plant employs about 4,600 people."))).toBeNull();
});

test("reads two-word phrases as the word they stand for, in the question and in the passage", () => {
  const hiring = "The district said it would hire 14 seasonal inspectors to patrol neighborhoods.";
  expect(oppositeWord.check(ruleContext("How many inspectors will the district lay off?", hiring))?.message).toBe("The article doesn't say that: it speaks of “hire”, not “lay off”. The closest it comes:");
  const layoffs = "The district said it laid off 14 seasonal inspectors in May.";
  expect(oppositeWord.check(ruleContext("How many inspectors did the district fire?", layoffs))).toBeNull();
  expect(oppositeWord.check(ruleContext("How many inspectors did the district hire?", layoffs))?.message).toContain("“laid off”, not “hire”");
});

test("a relative in a rare sense does not stand for the word: 'represents' is no 'support' beside 'against'", () => {
  const vote = "The lone vote against the restrictions came from board member Curtis Ambrose, who represents the farming district.";
  expect(oppositeWord.check(ruleContext("Why did Curtis Ambrose support the restrictions?", vote))?.message).toContain("“against”, not “support”");
  expect(oppositeWord.check(ruleContext("Why did Curtis Ambrose vote for the restrictions?", vote))?.message).toContain("“against”, not “vote for”");
  expect(oppositeWord.check(ruleContext("Why did Curtis Ambrose oppose the restrictions?", vote))).toBeNull();
  const exempt = "Hospitals and nursing homes were exempt from the rotating cuts, Lindgren said.";
  expect(oppositeWord.check(ruleContext("Why were hospitals included in the rotating cuts?", exempt))?.message).toContain("“exempt”, not “included”");
});

test("'why' presupposes what it asks about: the opposite in any of the best passages refuses", () => {
  const grant = "Okafor told governors the freeze had cost the university $4 million. The state legislature cut the university's operating grant by 6 percent.";
  const ctx = ruleContext("Why did the state legislature increase the university's operating grant, Okafor told governors?", grant, {
    scores: { "Okafor told governors": { score: 0.9 }, "The state legislature cut": { score: 0.6 } },
  });
  expect(ctx.evidence.ranked[0]?.sentence.text).toContain("Okafor told governors");
  expect(oppositeWord.check(ctx)?.message).toContain("“cut”, not “increase”");
  // Asked without "why", only the best passage is held to the question's words.
  const how = ruleContext("How much did the state legislature increase the operating grant, Okafor told governors?", grant, {
    scores: { "Okafor told governors": { score: 0.9 }, "The state legislature cut": { score: 0.6 } },
  });
  expect(oppositeWord.check(how)).toBeNull();
});

test("a 'why' question is contradicted when the word itself comes only in a passage on another topic", () => {
  const filler = ["The valley has farmed fruit for a century.", "Growers met in the village hall on Monday.", "The cooperative has 140 members.", "Most farms are run by families.", "Cherry picking begins in July.", "The festival draws visitors every summer.", "Apple trees flower in April.", "Wind machines were run through the night.", "Fires were lit between the rows.", "The local MP visited on Friday.", "Pickers arrive from across the region.", "The orchards cover 900 hectares.", "A new packing shed opened last year.", "Buyers come from three cities.", "The river floods most winters.", "Bees are hired from a nearby farm.", "The school closed for the harvest.", "Rain fell on Sunday.", "The shop sells cider and juice.", "A weather station stands on the hill."];
  const text = ["Premiums for frost insurance have risen sharply since 2019.", "On the coldest night, temperatures in the valley fell to minus 4C.", ...filler].join(" ");
  expect(oppositeWord.check(ruleContext("Why have frost insurance premiums fallen since 2019?", text))?.message).toContain("“risen”, not “fallen”");
  // The word in a passage on the same topic still lets the question through.
  const both = text.replace("temperatures in the valley fell to minus 4C", "premiums for orchards fell in one county");
  expect(oppositeWord.check(ruleContext("Why have frost insurance premiums fallen since 2019?", both))).toBeNull();
});

test("feelings and doublings have their opposites: 'delighted' against 'disappointed', 'doubled' against 'halved'", () => {
  const text = "The county council said it was deeply disappointed by the cuts. Bookings for the weekend had halved.";
  expect(oppositeWord.check(ruleContext("Why was the county council delighted by the cuts?", text))?.message).toContain("“disappointed”, not “delighted”");
  expect(oppositeWord.check(ruleContext("Why did bookings for the weekend double?", text))?.message).toContain("“halved”, not “double”");
});
