/** Shared set-up for sections: offline configuration on temporary folders, and the questions. */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Config, loadConfig } from "../../src/config";
import { askSets } from "../../scripts/evaluate";
import { REPO_ROOT } from "./child";

export const ARTICLE_CORPUS = path.join(REPO_ROOT, "corpus");

/** Offline (LLM_PROVIDER=none), local embeddings, on the given folders: never the repo's .index. */
export function offlineConfig(corpusDir: string, indexDir: string, dataDir?: string): Config {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LLM_PROVIDER: "none",
    EMBEDDINGS_PROVIDER: "local",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir ?? path.join(path.dirname(indexDir), "data"),
  };
  return loadConfig(env, { corpusDir, indexDir });
}

/** The evaluation questions (shared dev set when present, and the project's own), in a fixed order. */
export function evalQuestions(): string[] {
  const questions = askSets().flatMap((s) => s.cases.map((c) => c.q));
  if (questions.length === 0) throw new Error("no evaluation questions found (test/eval/ask.jsonl)");
  return questions;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `article-bot-bench-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Bytes under a folder (the index on disk). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? folderBytes(p) : s.size;
  }
  return total;
}
