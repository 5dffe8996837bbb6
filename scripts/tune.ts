// Development aid: grid search of retrieval weights and the refusal threshold on all evaluation sets pooled.
// Objective: answer accuracy + hit@1 + refusal accuracy − 2 × false-refusal rate (refusing a fair question costs most).
import os from "node:os";
import path from "node:path";
import { DEFAULT_ANSWER_POLICY } from "../src/answer/extractive";
import { DEFAULT_RETRIEVAL_PARAMS } from "../src/answer/retrieve";
import { loadConfig } from "../src/config";
import { ArticleEngine, createEngine } from "../src/engine";
import { askSets, evaluateAsk, REPO_ROOT } from "./evaluate";

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: path.join(REPO_ROOT, "corpus"), indexDir: path.join(os.tmpdir(), "article-bot-eval-index") });
  const base = await createEngine(config);
  const cases = askSets().flatMap((s) => s.cases);
  const results: Array<{ objective: number; setting: string; summary: string }> = [];
  for (const semantic of [0.4, 0.5, 0.6, 0.7]) {
    for (const chunk of [0, 0.1, 0.2]) {
      for (const minScore of [0.3, 0.33, 0.36, 0.4]) {
        const lexical = 1 - semantic - chunk;
        const retrieval = { ...DEFAULT_RETRIEVAL_PARAMS, weights: { semantic, lexical, chunk } };
        const policy = { ...DEFAULT_ANSWER_POLICY, minScore };
        const engine = new ArticleEngine(base.index, config, undefined, retrieval, policy);
        const m = await evaluateAsk(engine, "all", cases);
        const objective = m.answerAccuracy + m.hitAt1 + m.refusalAccuracy - 2 * m.falseRefusals;
        results.push({ objective, setting: JSON.stringify({ semantic, lexical: Math.round(lexical * 100) / 100, chunk, minScore }), summary: `acc=${m.answerAccuracy} hit1=${m.hitAt1} hit3=${m.hitAt3} refusal=${m.refusalAccuracy} falseRef=${m.falseRefusals}` });
      }
    }
  }
  results.sort((a, b) => b.objective - a.objective);
  for (const r of results.slice(0, 15)) console.log(r.objective.toFixed(3), r.setting, r.summary);
}
void main();
