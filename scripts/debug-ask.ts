// Development aid (not part of the product): prints the evidence features behind each evaluation answer.
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import { createEngine } from "../src/engine";
import { expectedAnswerType } from "../src/answer/answerType";
import { askSets, REPO_ROOT } from "./evaluate";

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: path.join(REPO_ROOT, "corpus"), indexDir: path.join(os.tmpdir(), "article-bot-eval-index") });
  const engine = await createEngine(config);
  const filter = process.argv[2];
  for (const set of askSets()) {
    for (const c of set.cases) {
      if (filter && !c.id.startsWith(filter)) continue;
      const r = await engine.retriever.retrieve(c.q);
      const best = r.sentences[0];
      const goldRank = r.sentences.findIndex((s) => c.paragraphs.includes(s.sentence.paragraph));
      const f = (x: number | undefined) => (x ?? 0).toFixed(2);
      console.log(`${c.answerable ? "A" : "U"} ${c.id.padEnd(4)} score=${f(best?.score)} sem=${f(best?.semantic)} lex=${f(best?.lexical)} cov=${f(r.corpusCoverage)} type=${expectedAnswerType(c.q) ?? "-"} gold@${goldRank} ${r.searched !== c.q ? `[${r.searched}] ` : ""}${c.q.slice(0, 60)}`);
    }
  }
}
void main();
