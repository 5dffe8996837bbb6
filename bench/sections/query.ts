/**
 * Query: warm `ask` latency over every evaluation question, several rounds, offline (LLM_PROVIDER=none);
 * then the parts, as `engine.explain` reports them for the same questions: query embedding, HNSW vector
 * search, BM25, fusion and sentence scoring (`retrieval.timings`), and answer assembly (evidence ranking,
 * every rule checked, the extractive answer).
 */
import { createEngine } from "../../src/engine";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS, evalQuestions, offlineConfig } from "../lib/setup";
import { type Distribution, distribution, now, round, roundDistribution } from "../lib/stats";

export interface QueryInput {
  indexDir: string;
  warmupRounds: number;
  rounds: number;
  partRounds: number;
  /** Use only the first N evaluation questions (--quick). */
  questionLimit?: number;
}

export interface QueryResult {
  questions: number;
  rounds: number;
  ask: Distribution;
  /** p50 of each round, to show warm-up and drift. */
  roundP50: number[];
  parts: { embed: Distribution; vector: Distribution; lexical: Distribution; score: Distribution; answer: Distribution; retrieveAll: Distribution };
  answerable: number;
  /** Process CPU time (user + system) per ask over the measured rounds: near the mean wall time when the CPU was not shared. */
  cpuMsPerAsk: number;
}

export async function runQuery(input: QueryInput): Promise<QueryResult> {
  const engine = await createEngine(offlineConfig(ARTICLE_CORPUS, input.indexDir));
  const questions = evalQuestions().slice(0, input.questionLimit ?? Number.MAX_SAFE_INTEGER);
  for (let r = 0; r < input.warmupRounds; r++) for (const q of questions) await engine.ask(q);
  progress(`query: warmed up (${input.warmupRounds} round(s) of ${questions.length} questions)`);

  const all: number[] = [];
  const roundP50: number[] = [];
  let answerable = 0;
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < input.rounds; r++) {
    const times: number[] = [];
    for (const q of questions) {
      const t = now();
      const result = await engine.ask(q);
      times.push(now() - t);
      if (r === 0 && result.answerable) answerable++;
    }
    all.push(...times);
    roundP50.push(roundDistribution(distribution(times)).p50);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMsPerAsk = (cpu.user + cpu.system) / 1000 / Math.max(1, all.length);
  progress(`query: ${all.length} asks measured`);

  const embed: number[] = [];
  const vector: number[] = [];
  const lexical: number[] = [];
  const score: number[] = [];
  const answer: number[] = [];
  const retrieveAll: number[] = [];
  for (let r = 0; r < input.partRounds; r++) {
    for (const q of questions) {
      const { judgement, timings } = await engine.explain(q);
      if (!judgement) continue; // a question about the whole article is answered by its summary
      retrieveAll.push(judgement.timings.retrieveMs);
      embed.push(judgement.retrieval.timings.embedMs);
      vector.push(judgement.retrieval.timings.vectorMs);
      lexical.push(judgement.retrieval.timings.lexicalMs);
      score.push(judgement.retrieval.timings.scoreMs);
      answer.push(judgement.timings.judgeMs + timings.answerMs);
    }
  }
  const d = (xs: number[]) => roundDistribution(distribution(xs));
  return {
    questions: questions.length,
    rounds: input.rounds,
    ask: d(all),
    roundP50,
    parts: { embed: d(embed), vector: d(vector), lexical: d(lexical), score: d(score), answer: d(answer), retrieveAll: d(retrieveAll) },
    answerable,
    cpuMsPerAsk: round(cpuMsPerAsk),
  };
}
