/**
 * `npm run train [-- --squad FILE] [-- --news DIR] [-- --out FILE] [-- --cache DIR] [-- --squad-extra FILE
 * [-- --squad-extra-max N]]`: build the answer judge from public and project-written data and write its weights
 * (`data/judge/model.json`).
 *
 * Data: SQuAD 2.0 train articles (`SQUAD_TRAIN`; the held-out ones are never read here), the project's
 * blind-written news training sets (`data/train-news/NAME/{corpus,ask.jsonl}`), the articles of a merged file of
 * further SQuAD 2.0 train copies when given (`--squad-extra`, built by `scripts/train/squadExtra.ts`), and
 * synthetic negatives made from their answerable questions. Thresholds are calibrated on leave-one-article-out predictions.
 * Deterministic: the same data gives the same file.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FEATURES } from "../../src/answer/judge/features";
import { MODEL_FILE, type JudgeModel } from "../../src/answer/judge/model";
import { collectArticle, type QuestionRows, type TrainArticle, type TrainCase } from "./collect";
import { calibrate, DEFAULT_FIT, fitJudge, judgeQuestion, type Judged, outcomesAt } from "./fit";
import { SQUAD_FILE, SQUAD_TRAIN, writeSquadArticles } from "./squad";
import { extraTitles } from "./squadExtra";
import { articleNames, makeUnanswerable, seededRandom } from "./synthetic";

const REPO = path.resolve(__dirname, "../..");
export const NEWS_DIR = path.join(REPO, "data/train-news");
const SEED = 20261201;
/** Share of answerable training questions that also give a synthetic unanswerable one. */
const SYNTHETIC_RATE = 0.35;
/** Calibration constraint: at most this share of answerable (out-of-fold) questions refused beyond the hand rules' own. */
const MAX_EXTRA_FALSE_REFUSALS = 0.02;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function withSynthetic(article: { name: string; text: string; cases: TrainCase[] }, random: () => number): TrainCase[] {
  const names = articleNames(article.text);
  const paragraphs = article.text.split(/\n\s*\n/);
  const out = [...article.cases];
  for (const c of article.cases) {
    if (!c.answerable || random() >= SYNTHETIC_RATE) continue;
    const paragraph = c.paragraphs.map((p) => paragraphs[p] ?? "").join(" ");
    const made = makeUnanswerable(c.q, names, paragraph, random);
    if (made) out.push({ id: `${c.id}-syn-${made.kind}`, q: made.q, answerable: false, answers: [], paragraphs: [], synthetic: made.kind });
  }
  return out;
}

interface NewsCase { id: string; q: string; paragraphs: number[]; answerable: boolean; answer?: string; kind?: string }

export function newsArticles(dir = NEWS_DIR): Array<{ name: string; corpusDir: string; text: string; cases: TrainCase[] }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const corpusDir = path.join(dir, name, "corpus");
      const text = readdirSync(corpusDir).sort().map((f) => readFileSync(path.join(corpusDir, f), "utf8")).join("\n\n");
      const cases = readFileSync(path.join(dir, name, "ask.jsonl"), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as NewsCase);
      return { name, corpusDir, text, cases: cases.map((c) => ({ id: `${name}/${c.id}`, q: c.q, answerable: c.answerable, answers: [], ...(c.answer ? { answerText: c.answer } : {}), paragraphs: c.paragraphs })) };
    });
}

/** Further SQuAD 2.0 train articles: a merged file and the titles of it to train on. */
export interface SquadExtra { file: string; titles: string[] }

/** The training articles and their questions (synthetic ones included), in a fixed order (extra SQuAD articles last, so the others' synthetic questions stay the same). */
export function trainArticles(squadFile: string, newsDir: string, work: string, extra?: SquadExtra): TrainArticle[] {
  const random = seededRandom(SEED);
  const squad = writeSquadArticles(SQUAD_TRAIN, path.join(work, "squad"), squadFile);
  const more = extra ? writeSquadArticles(extra.titles, path.join(work, "squad-extra"), extra.file) : [];
  return [
    ...squad.map((a) => ({ name: `squad/${a.name}`, corpusDir: a.corpusDir, source: "squad" as const, cases: withSynthetic(a, random) })),
    ...newsArticles(newsDir).map((a) => ({ name: `news/${a.name}`, corpusDir: a.corpusDir, source: "news" as const, cases: withSynthetic(a, random) })),
    ...more.map((a) => ({ name: `squad/${a.name}`, corpusDir: a.corpusDir, source: "squad" as const, cases: withSynthetic(a, random) })),
  ];
}

export function cacheFile(article: TrainArticle, cacheDir: string): string {
  const key = createHash("sha256").update(JSON.stringify([FEATURES, article.cases])).digest("hex").slice(0, 16);
  return path.join(cacheDir, `${article.name.replace(/\//g, "__")}-${key}.json`);
}

