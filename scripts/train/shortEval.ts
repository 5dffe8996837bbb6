/**
 * Short-answer figures: for answerable questions with a known answer text, does the short answer `ask`
 * gives equal the answer (exact match after SQuAD's normalisation), or does one contain the other?
 * Counted over the questions whose wording asks for a typed answer (name, number, date, time, place,
 * duration, money); the others get no short answer by design.
 */
import type { AskResult, Engine } from "../../src/contract";
import { readQuestion } from "../../src/answer/reading";
import { normaliseAnswer } from "../../src/answer/short";

export interface ShortCase { q: string; answers: string[] }

export interface ShortFigures {
  name: string;
  /** Answerable questions with a known answer. */
  questions: number;
  /** Of those, the ones asking for a typed answer. */
  typed: number;
  /** Typed questions that got a short answer. */
  given: number;
  exact: number;
  overlap: number;
  /** Typed questions whose cited sentence holds the answer: the ceiling of span picking. */
  inCited: number;
}

export function emptyShort(name: string): ShortFigures {
  return { name, questions: 0, typed: 0, given: 0, exact: 0, overlap: 0, inCited: 0 };
}

/** Add one question's result. `typed`: the question asks for a typed answer. */
export function addShort(f: ShortFigures, c: ShortCase, result: AskResult, typed: boolean, failures?: string[]): void {
  f.questions++;
  if (!typed) return;
  f.typed++;
  const gold = c.answers.map(normaliseAnswer).filter(Boolean);
  const cited = normaliseAnswer(result.citations[0]?.quote ?? "");
  if (gold.some((g) => cited.includes(g))) f.inCited++;
  const short = result.short ? normaliseAnswer(result.short.text) : null;
  if (short === null) {
    failures?.push(`[${f.name}] no short answer: ${c.q} (want ${c.answers[0] ?? "?"})`);
    return;
  }
  f.given++;
  if (gold.includes(short)) f.exact++;
  if (short.length > 0 && gold.some((g) => g.includes(short) || short.includes(g))) f.overlap++;
  else failures?.push(`[${f.name}] short "${result.short?.text ?? ""}" for: ${c.q} (want ${c.answers[0] ?? "?"})`);
}

export function poolShort(name: string, parts: ShortFigures[]): ShortFigures {
  const out = emptyShort(name);
  for (const p of parts) for (const k of ["questions", "typed", "given", "exact", "overlap", "inCited"] as const) out[k] += p[k];
  return out;
}

const pct = (n: number, d: number): string => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);

/**
 * The markdown table `npm run eval` prints. Rates are over typed questions, except "right when given"
 * (overlap among the short answers shown: how often a bold answer a user sees is right).
 */
export function formatShort(rows: ShortFigures[]): string {
  const lines = [
    "| short answers | typed / answerable | given | exact match | overlap | right when given (overlap) | answer in cited sentence |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.name} | ${r.typed} / ${r.questions} | ${pct(r.given, r.typed)} | ${pct(r.exact, r.typed)} | ${pct(r.overlap, r.typed)} | ${pct(r.overlap, r.given)} | ${pct(r.inCited, r.typed)} |`),
  ];
  return lines.join("\n");
}

/** Ask every case and count the short answer `ask` gives (what the CLI and Slack show first). */
export async function measureShort(engine: Engine, name: string, cases: ShortCase[], failures?: string[]): Promise<ShortFigures> {
  const f = emptyShort(name);
  for (const c of cases) {
    const result = await engine.ask(c.q);
    // Typed or not by the whole question as given, as the engine types it for its short answer.
    const typed = readQuestion(c.q, { whole: true }).answerType !== null;
    addShort(f, c, result, typed, failures);
  }
  return f;
}
