/**
 * The vector index and its LangChain adapter: `HnswVectorStore` answers LangChain's `similaritySearch`
 * over the same `HnswIndex` the engine searches directly, and loading an index (the path of every
 * `ask`) never loads LangChain's VectorStore/runnable stack.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalSentenceEmbeddings } from "../../src/index/embeddings";
import { HnswIndex, HnswVectorStore } from "../../src/index/hnswStore";

const DOCS = [
  "The harbor bridge closed on Monday for repairs.",
  "Nurses at the clinic went on strike on Tuesday.",
  "The river rose above its banks overnight and homes were evacuated.",
];

test("LangChain's similaritySearch works over the index, and a saved index loads with the same answers", async () => {
  const embeddings = new LocalSentenceEmbeddings();
  const store = new HnswVectorStore(embeddings);
  await store.addDocuments(DOCS.map((text, i) => ({ pageContent: text, metadata: { n: i }, id: `d${i}` })));
  const [top] = await store.similaritySearch("Why was the bridge shut?", 1);
  expect(top?.pageContent).toBe(DOCS[0]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "article-bot-hnsw-"));
  await store.save(dir);
  const loaded = await HnswIndex.load(dir);
  const query = await embeddings.embedQuery("a strike by nurses");
  const [[doc, score] = []] = loaded.searchSync(query, 1);
  expect(doc).toEqual({ pageContent: DOCS[1], metadata: { n: 1 }, id: "d1" });
  expect(score).toBeGreaterThan(0.3);
  const viaAdapter = await HnswVectorStore.load(dir, embeddings);
  expect((await viaAdapter.similaritySearchVectorWithScore(query, 3)).map(([d]) => d.id)).toEqual(loaded.searchSync(query, 3).map(([d]) => d.id));
});

test("from dist/, opening an index does not load LangChain's vector store or langsmith (cold start)", async () => {
  const dist = path.join(__dirname, "../../dist");
  const script = `require(${JSON.stringify(path.join(dist, "engine.js"))});
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({ vectorstores: loaded.some((k) => k.includes("@langchain/core/dist/vectorstores")), langsmith: loaded.some((k) => k.includes("/langsmith/")), embeddings: loaded.some((k) => k.includes("@langchain/core/dist/embeddings")) }));`;
  const stdout = await new Promise<string>((resolve, reject) => execFile(process.execPath, ["-e", script], { timeout: 60000 }, (err, out) => (err ? reject(new Error(err.message)) : resolve(out))));
  // LangChain's Embeddings interface stays (and is light); the retriever/runnable stack is not loaded.
  expect(JSON.parse(stdout)).toEqual({ vectorstores: false, langsmith: false, embeddings: true });
});
