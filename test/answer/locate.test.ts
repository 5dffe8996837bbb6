import { readFileSync } from "node:fs";
import path from "node:path";
import { locateQuote, normalizeForMatch } from "../../src/answer/locate";

const article = readFileSync(path.resolve(__dirname, "../../corpus/noem-el-salvador-visit.txt"), "utf8");

/** Locates and returns the article's own text at the found offsets (or null). */
function found(text: string, quote: string, foldAccents = false): string | null {
  const at = locateQuote(text, quote, { foldAccents });
  return at === null ? null : text.slice(at.start, at.end);
}

describe("normalizeForMatch", () => {
  it("keeps an exact map back to original offsets when lengths change", () => {
    const s = "Don’t  —\n“Héctor”… e\u0301";
    for (const foldAccents of [false, true]) {
      const { normalized, map, ends } = normalizeForMatch(s, { foldAccents });
      expect(map).toHaveLength(normalized.length + 1);
      expect(ends).toHaveLength(normalized.length);
      for (let i = 0; i < normalized.length; i++) {
        expect(map[i]).toBeLessThan(ends[i] ?? -1);
        if (i > 0) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1] ?? Infinity);
      }
    }
    expect(normalizeForMatch(s).normalized).toBe("dont-héctor... é");
    expect(normalizeForMatch(s, { foldAccents: true }).normalized).toBe("dont-hector... e");
  });

  it("folds every dash style and the spaces around it to one hyphen", () => {
    for (const s of ["a—b", "a — b", "a - b", "a -- b", "a–b", "a\u2011b"]) {
      expect(normalizeForMatch(s).normalized).toBe("a-b");
    }
  });
});

describe("locateQuote", () => {
  it("matches a straight apostrophe against the article's curly one and returns the article's text", () => {
    const got = found(article, "Don't even think about it.");
    expect(got).toBe("Don’t even think about it.");
  });

  it("matches a curly apostrophe against a straight one", () => {
    const text = "He said: Don't go there, it is far too late now.";
    expect(found(text, "Don’t go there, it is far too late")).toBe("Don't go there, it is far too late");
  });

  it("tolerates an em dash written as a hyphen, and the reverse", () => {
    const text = "The plan — announced on Monday — was dropped by Friday.";
    expect(found(text, "The plan - announced on Monday - was dropped")).toBe(
      "The plan — announced on Monday — was dropped",
    );
    expect(found("A zero-tolerance stance on crime", "a zero—tolerance stance")).toBe("A zero-tolerance stance");
  });

  it("tolerates double spaces, newlines and case", () => {
    const text = "First line ends here\nand the  second   line\tcontinues after it.";
    expect(found(text, "ENDS HERE and the second line continues")).toBe(
      "ends here\nand the  second   line\tcontinues",
    );
  });

  it("finds a quote that spans a line break in the article", () => {
    const quote = "primarily members of violent gangs, including the notorious Tren de Aragua. Accompanying her";
    expect(found(article, quote)).toBe(
      "primarily members of violent gangs, including the notorious Tren de Aragua.\nAccompanying her",
    );
  });

  it("folds accents only when asked", () => {
    const quote = "Hector Gustavo Villatoro, El Salvador's Minister of Justice";
    expect(found(article, quote)).toBeNull();
    expect(found(article, quote, true)).toBe("Héctor Gustavo Villatoro, El Salvador's Minister of Justice");
  });

  it("matches a decomposed accent in the text against a precomposed one in the quote", () => {
    const text = "We met He\u0301ctor Villatoro at the ministry today.";
    expect(found(text, "met Héctor Villatoro at the ministry")).toBe("met He\u0301ctor Villatoro at the ministry");
  });

  it("ignores quote marks, ellipses and punctuation the model adds or drops at the edges", () => {
    expect(found(article, "…we will hunt you down, and lock you up…")).toBe("we will hunt you down, and lock you up");
    expect(found(article, "\"If you come to our country and break our laws, we will hunt you down, and lock you up.\"")).toBe(
      "If you come to our country and break our laws, we will hunt you down, and lock you up.",
    );
    expect(found(article, "“whom the Salvadoran government deemed ‘special cases’”")).toBe(
      "whom the Salvadoran government deemed 'special cases",
    );
  });

  it("matches when the model swaps inner double quotes for single ones", () => {
    expect(found(article, "by stating, 'If you come to our country")).toBe("by stating, \"If you come to our country");
  });

  it("returns null for a quote that is not in the article", () => {
    expect(locateQuote(article, "Noem announced a new border wall funded by Mexico.")).toBeNull();
  });

  it("returns null when one word is changed", () => {
    expect(locateQuote(article, "we will hunt you down, and lock you away")).toBeNull();
    expect(locateQuote(article, "261 illegal aliens were deported to Honduras on March 15")).toBeNull();
  });

  it("returns null for quotes too short to mean anything", () => {
    expect(locateQuote(article, "Noem")).toBeNull();
    expect(locateQuote(article, "El Salvador")).toBeNull(); // two words
    expect(locateQuote(article, "on a a")).toBeNull(); // three words but under 12 characters
    expect(locateQuote(article, "“…”")).toBeNull();
  });

  it("requires word boundaries at both ends", () => {
    // "egarding the removal of violent" is inside "regarding …": a cut word is not a quote.
    expect(locateQuote(article, "egarding the removal of violent")).toBeNull();
    expect(found(article, "regarding the removal of violent")).toBe("regarding the removal of violent");
  });

  it("returns offsets whose slice is the article's text, for every sentence of the article", () => {
    const sentences = article.split(/(?<=[.!?])\s+/).filter((s) => s.split(" ").length >= 3);
    expect(sentences.length).toBeGreaterThan(20);
    for (const sentence of sentences) {
      const at = locateQuote(article, sentence.toUpperCase().replace(/’/g, "'"));
      expect(at).not.toBeNull();
      if (at === null) continue;
      expect(article.slice(at.start, at.end).toUpperCase().replace(/’/g, "'")).toBe(
        sentence.toUpperCase().replace(/’/g, "'").replace(/^["“”]+|["“”]+$/g, ""),
      );
    }
  });
});
