import { WordNet } from "../../src/text/wordnet";

describe("WordNet reader", () => {
  const lexicon = new WordNet();

  test("relates a word to its synonyms, neighbours in the hierarchy and derivations", () => {
    expect(lexicon.related("lockup")).toEqual(expect.arrayContaining(["jail"]));
    expect(lexicon.related("goal")).toEqual(expect.arrayContaining(["aim"]));
    expect(lexicon.related("mexican")).toEqual(expect.arrayContaining(["mexico"]));
    // Inflected forms are looked up by their base form (morphy's rules).
    expect(lexicon.related("finishes")).toEqual(expect.arrayContaining(["conclude"]));
    // Phrasal multi-word lemmas are left out; names are kept.
    expect(lexicon.related("start").some((w) => w.includes(" ") && !/^[A-Z]/.test(w) && w === "set off")).toBe(false);
  });

  test("knows dictionary words, not people's names", () => {
    expect(lexicon.has("population")).toBe(true);
    expect(lexicon.has("countries")).toBe(true);
    expect(lexicon.has("noem")).toBe(false);
    expect(lexicon.has("sheinbaum")).toBe(false);
    expect(lexicon.related("sheinbaum")).toEqual([]);
  });

  test("reads a demonym as the place it pertains to", () => {
    expect(lexicon.pertainsTo("mexican")).toEqual(["mexico"]);
    expect(lexicon.pertainsTo("salvadoran")).toEqual(["el salvador"]);
    expect(lexicon.pertainsTo("secure")).toEqual([]);
  });

  test("files names under their kinds", () => {
    expect(lexicon.isKindOf("colombia", "country")).toBe(true);
    expect(lexicon.isKindOf("El Salvador", "country")).toBe(true);
    expect(lexicon.isKindOf("paris", "city")).toBe(true);
    expect(lexicon.isKindOf("mexican", "country")).toBe(false);
    expect(lexicon.isKindOf("paris", "country")).toBe(false);
    expect(lexicon.nounBase("countries")).toBe("country");
    expect(lexicon.nounBase("xqzv")).toBeNull();
  });
});
