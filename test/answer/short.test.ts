import { citationAt } from "../../src/answer/citations";
import { readQuestion } from "../../src/answer/reading";
import { citedShortAnswer, isShortAnswerOf, normaliseAnswer, shortAnswer, shortQuestionOf, type ShortType } from "../../src/answer/short";
import { parseDocument } from "../../src/corpus/load";
import type { CorpusDocument } from "../../src/corpus/types";

const sentences = [
  "BRANSTEAD — About 4,300 train drivers at Northern Coastline Rail walked off the job at 12:01 a.m. Tuesday.",
  "The walkout is supposed to last 72 hours, Mayor Lorraine Okafor said in Port Eldrin.",
  "The city is putting $9.5 million toward the project, which will cost $148 million in all.",
  "St. Brennan’s was founded in 1889 by the Sisters of Mercy.",
];
const doc = sentences.join(" ");

function shortIn(type: ShortType | null, question: string, sentence: string) {
  const start = doc.indexOf(sentence);
  return shortAnswer({ type, question, docId: "d", documentText: doc, start, end: start + sentence.length });
}

describe("short answers", () => {
  test.each([
    ["number", "How many train drivers walked off the job?", 0, "About 4,300"],
    ["time", "At what time did the strike begin?", 0, "12:01 a.m."],
    ["duration", "How long is the walkout supposed to last?", 1, "72 hours"],
    ["person", "Who said how long the walkout would last?", 1, "Mayor Lorraine Okafor"],
    ["place", "Where did the mayor speak?", 1, "Port Eldrin"],
    ["money", "How much public money is the city putting toward the project?", 2, "$9.5 million"],
    ["date", "In what year was St. Brennan’s founded?", 3, "1889"],
  ] as const)("%s: %s", (type, question, n, want) => {
    const sentence = sentences[n]!;
    const short = shortIn(type, question, sentence);
    expect(short?.text).toBe(want);
    // The article's own text at the offsets, never rebuilt.
    expect(doc.slice(short!.start, short!.end)).toBe(short!.text);
  });

  test("no short answer for an open question, or when the sentence holds only what the question says", () => {
    const sentence = sentences[1]!;
    expect(shortIn(null, "Why is there a walkout?", sentence)).toBeNull();
    expect(shortIn("place", "Did Mayor Lorraine Okafor speak in Port Eldrin?", "Mayor Lorraine Okafor said in Port Eldrin.")).toBeNull();
    expect(shortIn("money", "How long is the walkout?", sentence)).toBeNull();
  });

  test("no pick among several spans far from every word the question shares with the sentence; a lone one stays", () => {
    const alone = (question: string, text: string) => shortAnswer({ type: "date", question, docId: "d", documentText: text, start: 0, end: text.length });
    const far = "On Monday and again on Tuesday, rail officials, after a long night of talks that went nowhere at all, said the strike would go on.";
    expect(alone("When did the strike start?", far)).toBeNull();
    expect(alone("When did the strike start?", far.replace(" and again on Tuesday", ""))?.text).toBe("Monday");
    expect(alone("When did the strike start?", "The strike started on Monday, not on Tuesday.")?.text).toBe("Monday");
  });

  test("a name the dictionary files as a place does not answer 'who'", () => {
    const text = "Following her visit to El Salvador, Noem will meet with President Gustavo Petro.";
    const who = (isPlace?: (name: string) => boolean) =>
      shortAnswer({ type: "person", question: "Who will Noem meet?", docId: "d", documentText: text, start: 0, end: text.length, ...(isPlace ? { sorts: { isPlace, isPerson: () => false } } : {}) })?.text;
    expect(who()).toBe("El Salvador");
    expect(who((name) => name === "El Salvador")).toBe("President Gustavo Petro");
  });

  test("'who is the president of X' takes the name the office opens, over a name nearer X", () => {
    const text = "Following her visit to El Salvador, Noem will head to Colombia on March 27, where she will meet with President Gustavo Petro.";
    const who = (question: string) => shortAnswer({ ...shortQuestionOf(readQuestion(question)), type: "person", docId: "d", documentText: text, start: 0, end: text.length })?.text;
    expect(who("Who is the president of Colombia?")).toBe("President Gustavo Petro");
    expect(who("Who will Noem meet in Colombia?")).toBe("El Salvador"); // no office asked: the nearest name, as before
  });

  test("'when' takes the clock time of a sentence that gives no day, and the day of one that does", () => {
    const when = (text: string) => shortAnswer({ type: "date", question: "When was the fire brought under control?", docId: "d", documentText: text, start: 0, end: text.length })?.text;
    expect(when("Crews had the fire under control by 3:30 p.m., officials said.")).toBe("3:30 p.m.");
    expect(when("Crews had the fire under control on Tuesday.")).toBe("Tuesday");
  });

  test("people the corpus shows to be people do not answer 'where'", () => {
    const text = "On Friday, Noem and Villatoro flew to Tecoluca.";
    const where = (isPerson?: (name: string) => boolean) =>
      shortAnswer({ type: "place", question: "Where did they go on Friday?", docId: "d", documentText: text, start: 0, end: text.length, ...(isPerson ? { sorts: { isPlace: () => false, isPerson } } : {}) })?.text;
    expect(where()).toBe("Noem and Villatoro");
    expect(where((name) => name.includes("Noem"))).toBe("Tecoluca");
  });

  test("the digits of a time are not a count, and a year is not one either", () => {
    const short = shortIn("number", "How many drivers walked off the job at 12:01?", sentences[0]!);
    expect(short?.text).toBe("About 4,300");
    expect(shortIn("number", "How many sisters founded it?", sentences[3]!)).toBeNull();
  });

  test("a number joined to a name by a hyphen is part of the name, not a count", () => {
    const text = "The flights will help fight MS-13, officials said, after 261 people were flown out.";
    const short = shortAnswer({ type: "number", question: "How many people were flown out?", docId: "d", documentText: text, start: 0, end: text.length });
    expect(short?.text).toBe("261");
    const onlyName = "The flights will help fight MS-13 and COVID-19.";
    expect(shortAnswer({ type: "number", question: "How many flights?", docId: "d", documentText: onlyName, start: 0, end: onlyName.length })).toBeNull();
  });

  test("answers are compared the way SQuAD compares them", () => {
    expect(normaliseAnswer("The Sisters of Mercy.")).toBe("sisters of mercy");
    expect(normaliseAnswer("$9.5 million")).toBe("9 5 million");
  });
});