/** Rows of one article, from `cacheDir` when an earlier run left them for the same questions and features. */
async function collectCached(article: TrainArticle, indexDir: string, cacheDir: string | undefined): Promise<QuestionRows[]> {
  const file = cacheDir ? cacheFile(article, cacheDir) : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as QuestionRows[];
  const rows = await collectArticle(article, indexDir);
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify(rows));
  }
  return rows;
}

async function collectAll(squadFile: string, newsDir: string, cacheDir: string | undefined, extra?: SquadExtra): Promise<QuestionRows[]> {
  const work = path.join(os.tmpdir(), "article-bot-judge-train");
  const all: QuestionRows[] = [];
  for (const a of trainArticles(squadFile, newsDir, work, extra)) {
    const started = performance.now();
    const rows = await collectCached(a, path.join(work, "index"), cacheDir);
    all.push(...rows);
    process.stderr.write(`${a.name}: ${rows.length} questions (${rows.filter((r) => r.synthetic).length} synthetic) in ${Math.round((performance.now() - started) / 1000)} s\n`);
  }
  return all;
}

async function main(): Promise<void> {
  const squadFile = arg("--squad") ?? SQUAD_FILE;
  const newsDir = arg("--news") ?? NEWS_DIR;
  const out = arg("--out") ?? MODEL_FILE;
  const extraFile = arg("--squad-extra");
  const extra = extraFile ? { file: extraFile, titles: extraTitles(extraFile, SQUAD_TRAIN, Number(arg("--squad-extra-max") ?? Infinity)) } : undefined;
  // Collecting is most of the time (every question through the engine): `--cache DIR` keeps the rows per article.
  const questions = await collectAll(squadFile, newsDir, arg("--cache"), extra);
  const articles = [...new Set(questions.map((q) => q.article))];
  // Out-of-fold: each article judged by a model that never saw it.
  const oof: Judged[] = [];
  for (const article of articles) {
    const model = fitJudge(questions.filter((q) => q.article !== article));
    for (const q of questions.filter((x) => x.article === article)) oof.push(judgeQuestion(model, q));
  }
  // The engine refuses when a hand rule does or the verdict is low: judge the out-of-fold questions the same way.
  const human = oof.filter((j) => j.q.synthetic === null).map((j) => ({ ...j, p: j.q.rulesAnswerable ? j.p : 0 }));
  const rulesOnly = human.map((j) => ({ ...j, best: 0, p: j.q.rulesAnswerable ? 1 : 0 }));
  // Calibrated on the news articles (the bot's domain) when there are any: at most MAX_EXTRA_FALSE_REFUSALS
  // more answerable questions refused than by the hand rules alone.
  const domain = human.some((j) => j.q.article.startsWith("news/")) ? "news/" : "squad/";
  const calibration = human.filter((j) => j.q.article.startsWith(domain));
  const rulesFalseRefusals = outcomesAt(rulesOnly.filter((j) => j.q.article.startsWith(domain)), 0.5).falseRefusalRate;
  const thresholds = calibrate(calibration, rulesFalseRefusals + MAX_EXTRA_FALSE_REFUSALS);
  const perSource = (prefix: string) => outcomesAt(human.filter((j) => j.q.article.startsWith(prefix)), thresholds.answer);
  const fitted = fitJudge(questions);
  const model: JudgeModel = {
    version: 2,
    features: [...FEATURES],
    ...fitted,
    thresholds: { answer: thresholds.answer, closest: thresholds.closest },
    meta: {
      trainedOn: articles,
      calibratedOn: domain,
      squadFile: path.basename(squadFile),
      ...(extra ? { squadExtra: { file: path.basename(extra.file), titles: extra.titles } } : {}),
      questions: questions.length,
      synthetic: questions.filter((q) => q.synthetic).length,
      fit: DEFAULT_FIT,
      seed: SEED,
      outOfFold: { squad: perSource("squad/"), news: perSource("news/"), rulesOnly: { squad: outcomesAt(rulesOnly.filter((j) => j.q.article.startsWith("squad/")), 0.5), news: outcomesAt(rulesOnly.filter((j) => j.q.article.startsWith("news/")), 0.5) } },
    },
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(model, (_k, v: unknown) => (typeof v === "number" ? Number(v.toPrecision(10)) : v), 1)}\n`);
  process.stdout.write(`${JSON.stringify({ thresholds: model.thresholds, outOfFold: model.meta.outOfFold }, null, 1)}\nwrote ${out}\n`);
}

if (require.main === module) main().catch((err: unknown) => {
  process.stderr.write(`train failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
