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
