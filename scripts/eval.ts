/**
 * `npm run eval [-- --verbose] [-- --json FILE] [-- --no-squad] [-- --no-short] [-- --tuned-only] [-- --corpora DIR]`:
 * quality figures of the offline engine on the evaluation sets, printed as markdown (the table the README shows).
 * `--tuned-only` runs only the sets development may look at (the article's, `TUNED_ON_CORPORA`, short answers on
 * the news training articles), so that trying a change leaves the held-out sets unseen. `--corpora DIR` measures
 * the articles in DIR (one folder each, laid out like `test/eval/corpora/`) instead of the project's: new blind
 * sets can be measured before they are added. The held-out articles are also pooled into one row, the figure
 * issue 11's targets are set on.
 */
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import type { Engine } from "../src/contract";
import { createEngine } from "../src/engine";
import { evaluateAll, evaluateAsk, formatReport, type OtherCorpus, otherCorpora, poolAsk, REPO_ROOT, TUNED_ON_CORPORA } from "./evaluate";
import { newsArticles } from "./train/main";
import { formatShort, measureShort, poolShort, type ShortFigures } from "./train/shortEval";
import { SQUAD_FILE, SQUAD_HELDOUT, writeSquadArticles } from "./train/squad";

/** The news training articles the short-answer span limits were tuned on (2026-12-01); later ones are not. */
const SHORT_SPANS_TUNED_ON = new Set(["council-housing-vote", "county-election", "hospital-merger", "museum-theft", "rail-strike", "school-board-budget", "tech-layoffs", "wildfire-evacuation"]);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose") || args.includes("-v");
  const jsonAt = args.indexOf("--json");
  const tunedOnly = args.includes("--tuned-only");
  const corporaAt = args.indexOf("--corpora");
  const corporaDir = corporaAt >= 0 ? path.resolve(args[corporaAt + 1] ?? "") : undefined;
  if (corporaDir !== undefined && !existsSync(corporaDir)) throw new Error(`--corpora: no folder ${corporaDir}`);
  // Always offline and extractive: the figures describe the default mode.
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: path.join(REPO_ROOT, "corpus"), indexDir: process.env.INDEX_DIR ?? path.join(os.tmpdir(), "article-bot-eval-index") });
  const engine = await createEngine(config, { notify: (m) => process.stderr.write(`${m}\n`) });
  await engine.ask("warm up the model"); // the first query pays for model start-up; latency figures are warm
  const others: Array<{ corpus: OtherCorpus; engine: Engine }> = [];
  for (const corpus of otherCorpora(corporaDir).filter((c) => !tunedOnly || TUNED_ON_CORPORA.includes(c.name))) {
    const otherConfig = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: corpus.corpusDir, indexDir: path.join(os.tmpdir(), `article-bot-eval-index-${corpus.name}`) });
    others.push({ corpus, engine: await createEngine(otherConfig, { notify: (m) => process.stderr.write(`${m}\n`) }) });
  }
  const report = await evaluateAll(engine, others);
  const heldOut = report.ask.filter((m) => others.some((o) => m.set === `${o.corpus.name} (other article)` && !TUNED_ON_CORPORA.includes(o.corpus.name)));
  // Articles from --corpora are whatever the caller says they are (data/dev-news is tuned on): pooled, not "held out".
  const pooledName = corporaDir === undefined ? "held-out articles pooled" : `${path.basename(corporaDir)} articles pooled`;
  if (heldOut.length > 1) report.ask.push(poolAsk(`${pooledName} (${heldOut.length})`, heldOut));
  const shortFailures: string[] = [];
  // Short answers against known answer texts: the news training articles (the span rules were shaped on
  // them) and, below, the SQuAD held-out articles' answer spans (measured only).
  const shortNews: ShortFigures[] = [];
  if (!args.includes("--no-short")) {
    for (const a of newsArticles()) {
      const newsConfig = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: a.corpusDir, indexDir: path.join(os.tmpdir(), `article-bot-eval-index-news-${a.name}`) });
      const cases = a.cases.filter((c) => c.answerable && c.answerText !== undefined).map((c) => ({ q: c.q, answers: [c.answerText ?? ""] }));
      shortNews.push(await measureShort(await createEngine(newsConfig, { notify: () => undefined }), `news/${a.name}`, cases, shortFailures));
    }
  }
  // The span limits (SHORT_ANSWER_LIMITS) were set on the first eight; the other twelve were written after.
  const tunedOn = shortNews.filter((f) => SHORT_SPANS_TUNED_ON.has(f.name.replace(/^news\//, "")));
  const writtenAfter = shortNews.filter((f) => !tunedOn.includes(f));
  const shortRows = [
    ...(tunedOn.length > 0 ? [poolShort(`news training articles (${tunedOn.length}, spans tuned on)`, tunedOn)] : []),
    ...(writtenAfter.length > 0 ? [poolShort(`news training articles (${writtenAfter.length}, written after the span limits were set)`, writtenAfter)] : []),
  ];
  // The public held-out set: three SQuAD 2.0 train articles never trained or calibrated on (see scripts/train/).
  if (existsSync(SQUAD_FILE) && !args.includes("--no-squad") && !tunedOnly) {
    const squad = [];
    const squadShort: ShortFigures[] = [];
    for (const article of writeSquadArticles(SQUAD_HELDOUT, path.join(os.tmpdir(), "article-bot-eval-squad"))) {
      const squadConfig = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: article.corpusDir, indexDir: path.join(os.tmpdir(), `article-bot-eval-index-squad-${article.name}`) });
      const squadEngine = await createEngine(squadConfig, { notify: (m) => process.stderr.write(`${m}\n`) });
      squad.push(await evaluateAsk(squadEngine, `squad held-out: ${article.title}`, article.cases));
      if (!args.includes("--no-short")) squadShort.push(await measureShort(squadEngine, `squad/${article.name}`, article.cases.filter((c) => c.answerable).map((c) => ({ q: c.q, answers: c.answers.map((x) => x.text) })), shortFailures));
    }
    if (squadShort.length > 0) shortRows.push(poolShort(`squad held-out (${squadShort.length} articles, measured only)`, squadShort));
    report.ask.push(...squad, poolAsk(`squad held-out (${squad.length} articles, public)`, squad));
  }
  process.stdout.write(`${formatReport(report)}\n`);
  if (shortRows.length > 0) process.stdout.write(`\n${formatShort(shortRows)}\n`);
  if (verbose) {
    const failures = [...report.ask.flatMap((m) => m.failures), ...report.quotes.flatMap((m) => m.failures), ...report.summary.failures, ...shortFailures];
    process.stdout.write(`\n${failures.length} failure(s):\n${failures.map((f) => `- ${f}`).join("\n")}\n`);
  }
  if (jsonAt >= 0 && args[jsonAt + 1]) writeFileSync(args[jsonAt + 1] as string, JSON.stringify(report, null, 2));
}

main().catch((err: unknown) => {
  process.stderr.write(`eval failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
