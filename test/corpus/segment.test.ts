import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "../../src/corpus/load";
import { segmentDocument } from "../../src/corpus/segment";
import { findStatements } from "../../src/corpus/attribution";

const ARTICLE = readFileSync(path.join(__dirname, "../../corpus/noem-el-salvador-visit.txt"), "utf8");

describe("segmentation", () => {
  test("every sentence and paragraph is the original text at its offsets", () => {
    const { paragraphs, sentences } = segmentDocument(ARTICLE);
    expect(paragraphs).toHaveLength(10);
    for (const s of sentences) {
      expect(ARTICLE.slice(s.start, s.end)).toBe(s.text);
      expect(s.text).toBe(s.text.trim());
    }
    expect(sentences).toHaveLength(28);
  });

  test("abbreviations, initials, curly quotes and accents do not split sentences or shift offsets", () => {
    const text = "Mr. Smith met Dr. Jones in the U.S. on Jan. 5. John F. Kelly said “Don’t go.” Then Héctor left.\nThe “Why?” she asked was odd.";
    const { sentences } = segmentDocument(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Mr. Smith met Dr. Jones in the U.S. on Jan. 5.",
      "John F. Kelly said “Don’t go.”",
      "Then Héctor left.",
      "The “Why?” she asked was odd.",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  test("blank-line paragraphs when the text has blank lines; markdown markup is not part of a sentence", () => {
    const text = "# Heading here\n\nFirst paragraph line one\nstill the first paragraph.\n\n- A bullet sentence.";
    const { paragraphs, sentences } = segmentDocument(text);
    expect(paragraphs).toHaveLength(3);
    expect(sentences.map((s) => [s.paragraph, s.text])).toEqual([
      [1, "Heading here"],
      [2, "First paragraph line one\nstill the first paragraph."],
      [3, "A bullet sentence."],
    ]);
  });

  test("front matter gives title, source and date, and offsets still point into the whole file", () => {
    const text = "---\ntitle: A Test Story\nsource: https://example.com/a\ndate: 2025-03-26\n---\nOne sentence here. Another one.";
    const doc = parseDocument("story", text);
    expect(doc.title).toBe("A Test Story");
    expect(doc.source).toBe("https://example.com/a");
    expect(doc.date).toBe("2025-03-26");
    expect(doc.sentences[0]?.text).toBe("One sentence here.");
    expect(text.slice(doc.sentences[1]?.start, doc.sentences[1]?.end)).toBe("Another one.");
  });

  test("a document without a title gets a readable one from its first sentence", () => {
    expect(parseDocument("x", "Short first line. Then more.").title).toBe("Short first line");
    const long = parseDocument("x", `${"word ".repeat(40)}end.`);
    expect(long.title.length).toBeLessThanOrEqual(92);
    expect(long.title.endsWith("…")).toBe(true);
  });
});

describe("direct speech", () => {
  test("finds the article's quoted statements and their speakers", () => {
    const doc = parseDocument("noem", ARTICLE);
    const statements = findStatements(doc);
    expect(statements.map((s) => [s.speaker, s.paragraph])).toEqual([
      ["Tricia McLaughlin", 3],
      ["Tricia McLaughlin", 8],
      ["Nayib Bukele", 9],
    ]);
    for (const s of statements) expect(ARTICLE.slice(s.start, s.end)).toBe(s.text);
    // 'special cases.' is a term in single quotes, not a statement.
    expect(statements.some((s) => s.text.includes("special cases"))).toBe(false);
  });

  test("attribution after the quote and in the previous sentence", () => {
    const doc = parseDocument("t", "Governor Ann Lee spoke on Monday.\n“We will rebuild the bridge by May,” said Lee. “It will cost a lot of money,” the governor added.");
    const speakers = findStatements(doc).map((s) => s.speaker);
    expect(speakers[0]).toBe("Ann Lee");
  });
});
