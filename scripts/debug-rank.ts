// Development aid (not part of the product): the ranked evidence and every rule's verdict behind answers, from `engine.explain`.
// `npx tsx scripts/debug-rank.ts "QUESTION" …` (CORPUS_DIR=… for another corpus)
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import { createEngine } from "../src/engine";
import { REPO_ROOT } from "./evaluate";

async function main(): Promise<void> {
  const corpusDir = process.env.CORPUS_DIR;
  const indexDir = corpusDir ? path.join(os.tmpdir(), "article-bot-debug-index", path.basename(path.dirname(corpusDir))) : path.join(os.tmpdir(), "article-bot-eval-index");
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: corpusDir ?? path.join(REPO_ROOT, "corpus"), indexDir });
  const engine = await createEngine(config);
  for (const q of process.argv.slice(2)) {
    const { reading, judgement, result } = await engine.explain(q);
    console.log(`\n${q} [${reading.searched}] type=${reading.answerType ?? "-"} focus=${reading.focus.join(",")} which=${reading.which ?? "-"} terms=${reading.searchTerms.join(",")}`);
    for (const v of judgement?.verdicts ?? []) console.log(`  ${v.refusal ? "✗" : "✓"} ${v.rule}${v.refusal ? `: ${v.refusal.message}` : ""}`);
    for (const s of judgement?.evidence.ranked.slice(0, 8) ?? []) {
      console.log(`  ¶${s.sentence.paragraph} ${s.score.toFixed(3)} sem=${s.semantic.toFixed(2)} lex=${s.lexical.toFixed(2)} ch=${s.chunk.toFixed(2)} ${s.sentence.text.slice(0, 80)}`);
    }
    console.log(`  → ${result.citations.map((c) => c.paragraph).join(",")} ${result.answer.slice(0, 100)}`);
  }
}
void main();
