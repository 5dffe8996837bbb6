/**
 * Cold start: wall time of the real CLI, `node bin/article-bot.js ask "…"`, as a new process, from
 * spawn to exit: with an index already built, and with none (a fresh INDEX_DIR, so the run builds it).
 * For scale, `node -e 0` (Node itself) and `article-bot --help` (loading the CLI's modules).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT, killChild } from "../lib/child";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS, removeDir } from "../lib/setup";
import { median, now, round } from "../lib/stats";

export interface ColdStartInput {
  workDir: string;
  /** An index of the article built earlier in the run (rebuilt by the first, uncounted run if dist/ disagrees). */
  articleIndexDir: string;
  question: string;
  runsBuilt: number;
  runsFresh: number;
  runsBaseline: number;
  timeoutMs: number;
}

export interface ColdRow {
  what: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** The engine's own `ms` for the question (from --json), median. */
  engineMs?: number;
}

export interface ColdStartResult {
  rows: ColdRow[];
  question: string;
}

interface RunOutcome {
  ms: number;
  stdout: string;
}

function runOnce(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const started = now();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      void killChild(child);
      reject(new Error(`${args.join(" ")}: timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      const ms = now() - started;
      clearTimeout(timer);
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${args.join(" ")} exited with ${code}: ${stderr.trim().split("\n").pop() ?? ""}`));
    });
  });
}

function row(what: string, outcomes: RunOutcome[], withEngineMs: boolean): ColdRow {
  const ms = outcomes.map((o) => o.ms);
  const r: ColdRow = { what, runs: ms.length, medianMs: round(median(ms)), minMs: round(Math.min(...ms)), maxMs: round(Math.max(...ms)) };
  if (withEngineMs) {
    const engineMs = outcomes.map((o) => (JSON.parse(o.stdout.trim().split("\n").pop() ?? "{}") as { ms?: number }).ms ?? Number.NaN);
    r.engineMs = round(median(engineMs));
  }
  return r;
}

export async function runColdStart(input: ColdStartInput): Promise<ColdStartResult> {
  const cli = path.join(REPO_ROOT, "bin/article-bot.js");
  const base = { LLM_PROVIDER: "none", EMBEDDINGS_PROVIDER: "local", CORPUS_DIR: ARTICLE_CORPUS, LOG_LEVEL: "" };
  const rows: ColdRow[] = [];
  const repeat = async (n: number, fn: (i: number) => Promise<RunOutcome>) => {
    const out: RunOutcome[] = [];
    for (let i = 0; i < n; i++) out.push(await fn(i));
    return out;
  };

  if (input.runsBaseline > 0) {
    rows.push(row("node -e 0 (Node start-up alone)", await repeat(input.runsBaseline, () => runOnce(["-e", "0"], {}, input.timeoutMs)), false));
    rows.push(row("article-bot --help (CLI modules)", await repeat(input.runsBaseline, () => runOnce([cli, "--help"], base, input.timeoutMs)), false));
  }

  const builtDir = input.articleIndexDir;
  await runOnce([cli, "ask", input.question, "--json"], { ...base, INDEX_DIR: builtDir }, input.timeoutMs); // warms the disk cache (and builds if needed); not counted
  rows.push(
    row(
      "article-bot ask, index built",
      await repeat(input.runsBuilt, () => runOnce([cli, "ask", input.question, "--json"], { ...base, INDEX_DIR: builtDir }, input.timeoutMs)),
      true,
    ),
  );
  progress(`cold start: built index ${rows.at(-1)?.medianMs} ms`);
  rows.push(
    row(
      "article-bot ask, no index (builds it)",
      await repeat(input.runsFresh, async (i) => {
        const dir = path.join(input.workDir, `cold-fresh-${i}`);
        try {
          return await runOnce([cli, "ask", input.question, "--json"], { ...base, INDEX_DIR: dir }, input.timeoutMs);
        } finally {
          removeDir(dir);
        }
      }),
      true,
    ),
  );
  progress(`cold start: no index ${rows.at(-1)?.medianMs} ms`);
  return { rows, question: input.question };
}
