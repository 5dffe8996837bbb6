// Development aid (not part of the product): the ranked evidence behind answers. `npx tsx scripts/debug-rank.ts "QUESTION" …`
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import { createEngine } from "../src/engine";
import { weighEvidence } from "../src/answer/extractive";
import { REPO_ROOT } from "./evaluate";
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: process.env.CORPUS_DIR ?? path.join(REPO_ROOT, "corpus"), indexDir: process.env.CORPUS_DIR ? path.join(os.tmpdir(), "article-bot-debug-index", path.basename(path.dirname(process.env.CORPUS_DIR))) : path.join(os.tmpdir(), "article-bot-eval-index") });
  const engine = await createEngine(config);
  for (const q of process.argv.slice(2)) {
    const r = await engine.retriever.retrieve(q);
    const ev = weighEvidence(r, engine.retriever, engine.speech, engine.policy);
    console.log(`\n${q} [${r.searched}] answerable=${ev.answerable} terms=${r.queryTerms.join(",")}`);
    for (const s of ev.ranked.slice(0, 8)) console.log(`  ¶${s.sentence.paragraph} ${s.score.toFixed(3)} sem=${s.semantic.toFixed(2)} lex=${s.lexical.toFixed(2)} ch=${s.chunk.toFixed(2)} ${s.sentence.text.slice(0, 80)}`);
    const res = await engine.ask(q);
    console.log(`  → ${res.citations.map((c) => c.paragraph).join(",")} ${res.answer.slice(0, 100)}`);
  }
}
void main();
