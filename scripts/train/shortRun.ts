/**
 * `tsx scripts/train/shortRun.ts [news|squad-train|squad-heldout] [--verbose]`: short-answer figures on one
 * group of sets, for developing the span picker (tune on news and squad-train only; squad-heldout is
 * measured, never shaped by its misses).
 */
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { createEngine } from "../../src/engine";
import { newsArticles } from "./main";
import { formatShort, measureShort, poolShort, type ShortCase, type ShortFigures } from "./shortEval";
import { SQUAD_HELDOUT, SQUAD_TRAIN, writeSquadArticles } from "./squad";

async function run(name: string, corpusDir: string, cases: ShortCase[], failures: string[]): Promise<ShortFigures> {
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir, indexDir: path.join(os.tmpdir(), "article-bot-short-index", name) });
  return measureShort(await createEngine(config, { notify: () => undefined }), name, cases, failures);
}

async function main(): Promise<void> {
  const group = process.argv[2] ?? "news";
  const failures: string[] = [];
  const rows: ShortFigures[] = [];
  if (group === "news") {
    for (const a of newsArticles()) {
      const cases = a.cases.filter((c) => c.answerable && c.answerText).map((c) => ({ q: c.q, answers: [c.answerText!] }));
      rows.push(await run(`news/${a.name}`, a.corpusDir, cases, failures));
    }
  } else {
    const titles = group === "squad-train" ? SQUAD_TRAIN : SQUAD_HELDOUT;
    for (const a of writeSquadArticles(titles, path.join(os.tmpdir(), "article-bot-short-squad"))) {
      const cases = a.cases.filter((c) => c.answerable).map((c) => ({ q: c.q, answers: c.answers.map((s) => s.text) }));
      rows.push(await run(`squad/${a.name}`, a.corpusDir, cases, failures));
    }
  }
  rows.push(poolShort(`${group} (all)`, rows));
  process.stdout.write(`${formatShort(rows)}\n`);
  if (process.argv.includes("--verbose")) process.stdout.write(`${failures.join("\n")}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
