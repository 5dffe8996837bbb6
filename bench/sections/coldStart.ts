/**
 * Cold start: wall time of the real CLI as a new process, from spawn to exit: `--help`, and
 * `ask "…"` with an index already built, for today's build and for the design before issue 14 (the
 * commit named in lib/before.ts, compiled in this run), runs interleaved so both see the same load.
 * Also `ask` with no index (a fresh INDEX_DIR, so the run builds it) and, for scale, `node -e 0`.
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
  /** The old design's checkout (compiled), if it could be built. */
  before?: { dir: string; commit: string };
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

export interface ColdPair {
  what: "help" | "ask";
  now: ColdRow;
  before?: ColdRow;
}

export interface ColdStartResult {
  rows: ColdRow[];
  pairs: ColdPair[];
  question: string;
  beforeCommit?: string;
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
  const oldCli = input.before ? path.join(input.before.dir, "bin/article-bot.js") : undefined;
  // EMBED_WORKERS unset: each build's own default (today: one worker for ask; before: no workers existed).
  const base = { LLM_PROVIDER: "none", EMBEDDINGS_PROVIDER: "local", CORPUS_DIR: ARTICLE_CORPUS, LOG_LEVEL: "", EMBED_WORKERS: "" };
  const rows: ColdRow[] = [];
  const pairs: ColdPair[] = [];
  const repeat = async (n: number, fn: (i: number) => Promise<RunOutcome>) => {
    const out: RunOutcome[] = [];
    for (let i = 0; i < n; i++) out.push(await fn(i));
    return out;
  };
  /** n runs of today's command and the old one, alternating. */
  const interleaved = async (n: number, args: (bin: string) => string[], env: (old: boolean) => NodeJS.ProcessEnv) => {
    const today: RunOutcome[] = [];
    const old: RunOutcome[] = [];
    for (let i = 0; i < n; i++) {
      today.push(await runOnce(args(cli), env(false), input.timeoutMs));
      if (oldCli) old.push(await runOnce(args(oldCli), env(true), input.timeoutMs));
    }
    return { today, old };
  };

  if (input.runsBaseline > 0) rows.push(row("node -e 0 (Node start-up alone)", await repeat(input.runsBaseline, () => runOnce(["-e", "0"], {}, input.timeoutMs)), false));

  const help = await interleaved(Math.max(1, input.runsBaseline), (bin) => [bin, "--help"], () => base);
  const helpNow = row("article-bot --help", help.today, false);
  rows.push(helpNow);
  pairs.push({ what: "help", now: helpNow, ...(oldCli ? { before: row(`article-bot --help (before, ${input.before?.commit})`, help.old, false) } : {}) });

  const builtDir = input.articleIndexDir;
  // The old build reads its own index (same format, but never share a folder between two builds' runs).
  const oldDir = path.join(input.workDir, "cold-before-index");
  const askArgs = (bin: string) => [bin, "ask", input.question, "--json"];
  const askEnv = (old: boolean) => ({ ...base, INDEX_DIR: old ? oldDir : builtDir });
  await runOnce(askArgs(cli), askEnv(false), input.timeoutMs); // warms the disk cache (and builds if needed); not counted
  if (oldCli) await runOnce(askArgs(oldCli), askEnv(true), input.timeoutMs);
  const ask = await interleaved(input.runsBuilt, askArgs, askEnv);
  const askNow = row("article-bot ask, index built", ask.today, true);
  rows.push(askNow);
  pairs.push({ what: "ask", now: askNow, ...(oldCli ? { before: row(`article-bot ask, index built (before, ${input.before?.commit})`, ask.old, true) } : {}) });
  progress(`cold start: ask with a built index ${askNow.medianMs} ms${oldCli ? ` (before: ${pairs.at(-1)?.before?.medianMs} ms)` : ""}`);

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
  return { rows, pairs, question: input.question, ...(input.before ? { beforeCommit: input.before.commit } : {}) };
}
