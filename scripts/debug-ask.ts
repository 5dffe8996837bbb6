// Development aid (not part of the product): the evidence features behind each evaluation answer, as `engine.explain` reports them.
// `npx tsx scripts/debug-ask.ts [ID_PREFIX]`
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import { createEngine } from "../src/engine";
import { askSets, REPO_ROOT } from "./evaluate";

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: path.join(REPO_ROOT, "corpus"), indexDir: path.join(os.tmpdir(), "article-bot-eval-index") });
  const engine = await createEngine(config);
  const filter = process.argv[2];
  for (const set of askSets()) {
    for (const c of set.cases) {
      if (filter && !c.id.startsWith(filter)) continue;
      const { reading, judgement, result } = await engine.explain(c.q);
      const ranked = judgement?.evidence.ranked ?? [];
      const best = ranked[0];
      const goldRank = ranked.findIndex((s) => c.paragraphs.includes(s.sentence.paragraph));
      const f = (x: number | undefined) => (x ?? 0).toFixed(2);
      const outcome = result.answerable ? "answered" : `refused:${judgement?.refusal?.rule ?? "gist"}`;
      console.log(
        `${c.answerable ? "A" : "U"} ${c.id.padEnd(4)} ${outcome.padEnd(26)} score=${f(best?.score)} sem=${f(best?.semantic)} lex=${f(best?.lexical)} cov=${f(judgement?.retrieval.corpusCoverage)} type=${reading.answerType ?? "-"} gold@${goldRank} ${reading.searched !== c.q ? `[${reading.searched}] ` : ""}${c.q.slice(0, 60)}`,
      );
    }
  }
}
void main();
