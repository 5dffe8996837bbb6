/**
 * Each section runs in its own Node process (`bench/worker.ts`): the figures of one section are not
 * skewed by the heap, JIT state or native memory of another, RSS figures start from a clean process,
 * and every section is bounded by a timeout after which its process is killed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const BENCH_DIR = path.resolve(__dirname, "..");
export const REPO_ROOT = path.resolve(BENCH_DIR, "..");
export const WORKER = path.join(BENCH_DIR, "worker.ts");

/**
 * The flags that make this process run TypeScript (tsx's loader), so children can run .ts too.
 * `extra` goes before the script (Node flags such as --expose-gc).
 */
export function tsNodeArgs(script: string, extra: string[] = []): string[] {
  return [...process.execArgv, ...extra, script];
}

export interface WorkerOptions {
  timeoutMs: number;
  nodeFlags?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Kills a child we started (by its handle, never by name) and waits briefly for it to go. */
export async function killChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const exited = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!exited) child.kill("SIGKILL");
}

/** Runs `bench/worker.ts <task> <input.json> <output.json>` and returns what it wrote. */
export async function runWorker<T>(task: string, input: unknown, outDir: string, options: WorkerOptions): Promise<T> {
  const stamp = `${task}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const inFile = path.join(outDir, `${stamp}.in.json`);
  const outFile = path.join(outDir, `${stamp}.out.json`);
  writeFileSync(inFile, JSON.stringify(input));
  const child = spawn(process.execPath, [...tsNodeArgs(WORKER, options.nodeFlags ?? []), task, inFile, outFile], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void killChild(child);
  }, options.timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c) => resolve(c));
  }).finally(() => clearTimeout(timer));
  try {
    if (timedOut) throw new Error(`${task}: timed out after ${Math.round(options.timeoutMs / 1000)} s`);
    if (code !== 0 || !existsSync(outFile)) throw new Error(`${task}: worker exited with code ${code}`);
    return JSON.parse(readFileSync(outFile, "utf8")) as T;
  } finally {
    rmSync(inFile, { force: true });
    rmSync(outFile, { force: true });
  }
}
