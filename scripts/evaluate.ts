/**
 * The evaluation harness behind `npm run eval` and the floors test: runs the question sets through a
 * real engine and computes the figures the README reports. Deterministic for a given index.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Engine } from "../src/contract";

export interface AskCase { id: string; q: string; paragraphs: number[]; expect: string[][]; answerable: boolean; kind?: string }
export interface QuoteCase { id: string; q: string; paragraphs: number[]; must: string[]; none?: boolean; speaker?: string; kind?: string }
export interface SummaryFacts {
  docId: string;
  facts: Array<{ id: string; fact: string; any: string[]; paragraphs: number[] }>;
  topics: Array<{ id: string; topic: string; any: string[]; paragraphs: number[]; none?: boolean }>;
}

export interface AskMetrics {
  set: string;
  questions: number;
  answerable: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  answerAccuracy: number;
  refusalAccuracy: number;
  falseRefusals: number;
  /** Right answers plus right refusals, over all questions. */
  overall: number;
  faithfulness: number;
  p50: number;
  p95: number;
  /** Unanswerable questions answered "the closest it comes" (counted as refused: `answerable: false`). */
  closest: number;
  counts: { hit1: number; hit3: number; correct: number; refused: number; falseRefusals: number; citations: number; faithfulCitations: number };
  failures: string[];
}

export interface QuoteMetrics {
  set: string;
  queries: number;
  hitAt1: number;
  noMatchAccuracy: number;
  faithfulness: number;
  p50: number;
  failures: string[];
}

export interface SummaryMetrics {
  byLength: Array<{ length: string; bullets: number; factsCovered: number; factsTotal: number }>;
  topicAccuracy: number;
  faithfulness: number;
  failures: string[];
}

export const REPO_ROOT = path.resolve(__dirname, "..");
export const SHARED_EVAL_DIR = process.env.SHARED_EVAL_DIR ?? path.resolve(REPO_ROOT, "../shared/eval");
export const OWN_EVAL_DIR = path.join(REPO_ROOT, "test/eval");

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * The sets that exist here: the shared development sets (when `../shared` is present), the project's own,
 * and a held-out set written blind (by someone who had not seen the engine or the other sets). The
 * held-out set is for reporting, not for tuning: a change is judged on it, never shaped by its failures.
 */
export function askSets(): Array<{ name: string; cases: AskCase[] }> {
  const sets = [
    { name: "dev (shared)", file: path.join(SHARED_EVAL_DIR, "dev.jsonl") },
    { name: "project", file: path.join(OWN_EVAL_DIR, "ask.jsonl") },
    { name: "held-out", file: path.join(OWN_EVAL_DIR, "heldout.jsonl") },
  ];
  return sets.filter((s) => existsSync(s.file)).map((s) => ({ name: s.name, cases: readJsonl<AskCase>(s.file) }));
}

export function quoteSets(): Array<{ name: string; cases: QuoteCase[] }> {
  const sets = [{ name: "dev-quotes (shared)", file: path.join(SHARED_EVAL_DIR, "dev-quotes.jsonl") }, { name: "project", file: path.join(OWN_EVAL_DIR, "quotes.jsonl") }];
  return sets.filter((s) => existsSync(s.file)).map((s) => ({ name: s.name, cases: readJsonl<QuoteCase>(s.file) }));
}

/**
 * Other articles, each in `test/eval/corpora/NAME/` with its documents in `corpus/` and its own
 * `ask.jsonl` and `quotes.jsonl`: the engine must do as well on articles it was never tuned on.
 */
export interface OtherCorpus {
  name: string;
  corpusDir: string;
  ask: AskCase[];
  quotes: QuoteCase[];
}

export const OTHER_CORPORA_DIR = path.join(OWN_EVAL_DIR, "corpora");

/**
 * The other articles whose questions were read miss by miss while the engine was developed: with the
 * article's own sets, the only ones `npm run eval -- --tuned-only` runs. Every other article there is
 * held out (README, "Which sets are which").
 */
export const TUNED_ON_CORPORA: readonly string[] = ["harbor-bridge"];

/** The articles in `root` (by default `test/eval/corpora/`), one folder each, in name order. */
export function otherCorpora(root: string = OTHER_CORPORA_DIR): OtherCorpus[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => {
      const dir = path.join(root, e.name);
      const read = <T>(file: string): T[] => (existsSync(path.join(dir, file)) ? readJsonl<T>(path.join(dir, file)) : []);
      return { name: e.name, corpusDir: path.join(dir, "corpus"), ask: read<AskCase>("ask.jsonl"), quotes: read<QuoteCase>("quotes.jsonl") };
    });
}

const ratio = (n: number, d: number): number => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) * 10) / 10;
}

function faithful(engine: Engine, c: { quote: string; docId: string; start: number; end: number }): boolean {
  return engine.documentText(c.docId)?.slice(c.start, c.end) === c.quote;
}

const contains = (haystack: string, needle: string): boolean => haystack.toLowerCase().includes(needle.toLowerCase());

