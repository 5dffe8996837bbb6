import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../../src/config";
import { createEngine, type ArticleEngine, type EngineOptions } from "../../src/engine";

export const REPO_CORPUS = path.join(__dirname, "../../corpus");

/** Offline config over a copy of a corpus (the real one unless told) and a fresh index folder. */
export function tempConfig(env: NodeJS.ProcessEnv = {}, sourceCorpus = REPO_CORPUS): Config {
  const root = mkdtempSync(path.join(os.tmpdir(), "article-bot-test-"));
  const corpusDir = path.join(root, "corpus");
  cpSync(sourceCorpus, corpusDir, { recursive: true });
  return loadConfig({ LLM_PROVIDER: "none", ...env }, { corpusDir, indexDir: path.join(root, ".index") }, root);
}

export async function offlineEngine(options: EngineOptions = {}, env: NodeJS.ProcessEnv = {}, sourceCorpus = REPO_CORPUS): Promise<ArticleEngine> {
  return createEngine(tempConfig(env, sourceCorpus), options);
}
