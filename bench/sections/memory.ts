/**
 * Memory: RSS after the engine is loaded (index opened and the model loaded by a first question), and
 * after N more questions cycling through the evaluation set, sampled along the way to show whether it
 * grows. Measured twice: in a bench worker (with --expose-gc, so heap and TensorFlow.js tensor counts
 * can be read after a collection), and in the real CLI process (`node bin/article-bot.js ask --json`
 * fed questions on stdin), read from /proc/<pid>/status.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createEngine } from "../../src/engine";
import { REPO_ROOT, killChild } from "../lib/child";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS, evalQuestions, offlineConfig } from "../lib/setup";
import { collectGarbage, mb } from "../lib/stats";
import { tf } from "../lib/tf";

export interface MemoryInput {
  indexDir: string;
  questions: number;
  sampleEvery: number;
  cliTimeoutMs: number;
}

export interface InProcessMemory {
  rssAfterOpenMB: number;
  rssAfterLoadMB: number;
  rssAfterMB: number;
  heapAfterLoadMB: number;
  heapAfterMB: number;
  externalAfterLoadMB: number;
  externalAfterMB: number;
  /** ArrayBuffers, including the WebAssembly memory of the TensorFlow.js backend. */
  arrayBuffersAfterLoadMB: number;
  arrayBuffersAfterMB: number;
  tensorsAfterLoad: number;
  tensorsAfter: number;
  /** RSS (MB) after every `sampleEvery` questions. */
  rssSamplesMB: number[];
}

export interface CliMemory {
  rssAfterLoadMB: number;
  rssAfterMB: number;
  peakMB: number;
  answered: number;
  error?: string;
}

export interface MemoryResult {
  questions: number;
  inProcess: InProcessMemory;
  cli: CliMemory;
}

function procStatusMB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  const kb = Number(line?.replace(/[^0-9]/g, "") ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

async function inProcess(input: MemoryInput): Promise<InProcessMemory> {
  const questions = evalQuestions();
  const engine = await createEngine(offlineConfig(ARTICLE_CORPUS, input.indexDir));
  collectGarbage();
  const rssAfterOpenMB = mb(process.memoryUsage().rss);
  await engine.ask(questions[0] ?? "warm up");
  collectGarbage();
  const load = process.memoryUsage();
  const tensorsAfterLoad = tf.memory().numTensors;
  const rssSamplesMB: number[] = [];
  for (let i = 0; i < input.questions; i++) {
    await engine.ask(questions[i % questions.length] ?? "");
    if ((i + 1) % input.sampleEvery === 0) rssSamplesMB.push(mb(process.memoryUsage().rss));
  }
  collectGarbage();
  const after = process.memoryUsage();
  return {
    rssAfterOpenMB,
    rssAfterLoadMB: mb(load.rss),
    rssAfterMB: mb(after.rss),
    heapAfterLoadMB: mb(load.heapUsed),
    heapAfterMB: mb(after.heapUsed),
    externalAfterLoadMB: mb(load.external),
    externalAfterMB: mb(after.external),
    arrayBuffersAfterLoadMB: mb(load.arrayBuffers),
    arrayBuffersAfterMB: mb(after.arrayBuffers),
    tensorsAfterLoad,
    tensorsAfter: tf.memory().numTensors,
    rssSamplesMB,
  };
}

/** The CLI answering `n` questions from stdin: RSS after the first answer and after the last. */
async function cliProcess(input: MemoryInput): Promise<CliMemory> {
  const questions = evalQuestions();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/article-bot.js"), "ask", "--json"], {
    cwd: REPO_ROOT,
    env: { ...process.env, LLM_PROVIDER: "none", EMBEDDINGS_PROVIDER: "local", INDEX_DIR: input.indexDir, CORPUS_DIR: ARTICLE_CORPUS, LOG_LEVEL: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const lines = createInterface({ input: child.stdout });
  let answered = 0;
  let waiter: { count: number; resolve: () => void } | undefined;
  lines.on("line", () => {
    answered++;
    if (waiter && answered >= waiter.count) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const until = (count: number) =>
    Promise.race([
      new Promise<void>((resolve) => {
        if (answered >= count) resolve();
        else waiter = { count, resolve };
      }),
      exited.then((code) => {
        throw new Error(`the CLI exited (code ${code}) after ${answered} answers: ${stderr.trim().split("\n").pop() ?? ""}`);
      }),
    ]);
  const timer = setTimeout(() => void killChild(child), input.cliTimeoutMs);
  try {
    const pid = child.pid;
    if (pid === undefined) throw new Error("the CLI did not start");
    child.stdin.write(`${questions[0] ?? "warm up"}\n`);
    await until(1);
    const rssAfterLoadMB = procStatusMB(pid, "VmRSS");
    const rest: string[] = [];
    for (let i = 1; i < input.questions; i++) rest.push(questions[i % questions.length] ?? "");
    child.stdin.write(`${rest.join("\n")}\n`);
    await until(input.questions);
    const rssAfterMB = procStatusMB(pid, "VmRSS");
    const peakMB = procStatusMB(pid, "VmHWM");
    child.stdin.end();
    await exited;
    return { rssAfterLoadMB, rssAfterMB, peakMB, answered };
  } catch (err) {
    await killChild(child);
    return { rssAfterLoadMB: Number.NaN, rssAfterMB: Number.NaN, peakMB: Number.NaN, answered, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export async function runMemory(input: MemoryInput): Promise<MemoryResult> {
  const inProc = await inProcess(input);
  progress(`memory: in-process ${inProc.rssAfterLoadMB} → ${inProc.rssAfterMB} MB after ${input.questions} questions`);
  const cli = await cliProcess(input);
  progress(`memory: CLI ${cli.rssAfterLoadMB} → ${cli.rssAfterMB} MB${cli.error ? ` (${cli.error})` : ""}`);
  return { questions: input.questions, inProcess: inProc, cli };
}