export async function evaluateAsk(engine: Engine, name: string, cases: AskCase[]): Promise<AskMetrics> {
  let hit1 = 0, hit3 = 0, correct = 0, refused = 0, falseRefusals = 0, citations = 0, faithfulCitations = 0, closest = 0;
  const times: number[] = [];
  const failures: string[] = [];
  const answerable = cases.filter((c) => c.answerable).length;
  for (const c of cases) {
    const started = performance.now();
    const result = await engine.ask(c.q);
    times.push(performance.now() - started);
    citations += result.citations.length;
    faithfulCitations += result.citations.filter((x) => faithful(engine, x)).length;
    if (!c.answerable) {
      if (!result.answerable) refused++;
      if (!result.answerable && result.citations.length > 0) closest++;
      else failures.push(`${c.id} should refuse: "${c.q}" → ${result.answer.slice(0, 90)}`);
      continue;
    }
    if (!result.answerable) {
      falseRefusals++;
      failures.push(`${c.id} refused: "${c.q}"`);
      continue;
    }
    const paragraphs = result.citations.map((x) => x.paragraph);
    if (c.paragraphs.includes(paragraphs[0] ?? -1)) hit1++;
    if (paragraphs.some((p) => c.paragraphs.includes(p))) hit3++;
    else failures.push(`${c.id} cites none of ¶${c.paragraphs.join(",")}: "${c.q}" → ¶${paragraphs.join(",")}`);
    const text = [result.answer, ...result.citations.map((x) => x.quote)].join("\n");
    const ok = c.expect.every((group) => group.some((alt) => contains(text, alt)));
    if (ok) correct++;
    else failures.push(`${c.id} wrong: "${c.q}" (want ${JSON.stringify(c.expect)}) → ¶${paragraphs.join(",")} ${result.answer.slice(0, 90)}`);
  }
  return {
    set: name,
    questions: cases.length,
    answerable,
    unanswerable: cases.length - answerable,
    hitAt1: ratio(hit1, answerable),
    hitAt3: ratio(hit3, answerable),
    answerAccuracy: ratio(correct, answerable),
    refusalAccuracy: ratio(refused, cases.length - answerable),
    falseRefusals: ratio(falseRefusals, answerable),
    overall: ratio(correct + refused, cases.length),
    faithfulness: ratio(faithfulCitations, citations),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    closest,
    counts: { hit1, hit3, correct, refused, falseRefusals, citations, faithfulCitations },
    failures,
  };
}

export async function evaluateQuotes(engine: Engine, name: string, cases: QuoteCase[]): Promise<QuoteMetrics> {
  let hit = 0, matchCases = 0, none = 0, noneCases = 0, quotes = 0, faithfulQuotes = 0;
  const times: number[] = [];
  const failures: string[] = [];
  for (const c of cases) {
    const started = performance.now();
    const result = await engine.findQuotes(c.q, c.speaker ? { speaker: c.speaker } : {});
    times.push(performance.now() - started);
    quotes += result.matches.length;
    faithfulQuotes += result.matches.filter((m) => faithful(engine, m)).length;
    if (c.none) {
      noneCases++;
      if (result.matches.length === 0) none++;
      else failures.push(`${c.id} should match nothing: "${c.q}" → ${result.matches[0]?.quote.slice(0, 80)}`);
      continue;
    }
    matchCases++;
    const first = result.matches[0];
    const ok = first !== undefined && c.paragraphs.includes(first.paragraph) && c.must.every((m) => contains(first.quote, m));
    if (ok) hit++;
    else failures.push(`${c.id} miss: "${c.q}"${c.speaker ? ` [speaker ${c.speaker}]` : ""} → ${first ? `¶${first.paragraph} ${first.quote.slice(0, 80)}` : "nothing"}`);
  }
  return { set: name, queries: cases.length, hitAt1: ratio(hit, matchCases), noMatchAccuracy: ratio(none, noneCases), faithfulness: ratio(faithfulQuotes, quotes), p50: percentile(times, 50), failures };
}

export async function evaluateSummaries(engine: Engine, facts: SummaryFacts): Promise<SummaryMetrics> {
  const byLength: SummaryMetrics["byLength"] = [];
  let citations = 0, faithfulCitations = 0, topicsRight = 0;
  const failures: string[] = [];
  for (const length of ["short", "medium", "long"] as const) {
    const result = await engine.summarize({ length });
    const text = result.bullets.map((b) => [b.text, ...b.citations.map((c) => c.quote)].join(" ")).join("\n");
    for (const b of result.bullets) {
      citations += b.citations.length;
      faithfulCitations += b.citations.filter((c) => faithful(engine, c)).length;
    }
    byLength.push({ length, bullets: result.bullets.length, factsCovered: facts.facts.filter((f) => f.any.some((a) => contains(text, a))).length, factsTotal: facts.facts.length });
  }
  for (const t of facts.topics) {
    const result = await engine.summarize({ topic: t.topic, length: "short" });
    for (const b of result.bullets) {
      citations += b.citations.length;
      faithfulCitations += b.citations.filter((c) => faithful(engine, c)).length;
    }
    const text = result.bullets.map((b) => b.text).join("\n");
    const ok = t.none ? !result.found && result.bullets.length === 0 : result.found && t.any.some((a) => contains(text, a));
    if (ok) topicsRight++;
    else failures.push(`topic ${t.id} "${t.topic}": ${t.none ? "should find nothing" : "missed"} → ${result.bullets.map((b) => b.text.slice(0, 50)).join(" | ")}`);
  }
  return { byLength, topicAccuracy: ratio(topicsRight, facts.topics.length), faithfulness: ratio(faithfulCitations, citations), failures };
}

