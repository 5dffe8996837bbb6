/**
 * Retrieval's order of work: the question's vector is asked for first and the lexical search runs while
 * it is computed (in an embedding worker that is time the event loop would otherwise spend waiting).
 * Real corpus terms over a parsed article; the vector search and the embeddings are small fakes that
 * record when they are called.
 */
import { CorpusTerms } from "../../src/answer/corpusTerms";
import { readQuestion } from "../../src/answer/reading";
import { type SearchIndex, Retriever } from "../../src/answer/retrieve";
import { chunkDocument } from "../../src/index/chunk";
import { parseDocument } from "../../src/corpus/load";
import { sentenceKey } from "../../src/corpus/types";
import { WordNet } from "../../src/text/wordnet";
import { BRIDGE_ARTICLE } from "./rules/context";

function setup() {
  const doc = parseDocument("article", BRIDGE_ARTICLE);
  const corpus = new CorpusTerms([doc], new WordNet());
  const chunks = chunkDocument(doc);
  const events: string[] = [];
  let finishEmbedding: (vector: number[]) => void = () => undefined;
  const index: SearchIndex = {
    documents: new Map([[doc.id, doc]]),
    chunkById: new Map(chunks.map((c) => [c.id, c])),
    vectors: {
      searchSync: () => {
        events.push("vector search");
        return chunks.map((c) => [{ metadata: { chunkId: c.id } }, 0.5]);
      },
    },
    lexical: {
      query: () => {
        events.push("lexical search");
        return chunks.map((c) => ({ chunkId: c.id, score: 1 }));
      },
    },
    sentenceVectors: new Map(doc.sentences.map((s) => [sentenceKey(doc.id, s.index), new Float32Array([1, 0])])),
    embeddings: {
      embedQuery: () => {
        events.push("embedding asked");
        return new Promise<number[]>((resolve) => {
          finishEmbedding = (vector) => {
            events.push("embedding done");
            resolve(vector);
          };
        });
      },
      embedDocuments: () => Promise.reject(new Error("not used")),
    },
  };
  const reading = readQuestion("How much will the repairs cost?", { correctWord: (w) => corpus.correctWord(w) });
  return { index, corpus, retriever: new Retriever(index, corpus), reading, events, finish: (v: number[]) => finishEmbedding(v) };
}

describe("Retriever", () => {
  it("runs the lexical search while the question's vector is being computed, and the vector search after it", async () => {
    const { retriever, reading, events, finish } = setup();
    const retrieval = retriever.retrieve(reading);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["embedding asked", "lexical search"]);
    finish([1, 0]);
    const result = await retrieval;
    expect(events).toEqual(["embedding asked", "lexical search", "embedding done", "vector search"]);
    expect(result.sentences.find((s) => s.sentence.text.includes("$12 million"))).toBeDefined();
    expect(Array.from(result.queryVector)).toEqual([1, 0]);
  });

  it("reports a failed embedding as the retrieval's error", async () => {
    const { index, corpus, reading } = setup();
    index.embeddings.embedQuery = () => Promise.reject(new Error("embedding worker stopped"));
    const retriever = new Retriever(index, corpus);
    await expect(retriever.retrieve(reading)).rejects.toThrow("embedding worker stopped");
  });
});