/** The short answer `ask` would give for `question` when its first citation is the document's sentence starting `opening`. */
function citedIn(doc: CorpusDocument, question: string, opening: string, history?: string[]) {
  const sentence = doc.sentences.find((s) => s.text.startsWith(opening))!;
  return citedShortAnswer(doc, citationAt(doc, sentence.start, sentence.end), shortQuestionOf(readQuestion(question, { history })));
}

describe("the short answer of a cited sentence (what ask returns)", () => {
  const stored = sentences.join(" ");

  test("is the document's text at its offsets, inside the citation", () => {
    const doc = parseDocument("d", stored);
    const short = citedIn(doc, "How many train drivers walked off the job?", "BRANSTEAD")!;
    expect(short).toEqual({ text: "About 4,300", docId: "d", start: stored.indexOf("About 4,300"), end: stored.indexOf("About 4,300") + 11 });
    expect(stored.slice(short.start, short.end)).toBe(short.text);
    expect(isShortAnswerOf(stored, short)).toBe(true);
    // The check refuses anything else: other offsets, other text, an empty span.
    expect(isShortAnswerOf(stored, { ...short, start: short.start + 1 })).toBe(false);
    expect(isShortAnswerOf(stored, { ...short, text: "4,300" })).toBe(false);
    expect(isShortAnswerOf(stored, { ...short, end: short.start })).toBe(false);
  });

  test("in a file that is not NFC, its offsets index the text as stored, like the citation's", () => {
    // "José Martínez" typed with combining accents before the span: NFC offsets would be off by two.
    const decomposed = `Jose\u0301 Marti\u0301nez wrote it. ${sentences[1]}`;
    const doc = parseDocument("nfd", decomposed);
    expect(doc.stored).toBeDefined();
    const short = citedIn(doc, "Where did the mayor speak?", "The walkout")!;
    expect(short.text).toBe("Port Eldrin");
    expect(decomposed.slice(short.start, short.end)).toBe("Port Eldrin");
    const who = citedIn(parseDocument("nfd2", sentences[1]!.replace("Lorraine Okafor", "Jose\u0301 Marti\u0301nez")), "Who spoke in Port Eldrin?", "The walkout")!;
    expect(who.text).toBe("Mayor Jose\u0301 Marti\u0301nez");
  });

  test("is null for an open question, a citation of another document, or a sentence without the asked type", () => {
    const doc = parseDocument("d", stored);
    expect(citedIn(doc, "Why is there a walkout?", "The walkout")).toBeNull();
    expect(citedIn(doc, "What did the walkout cost?", "The walkout")).toBeNull();
    const other = parseDocument("other", stored);
    const sentence = other.sentences[0]!;
    expect(citedShortAnswer(doc, citationAt(other, sentence.start, sentence.end), { question: "How many drivers?", type: "number" })).toBeNull();
    expect(citedShortAnswer(doc, undefined, { question: "How many drivers?", type: "number" })).toBeNull();
  });

  test("the type is read from the whole question; a follow-up's from what was asked now", () => {
    // The question-sentence split breaks after "St.": the short answer still sees "In what year".
    expect(citedIn(parseDocument("d", stored), "In what year was St. Brennan’s founded?", "St. Brennan")?.text).toBe("1889");
    const history = ["How long is the walkout supposed to last?"];
    expect(shortQuestionOf(readQuestion("and who said so?", { history }))).toEqual({ question: "How long is the walkout supposed to last? and who said so?", type: "person" });
    expect(citedIn(parseDocument("d", stored), "and who said so?", "The walkout", history)?.text).toBe("Mayor Lorraine Okafor");
    expect(shortQuestionOf(readQuestion("and why?", { history })).type).toBeNull();
  });
});