export function loadSummaryFacts(): SummaryFacts {
  return JSON.parse(readFileSync(path.join(OWN_EVAL_DIR, "summary-facts.json"), "utf8")) as SummaryFacts;
}

export interface EvalReport {
  ask: AskMetrics[];
  quotes: QuoteMetrics[];
  summary: SummaryMetrics;
}

/** Everything, on the main corpus's engine and on an engine for each other article (see `otherCorpora`). */
export async function evaluateAll(engine: Engine, others: Array<{ corpus: OtherCorpus; engine: Engine }> = []): Promise<EvalReport> {
  const ask: AskMetrics[] = [];
  for (const s of askSets()) ask.push(await evaluateAsk(engine, s.name, s.cases));
  for (const o of others) ask.push(await evaluateAsk(o.engine, `${o.corpus.name} (other article)`, o.corpus.ask));
  const quotes: QuoteMetrics[] = [];
  for (const s of quoteSets()) quotes.push(await evaluateQuotes(engine, s.name, s.cases));
  for (const o of others) quotes.push(await evaluateQuotes(o.engine, `${o.corpus.name} (other article)`, o.corpus.quotes));
  return { ask, quotes, summary: await evaluateSummaries(engine, loadSummaryFacts()) };
}

/** Several sets' figures as one (the three SQuAD held-out articles): counts summed, latencies the sets' median. */
export function poolAsk(name: string, sets: AskMetrics[]): AskMetrics {
  const sum = (f: (m: AskMetrics) => number) => sets.reduce((a, m) => a + f(m), 0);
  const answerable = sum((m) => m.answerable);
  const unanswerable = sum((m) => m.unanswerable);
  const counts = {
    hit1: sum((m) => m.counts.hit1), hit3: sum((m) => m.counts.hit3), correct: sum((m) => m.counts.correct), refused: sum((m) => m.counts.refused),
    falseRefusals: sum((m) => m.counts.falseRefusals), citations: sum((m) => m.counts.citations), faithfulCitations: sum((m) => m.counts.faithfulCitations),
  };
  return {
    set: name, questions: answerable + unanswerable, answerable, unanswerable,
    hitAt1: ratio(counts.hit1, answerable), hitAt3: ratio(counts.hit3, answerable), answerAccuracy: ratio(counts.correct, answerable),
    refusalAccuracy: ratio(counts.refused, unanswerable), falseRefusals: ratio(counts.falseRefusals, answerable),
    overall: ratio(counts.correct + counts.refused, answerable + unanswerable), faithfulness: ratio(counts.faithfulCitations, counts.citations),
    p50: percentile(sets.map((m) => m.p50), 50), p95: percentile(sets.map((m) => m.p95), 50), closest: sum((m) => m.closest), counts,
    failures: sets.flatMap((m) => m.failures),
  };
}

export function formatReport(report: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    "### ask",
    "| set | questions | hit@1 | hit@3 | answer acc. | refusal acc. | false refusals | overall | faithfulness | p50 ms | p95 ms |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...report.ask.map((m) => `| ${m.set} | ${m.questions} (${m.unanswerable} unanswerable) | ${pct(m.hitAt1)} | ${pct(m.hitAt3)} | ${pct(m.answerAccuracy)} | ${pct(m.refusalAccuracy)} | ${pct(m.falseRefusals)} | ${pct(m.overall)} | ${pct(m.faithfulness)} | ${m.p50} | ${m.p95} |`),
    "",
    "### quotes",
    "| set | queries | hit@1 | no-match acc. | faithfulness | p50 ms |",
    "|---|---|---|---|---|---|",
    ...report.quotes.map((m) => `| ${m.set} | ${m.queries} | ${pct(m.hitAt1)} | ${pct(m.noMatchAccuracy)} | ${pct(m.faithfulness)} | ${m.p50} |`),
    "",
    "### summary",
    "| length | bullets | key facts covered |",
    "|---|---|---|",
    ...report.summary.byLength.map((l) => `| ${l.length} | ${l.bullets} | ${l.factsCovered}/${l.factsTotal} |`),
    "",
    `Topic summaries right (on-topic found, off-topic refused): ${pct(report.summary.topicAccuracy)}; summary faithfulness: ${pct(report.summary.faithfulness)}.`,
  ];
  return lines.join("\n");
}
