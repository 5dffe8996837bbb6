/**
 * The embedding worker pool with the real model in real worker threads (loaded from the TypeScript
 * source through tsx's hook, as under jest): same vectors as the main thread, a bounded queue, and
 * crashes that are survived without a hang.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { isEngineBusy } from "../../src/contract";
import { LocalSentenceEmbeddings } from "../../src/index/embeddings";
import { WorkerPoolEmbeddings } from "../../src/index/poolEmbeddings";
import { BootedWorker, EmbedWorkerPool, EmbeddingWorkerError } from "../../src/index/workerPool";

const TEXTS = Array.from({ length: 40 }, (_, i) => `${"word ".repeat((i * 7) % 23)}sentence number ${i} about a visit.`);

let pool: EmbedWorkerPool;
let pooled: WorkerPoolEmbeddings;

beforeAll(async () => {
  pool = new EmbedWorkerPool({ size: 2, maxPending: 8 });
  pooled = new WorkerPoolEmbeddings(pool);
  await pooled.warmUp();
});

afterAll(async () => {
  await pool.close();
});

test("the pool returns exactly the vectors the main thread computes, for batches and for queries", async () => {
  const local = new LocalSentenceEmbeddings();
  const [inThread, inWorkers] = await Promise.all([local.embedDocuments(TEXTS), pooled.embedDocuments(TEXTS)]);
  expect(inWorkers).toHaveLength(TEXTS.length);
  expect(inWorkers).toEqual(inThread);
  // Queries one at a time, spread over both workers: each equals the main thread's query vector.
  const queries = TEXTS.slice(0, 6);
  const fromPool = await Promise.all(queries.map((q) => pooled.embedQuery(q)));
  for (const [i, q] of queries.entries()) expect(fromPool[i]).toEqual(await local.embedQuery(q));
  expect(fromPool[0]).toHaveLength(512);
  expect(fromPool[0]).not.toEqual(fromPool[1]);
});

test("a worker started without the warm-up embedding (a CLI question) gives the same vectors, the question first", async () => {
  const cold = new EmbedWorkerPool({ size: 1, warmUpEmbedding: false });
  try {
    const first = await new WorkerPoolEmbeddings(cold).embedQuery(TEXTS[3] ?? "");
    expect(first).toEqual(await pooled.embedQuery(TEXTS[3] ?? ""));
    expect(cold.started).toBe(1);
  } finally {
    await cold.close();
  }
});

test("a thread booted before its pool (a CLI question) becomes the pool's worker and gives the same vectors", async () => {
  const booted = new BootedWorker();
  await new Promise((r) => setTimeout(r, 200)); // booting while "the configuration loads"
  const adopting = new EmbedWorkerPool({ size: 1, warmUpEmbedding: false, booted });
  try {
    expect(await new WorkerPoolEmbeddings(adopting).embedQuery(TEXTS[5] ?? "")).toEqual(await pooled.embedQuery(TEXTS[5] ?? ""));
    expect(adopting.started).toBe(1); // that thread, and no other
    expect(booted.state).toBe("taken");
    expect(booted.take()).toBeUndefined(); // once
  } finally {
    await adopting.close();
  }
});

test("a booted thread that died before its pool took it is replaced by a new worker; an unwanted one is stopped", async () => {
  const dead = new BootedWorker({ script: "throw new Error('died while booting')", options: { eval: true } });
  await new Promise((r) => setTimeout(r, 300));
  const replacing = new EmbedWorkerPool({ size: 1, warmUpEmbedding: false, booted: dead });
  try {
    expect(await new WorkerPoolEmbeddings(replacing).embedQuery("a question")).toHaveLength(512);
    expect(replacing.started).toBe(1);
    expect(dead.state).toBe("dead");
  } finally {
    await replacing.close();
  }
  const unwanted = new BootedWorker();
  unwanted.discard();
  expect(unwanted.state).toBe("discarded");
  expect(unwanted.take()).toBeUndefined();
});

test("a full queue refuses at once with the engine's busy error, and later requests are served", async () => {
  const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => pooled.embedQuery(`question ${i}`)));
  const refused = results.filter((r) => r.status === "rejected");
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
  expect(refused).toHaveLength(4);
  for (const r of refused) expect(r.status === "rejected" && isEngineBusy(r.reason)).toBe(true);
  expect(pool.load).toBe(0);
  expect(await pooled.embedQuery("after the burst")).toHaveLength(512);
});

test("a worker that crashes mid-job rejects that job with an error, is replaced, and the pool keeps answering", async () => {
  const startedBefore = pool.started;
  // Worker 0 dies of an uncaught error in the middle of the first of two batches; worker 1 runs the other.
  pool.crashWorkerForTest(0);
  const jobs = [pooled.embedDocuments(TEXTS), pooled.embedDocuments(TEXTS)];
  const settled = await Promise.allSettled(jobs);
  const failed = settled.filter((s) => s.status === "rejected");
  expect(failed).toHaveLength(1);
  expect((failed[0] as PromiseRejectedResult).reason).toBeInstanceOf(EmbeddingWorkerError);
  expect(String(((failed[0] as PromiseRejectedResult).reason as Error).message)).toMatch(/stopped \(embedding worker crashed on request\)/);
  expect(settled.find((s) => s.status === "fulfilled")).toBeDefined();
  // The replacement loads the model and answers; nothing is left waiting.
  await pool.ready();
  expect(pool.started).toBe(startedBefore + 1);
  const again = await Promise.all([pooled.embedQuery("still here"), pooled.embedQuery("and here")]);
  expect(again[0]).toHaveLength(512);
  expect(pool.load).toBe(0);
});

test("a closed pool rejects instead of hanging", async () => {
  const small = new EmbedWorkerPool({ size: 1 });
  const waiting = expect(small.embed(["never answered"])).rejects.toBeInstanceOf(EmbeddingWorkerError);
  await small.close();
  await waiting;
  await expect(small.embed(["after close"])).rejects.toBeInstanceOf(EmbeddingWorkerError);
});

test("workers that cannot load the model fail the waiting jobs instead of hanging, and are tried again on new work", async () => {
  // A real worker thread that dies while "loading", as one would when the model's files are missing.
  const broken = new EmbedWorkerPool({ size: 1, entry: { script: "throw new Error('model files are missing')", options: { eval: true } } });
  try {
    await expect(broken.embed(["a question"], "query")).rejects.toThrow(/could not be loaded in a worker \(model files are missing\)/);
    expect(broken.started).toBe(2);
    expect(broken.load).toBe(0);
    await expect(broken.embed(["another"], "query")).rejects.toBeInstanceOf(EmbeddingWorkerError);
    expect(broken.started).toBe(4);
  } finally {
    await broken.close();
  }
});

test("from dist/, a process waiting on the workers stays alive until they answer, then exits on its own", async () => {
  // Idle workers are unref'd so a CLI run exits without close(); waiting on them must still hold the process.
  const dist = path.join(__dirname, "../../dist/index/workerPool.js");
  const script = `const { EmbedWorkerPool } = require(${JSON.stringify(dist)});
    const pool = new EmbedWorkerPool({ size: 1 });
    pool.ready().then(() => pool.embed(["a question"], "query")).then(([v]) => console.log("dims", v.length));`;
  const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(process.execPath, ["-e", script], { timeout: 60000 }, (error, stdout) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }));
  });
  expect(out).toEqual({ code: 0, stdout: "dims 512\n" });
});
