/**
 * Rebuilds reuse the vectors of texts embedded before (the real model, counting what it is asked to
 * embed): an unchanged corpus embeds nothing, one edited document embeds only its new texts, and a
 * damaged or foreign cache file is ignored rather than trusted.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadCorpus } from "../../src/corpus/load";
import { chunkDocument } from "../../src/index/chunk";
import { type EmbeddingProvider, LOCAL_MODEL_NAME, LocalSentenceEmbeddings } from "../../src/index/embeddings";
import { sentenceKey } from "../../src/corpus/types";
import { buildIndex } from "../../src/index/store";
import { VectorCache, vectorCachePath } from "../../src/index/vectorCache";

/** The real local model, counting every text it embeds. */
class CountingEmbeddings extends LocalSentenceEmbeddings {
  embedded: string[] = [];
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded.push(...texts);
    return super.embedDocuments(texts);
  }
}

const ARTICLES: Record<string, string> = {
  "harbor.txt": "The harbor bridge closed on Monday for repairs.\n\nOfficials said the work would take three weeks. Ferries will run every twenty minutes.",
  "clinic.txt": "Nurses at the clinic went on strike on Tuesday.\n\nThe union asked for more staff. Managers said talks would resume on Friday.",
  "flood.txt": "The river rose above its banks overnight.\n\nTwo hundred homes were evacuated. Volunteers filled sandbags until dawn.",
};

function setUp(): { corpusDir: string; indexDir: string; counting: CountingEmbeddings; provider: EmbeddingProvider } {
  const root = mkdtempSync(path.join(os.tmpdir(), "article-bot-cache-"));
  const corpusDir = path.join(root, "corpus");
  mkdirSync(corpusDir);
  for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(path.join(corpusDir, name), text);
  const counting = new CountingEmbeddings();
  const provider: EmbeddingProvider = { embeddings: counting, provider: "local", model: LOCAL_MODEL_NAME, dimensions: 512, workers: 0 };
  return { corpusDir, indexDir: path.join(root, "index"), counting, provider };
}

async function textsOf(corpusDir: string): Promise<string[]> {
  const corpus = await loadCorpus(corpusDir);
  return corpus.documents.flatMap((d) => [...chunkDocument(d).map((c) => c.text), ...d.sentences.map((s) => s.text)]);
}

test("an unchanged corpus embeds nothing again, and one edited document embeds only its new texts", async () => {
  const { corpusDir, indexDir, counting, provider } = setUp();
  const first = await buildIndex(await loadCorpus(corpusDir), provider, indexDir);
  const before = await textsOf(corpusDir);
  expect(counting.embedded).toHaveLength(before.length);

  counting.embedded = [];
  const notices: string[] = [];
  const again = await buildIndex(await loadCorpus(corpusDir), provider, indexDir, { notify: (m) => notices.push(m) });
  expect(counting.embedded).toEqual([]);
  expect(notices.join("\n")).toMatch(`Reused ${before.length} of ${before.length} vectors`);
  // The reused vectors are the very ones first computed.
  for (const [key, vector] of first.sentenceVectors) expect(again.sentenceVectors.get(key)).toEqual(vector);

  // One sentence of one document changes: only it and the chunk holding it are new texts.
  writeFileSync(path.join(corpusDir, "clinic.txt"), (ARTICLES["clinic.txt"] ?? "").replace("on Friday", "next Monday"));
  counting.embedded = [];
  const edited = await buildIndex(await loadCorpus(corpusDir), provider, indexDir);
  const after = await textsOf(corpusDir);
  const fresh = after.filter((t) => !before.includes(t));
  expect(fresh.length).toBeGreaterThanOrEqual(2);
  expect(counting.embedded.sort()).toEqual([...new Set(fresh)].sort());
  expect(counting.embedded.every((t) => t.includes("next Monday"))).toBe(true);
  // Other documents keep their vectors; the edited sentence has a new one.
  expect(edited.sentenceVectors.get(sentenceKey("harbor", 0))).toEqual(first.sentenceVectors.get(sentenceKey("harbor", 0)));
  const changed = edited.documents.get("clinic")?.sentences.find((s) => s.text.includes("next Monday"));
  expect(changed).toBeDefined();
  const changedKey = sentenceKey("clinic", changed?.index ?? -1);
  expect(edited.sentenceVectors.get(changedKey)).toHaveLength(512);
  expect(edited.sentenceVectors.get(changedKey)).not.toEqual(first.sentenceVectors.get(changedKey));
});

test("a corrupt, truncated or foreign cache file is ignored (with a notice) and replaced", async () => {
  const { corpusDir, indexDir, counting, provider } = setUp();
  await buildIndex(await loadCorpus(corpusDir), provider, indexDir);
  const total = counting.embedded.length;
  const file = vectorCachePath(indexDir);
  const good = readFileSync(file);

  const damaged = Buffer.from(good);
  damaged[damaged.length - 10] = (damaged[damaged.length - 10] ?? 0) ^ 0xff;
  for (const [bytes, reason] of [
    [damaged, /does not match its checksum/],
    [good.subarray(0, good.length - 100), /truncated/],
  ] as const) {
    writeFileSync(file, bytes);
    counting.embedded = [];
    const notices: string[] = [];
    await buildIndex(await loadCorpus(corpusDir), provider, indexDir, { notify: (m) => notices.push(m) });
    expect(counting.embedded).toHaveLength(total);
    expect(notices.join("\n")).toMatch(reason);
  }
  // The rebuilt file is whole again, and another model's vectors are never taken for this one's.
  // (A one-sentence paragraph's chunk and sentence are the same text: one entry.)
  expect((await VectorCache.open(indexDir, "local", LOCAL_MODEL_NAME)).size).toBe(new Set(await textsOf(corpusDir)).size);
  const foreign = await VectorCache.open(indexDir, "openai", "text-embedding-3-small");
  expect(foreign.size).toBe(0);
  expect(foreign.ignoredBecause).toMatch(/holds local\//);
  // vectorCache: false embeds everything and leaves the file alone.
  counting.embedded = [];
  await buildIndex(await loadCorpus(corpusDir), provider, indexDir, { vectorCache: false });
  expect(counting.embedded).toHaveLength(total);
});
