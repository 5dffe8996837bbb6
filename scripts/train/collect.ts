/**
 * Run the engine over a training article's questions and record, for each question, the judge's feature
 * rows for its candidate sentences and which of them hold the answer (the labels).
 */
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { createEngine } from "../../src/engine";
import { candidatesOf, featureRows } from "../../src/answer/judge/features";
import type { Span } from "./squad";

export interface TrainCase {
  id: string;
  q: string;
  answerable: boolean;
  /** Answer spans in the corpus file (SQuAD), when known. */
  answers: Span[];
  /** Answer text to find in a sentence (news sets), when offsets are not given. */
  answerText?: string;
  paragraphs: number[];
  /** Set for questions made unanswerable by a script (see synthetic.ts). */
  synthetic?: string;
}

export interface TrainArticle {
  name: string;
  corpusDir: string;
  source: "squad" | "news";
  cases: TrainCase[];
}

export interface QuestionRows {
  article: string;
  id: string;
  q: string;
  answerable: boolean;
  synthetic: string | null;
  rulesAnswerable: boolean;
  labels: number[];
  rows: number[][];
  /** The candidates, as offsets, for short-answer training. */
  candidates: Array<{ docId: string; start: number; end: number; paragraph: number }>;
  answers: Span[];
}

const fold = (s: string): string => s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ");

export async function collectArticle(article: TrainArticle, indexRoot = path.join(os.tmpdir(), "article-bot-judge-index")): Promise<QuestionRows[]> {
  const config = loadConfig({ ...process.env, LLM_PROVIDER: "none" }, { corpusDir: article.corpusDir, indexDir: path.join(indexRoot, article.name) });
  const engine = await createEngine(config, { notify: (m) => process.stderr.write(`${m}\n`) });
  const out: QuestionRows[] = [];
  for (const c of article.cases) {
    // What the rules saw for this question, as `ask` reads and judges it (a question about the whole article has none).
    const { judgement } = await engine.explain(c.q);
    if (!judgement) continue;
    const input = { ctx: judgement, refusal: judgement.ruleRefusal };
    const candidates = candidatesOf(input);
    const rows = featureRows(input, candidates);
    const labels = candidates.map((s) => {
      if (!c.answerable) return 0;
      if (c.answers.length > 0) return c.answers.some((a) => a.start >= s.sentence.start && a.start < s.sentence.end) ? 1 : 0;
      const inParagraph = c.paragraphs.length === 0 || c.paragraphs.includes(s.sentence.paragraph);
      return c.answerText !== undefined && inParagraph && fold(s.sentence.text).includes(fold(c.answerText)) ? 1 : 0;
    });
    out.push({
      article: article.name,
      id: c.id,
      q: c.q,
      answerable: c.answerable,
      synthetic: c.synthetic ?? null,
      rulesAnswerable: judgement.ruleRefusal === null,
      labels,
      rows,
      candidates: candidates.map((s) => ({ docId: s.doc.id, start: s.sentence.start, end: s.sentence.end, paragraph: s.sentence.paragraph })),
      answers: c.answers,
    });
  }
  return out;
}
