/**
 * The hop to the embedding worker: warm `ask` latency with the query embedded on the calling thread
 * (the design before issue 14, EMBED_WORKERS=0) and on one worker thread (today's default), two
 * engines over the same index in this process, questions interleaved so both see the same load.
 */
import { createEngine } from "../../src/engine";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS, evalQuestions, offlineConfig } from "../lib/setup";
import { type Distribution, distribution, now, roundDistribution } from "../lib/stats";

export interface HopInput {
  indexDir: string;
  warmupRounds: number;
  rounds: number;
  questionLimit?: number;
}

export interface HopResult {
  questions: number;
  rounds: number;
  inThread: Distribution;
  worker: Distribution;
  /** worker p50 − in-thread p50, ms. */
  p50DeltaMs: number;
}

export async function runHop(input: HopInput): Promise<HopResult> {
  const config = offlineConfig(ARTICLE_CORPUS, input.indexDir);
  const inThread = await createEngine(config, { embedWorkers: 0 });
  const worker = await createEngine(config, { embedWorkers: 1 });
  try {
    const questions = evalQuestions().slice(0, input.questionLimit ?? Number.MAX_SAFE_INTEGER);
    for (let r = 0; r < input.warmupRounds; r++) {
      for (const q of questions) {
        await inThread.ask(q);
        await worker.ask(q);
      }
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < input.rounds; r++) {
      for (const [i, q] of questions.entries()) {
        // Alternate which goes first, so neither always runs right after the other's work.
        const order = (i + r) % 2 === 0 ? [inThread, worker] : [worker, inThread];
        for (const engine of order) {
          const t = now();
          await engine.ask(q);
          (engine === inThread ? a : b).push(now() - t);
        }
      }
    }
    const d = (xs: number[]) => roundDistribution(distribution(xs));
    const result = { questions: questions.length, rounds: input.rounds, inThread: d(a), worker: d(b), p50DeltaMs: Math.round((distribution(b).p50 - distribution(a).p50) * 100) / 100 };
    progress(`hop: warm ask p50 in-thread ${result.inThread.p50} ms, worker ${result.worker.p50} ms`);
    return result;
  } finally {
    await worker.close();
  }
}
