import { normaliseAnswer, shortAnswer, type ShortType } from "../../src/answer/judge/short";

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

  test("the digits of a time are not a count, and a year is not one either", () => {
    const short = shortIn("number", "How many drivers walked off the job at 12:01?", sentences[0]!);
    expect(short?.text).toBe("About 4,300");
    expect(shortIn("number", "How many sisters founded it?", sentences[3]!)).toBeNull();
  });

  test("answers are compared the way SQuAD compares them", () => {
    expect(normaliseAnswer("The Sisters of Mercy.")).toBe("sisters of mercy");
    expect(normaliseAnswer("$9.5 million")).toBe("9 5 million");
  });
});
