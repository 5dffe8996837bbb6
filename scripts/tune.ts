// Development aid: grid search of retrieval weights and answer thresholds on the evaluation sets pooled
// (the article's sets and every other article's, except those named in TUNE_EXCLUDE, kept for reporting).
// Objective: answer accuracy + hit@1 + hit@3 + refusal accuracy − 2 × false-refusal rate (refusing a fair
// question costs most).
import os from "node:os";
import path from "node:path";
import { DEFAULT_ANSWER_POLICY } from "../src/answer/policy";
import { DEFAULT_RETRIEVAL_PARAMS } from "../src/answer/retrieve";
import { loadConfig } from "../src/config";
import { ArticleEngine, createEngine } from "../src/engine";
import { askSets, evaluateAsk, otherCorpora, REPO_ROOT } from "./evaluate";

async function main(): Promise<void> {
  const excluded = new Set((process.env.TUNE_EXCLUDE ?? "").split(",").filter(Boolean));
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: path.join(REPO_ROOT, "corpus"), indexDir: path.join(os.tmpdir(), "article-bot-eval-index") });
  const targets = [{ engine: await createEngine(config), cases: askSets().flatMap((s) => s.cases) }];
  for (const corpus of otherCorpora().filter((c) => !excluded.has(c.name))) {
    const otherConfig = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: corpus.corpusDir, indexDir: path.join(os.tmpdir(), `article-bot-eval-index-${corpus.name}`) });
    targets.push({ engine: await createEngine(otherConfig), cases: corpus.ask });
  }
  const results: Array<{ objective: number; setting: string; summary: string }> = [];
  for (const semantic of [0.4, 0.5, 0.6, 0.7]) {
    for (const chunk of [0, 0.1]) {
      for (const minScore of [0.28, 0.3, 0.33, 0.36]) {
        for (const answerTypeBonus of [0.05, 0.1, 0.15]) {
          const lexical = Math.round((1 - semantic - chunk) * 100) / 100;
          const retrieval = { ...DEFAULT_RETRIEVAL_PARAMS, weights: { semantic, lexical, chunk } };
          const policy = { ...DEFAULT_ANSWER_POLICY, minScore, answerTypeBonus };
          let n = 0, acc = 0, hit1 = 0, hit3 = 0, refusal = 0, falseRef = 0, answerable = 0, unanswerable = 0;
          for (const t of targets) {
            // The same index with other settings: every answer still goes through `ask`, as users get them.
            const engine = new ArticleEngine(t.engine.index, { retrieval, policy });
            const m = await evaluateAsk(engine, "all", t.cases);
            n += m.questions;
            answerable += m.answerable;
            unanswerable += m.unanswerable;
            acc += m.answerAccuracy * m.answerable;
            hit1 += m.hitAt1 * m.answerable;
            hit3 += m.hitAt3 * m.answerable;
            falseRef += m.falseRefusals * m.answerable;
            refusal += m.refusalAccuracy * m.unanswerable;
          }
          const [a, h1, h3, r, f] = [acc / answerable, hit1 / answerable, hit3 / answerable, refusal / unanswerable, falseRef / answerable];
          const objective = a + h1 + h3 + r - 2 * f;
          results.push({ objective, setting: JSON.stringify({ semantic, lexical, chunk, minScore, answerTypeBonus }), summary: `n=${n} acc=${a.toFixed(3)} hit1=${h1.toFixed(3)} hit3=${h3.toFixed(3)} refusal=${r.toFixed(3)} falseRef=${f.toFixed(3)}` });
        }
      }
    }
  }
  results.sort((a, b) => b.objective - a.objective);
  for (const r of results.slice(0, 20)) console.log(r.objective.toFixed(3), r.setting, r.summary);
  const current = results.find((r) => r.setting === JSON.stringify({ semantic: 0.6, lexical: 0.3, chunk: 0.1, minScore: 0.33, answerTypeBonus: 0.1 }));
  if (current) console.log("current:", current.objective.toFixed(3), current.setting, current.summary);
}
void main();
