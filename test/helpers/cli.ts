/** The compiled CLI (`bin/article-bot.js`) as a child process, the way users run it. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const BIN = path.join(__dirname, "../../bin/article-bot.js");

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Offline, no OpenAI key, nothing from the caller's environment that could change the outcome. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LLM_PROVIDER: "none", OPENAI_API_KEY: "", ...extra };
}

export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: options.env ?? cliEnv(), cwd: options.cwd ?? os.tmpdir() });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 90000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** A fresh folder with `corpus/` holding the given files and room for `.index`. */
export function tempCorpus(files: Record<string, string | Buffer>): { root: string; corpus: string; index: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), "article-bot-rel-"));
  const corpus = path.join(root, "corpus");
  mkdirSync(corpus);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(corpus, name), content);
  return { root, corpus, index: path.join(root, ".index") };
}
