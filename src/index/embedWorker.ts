/**
 * An embedding worker thread (started by `EmbedWorkerPool`): loads the local model once, embeds one
 * warm-up text unless told not to (the first embedding carries ~150 ms of JIT warm-up that no question
 * in serve should pay; see `PoolOptions.warmUpEmbedding`), then
 * embeds each job it is sent and answers with one flat Float32Array, transferred rather than copied.
 * TensorFlow.js runs here, so its synchronous WASM work never blocks the main thread's event loop.
 */
import { type MessagePort, parentPort } from "node:worker_threads";
import { requireWithCodeCache } from "./codeCache";
import { embedTexts, loadLocalModel } from "./localModel";
import type { WorkerReply, WorkerRequest, WorkerStartData } from "./workerProtocol";

if (!parentPort) throw new Error("embedWorker.ts runs only as a worker thread");
const port: MessagePort = parentPort;

const send = (reply: WorkerReply, transfer?: ArrayBuffer[]): void => port.postMessage(reply, transfer);

/** The pool's "start" message (the first it sends; it sends nothing else before this worker is ready). */
function startOptions(): Promise<WorkerStartData> {
  return new Promise((resolve) => {
    const onMessage = (request: WorkerRequest) => {
      if (request.type !== "start") return;
      port.off("message", onMessage);
      resolve(request.options);
    };
    port.on("message", onMessage);
  });
}

async function main(): Promise<void> {
  const start = await startOptions();
  const started = performance.now();
  // TensorFlow.js through the code cache, before `loadLocalModel` requires it (it then finds it loaded).
  const code = start.codeCacheDir ? requireWithCodeCache("@energetic-ai/core", start.codeCacheDir) : undefined;
  const model = await loadLocalModel();
  // The cache is written once the first embedding has compiled the model's code paths too, before that
  // embedding is answered: a CLI run exits as soon as it has its answer, and would stop a later write.
  // It costs that one answer ~15 ms, once per install (and Node version); later calls do nothing.
  if (start.warmUpEmbedding) {
    await embedTexts(model, ["warm up"]);
    code?.saveIfNew();
  }
  let crashNextJob = false;
  // Jobs arrive one at a time (the pool waits for each answer), so they never interleave here.
  port.on("message", (request: WorkerRequest) => {
    if (request.type === "start") return; // sent once, already read
    if (request.type === "crash") {
      crashNextJob = true;
      return;
    }
    if (request.type === "stats") {
      // tfjs-core's types are not installed (see bench/lib/tf.ts): `memory()` is typed by hand.
      void import("@energetic-ai/core").then((tf) => {
        const { numTensors } = (tf as unknown as { memory(): { numTensors: number } }).memory();
        send({ type: "stats", id: request.id, tensors: numTensors });
      });
      return;
    }
    if (crashNextJob) {
      // The pool's tests: an uncaught error while a job is running, as a fault in the model's code would be.
      process.nextTick(() => {
        throw new Error("embedding worker crashed on request");
      });
    }
    embedTexts(model, request.texts).then(
      (vectors) => {
        const dims = vectors[0]?.length ?? 0;
        const flat = new Float32Array(vectors.length * dims);
        vectors.forEach((v, i) => {
          if (v.length !== dims) throw new Error("the local embedding model returned vectors of different lengths");
          flat.set(v, i * dims);
        });
        code?.saveIfNew();
        send({ type: "done", id: request.id, dims, count: vectors.length, buffer: flat.buffer }, [flat.buffer]);
      },
      (err: unknown) => send({ type: "failed", id: request.id, message: (err as Error).message ?? String(err) }),
    );
  });
  send({ type: "ready", loadMs: performance.now() - started, codeCache: code?.outcome ?? "off" });
}

main().catch((err: unknown) => {
  // A model that cannot load is fatal for this worker: say why, then let the pool see the exit.
  send({ type: "fatal", message: (err as Error).message ?? String(err) });
  process.exit(1);
});
