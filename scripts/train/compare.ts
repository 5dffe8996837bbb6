/**
 * `tsx scripts/train/compare.ts CACHE_DIR`: the logistic verdict against boosted trees, out of fold by
 * article, from the rows `npm run train -- --cache CACHE_DIR` left. Same ranker, same calibration (on
 * the news articles, at most 2 points more false refusals than the hand rules); figures on human-written
 * questions only.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { judgeRows, verdictRow } from "../../src/answer/judge/model";
import type { QuestionRows } from "./collect";
import { calibrate, fitJudge, type Judged, outcomesAt } from "./fit";
import { type BoostOptions, DEFAULT_BOOST, fitBoosted, predictBoosted } from "./gbdt";

/** `BOOST='{"trees":300,"depth":1}'` tries other settings. */
const BOOST: BoostOptions = { ...DEFAULT_BOOST, ...(JSON.parse(process.env.BOOST ?? "{}") as Partial<BoostOptions>) };

function verdictData(model: ReturnType<typeof fitJudge>, qs: QuestionRows[]): { rows: number[][]; labels: number[]; best: number[] } {
  const rows: number[][] = [], labels: number[] = [], best: number[] = [];
  for (const q of qs) {
    const j = judgeRows(model, q.rows);
    const b = j.order[0] ?? -1;
    const p1 = b >= 0 ? j.rankP[b]! : 0;
    const p2 = j.order[1] === undefined ? 0 : j.rankP[j.order[1]]!;
    rows.push(b >= 0 ? verdictRow(q.rows[b]!, p1, p2) : []);
    labels.push(q.answerable ? 1 : 0);
    best.push(b);
  }
  return { rows, labels, best };
}

function report(name: string, oof: Judged[]): void {
  const human = oof.filter((j) => j.q.synthetic === null).map((j) => ({ ...j, p: j.q.rulesAnswerable ? j.p : 0 }));
  const rulesOnly = human.map((j) => ({ ...j, best: 0, p: j.q.rulesAnswerable ? 1 : 0 }));
  const news = human.filter((j) => j.q.article.startsWith("news/"));
  const rulesFR = outcomesAt(rulesOnly.filter((j) => j.q.article.startsWith("news/")), 0.5).falseRefusalRate;
  const t = calibrate(news, rulesFR + 0.02);
  for (const prefix of ["news/", "squad/"]) {
    const o = outcomesAt(human.filter((j) => j.q.article.startsWith(prefix)), t.answer);
    process.stdout.write(`| ${name} | ${prefix} | ${t.answer} | ${(o.overall * 100).toFixed(1)}% | ${(o.refusalRate * 100).toFixed(1)}% | ${(o.falseRefusalRate * 100).toFixed(1)}% | ${(o.answerAccuracy * 100).toFixed(1)}% |\n`);
  }
}

function main(): void {
  const dir = process.argv[2] ?? "";
  const questions = readdirSync(dir).sort().flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as QuestionRows[]).filter((q) => q.rows.length > 0);
  const articles = [...new Set(questions.map((q) => q.article))];
  const logistic: Judged[] = [];
  const boosted: Judged[] = [];
  for (const article of articles) {
    const train = questions.filter((q) => q.article !== article);
    const test = questions.filter((q) => q.article === article);
    const model = fitJudge(train);
    const trainV = verdictData(model, train);
    const trees = fitBoosted(trainV.rows, trainV.labels, BOOST);
    const testV = verdictData(model, test);
    test.forEach((q, i) => {
      const row = testV.rows[i]!;
      logistic.push({ q, best: testV.best[i]!, p: judgeRows(model, q.rows).verdict });
      boosted.push({ q, best: testV.best[i]!, p: predictBoosted(trees, row) });
    });
    process.stderr.write(`${article} done\n`);
  }
  process.stdout.write("| verdict | articles | threshold | overall | refused (unanswerable) | false refusals | answer acc. |\n|---|---|---|---|---|---|---|\n");
  report("rules only", logistic.map((j) => ({ ...j, best: 0, p: 1 })));
  report("logistic", logistic);
  report(`boosted (${BOOST.trees} depth-${BOOST.depth} trees)`, boosted);
}

main();
