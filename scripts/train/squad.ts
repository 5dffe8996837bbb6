/**
 * SQuAD 2.0 (train split, CC BY-SA 4.0) articles as the project's evaluation sets: one corpus file per
 * article (its paragraphs as paragraphs, blank-line separated) and an `ask.jsonl` in the format of
 * `test/eval/`, plus each answer's offsets in the corpus file (for training labels and short answers).
 *
 * The split is by article, fixed here: no question of a training article is ever in the held-out set.
 * The SQuAD text is read from `../shared/qa/` at train and eval time and written to a temporary folder,
 * never into the repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SQUAD_FILE = process.env.SQUAD_FILE ?? path.resolve(__dirname, "../../../shared/qa/squad2-train-first10.json");

/** Held out from training and from every threshold: the public held-out set `npm run eval` reports. */
export const SQUAD_HELDOUT = ["Spectre_(2015_film)", "To_Kill_a_Mockingbird", "Solar_energy"];
/** Trained on (and calibrated on by leave-one-article-out predictions). */
export const SQUAD_TRAIN = ["Beyoncé", "Frédéric_Chopin", "Sino-Tibetan_relations_during_the_Ming_dynasty", "IPod", "The_Legend_of_Zelda:_Twilight_Princess", "2008_Sichuan_earthquake", "New_York_City"];

export interface SquadFile {
  data: Array<{ title: string; paragraphs: Array<{ context: string; qas: Array<{ id: string; question: string; is_impossible?: boolean; answers: Array<{ text: string; answer_start: number }> }> }> }>;
}

/** An answer span in the corpus file: `text.slice(start, end) === answer`. */
export interface Span { text: string; start: number; end: number }

export interface SquadCase {
  id: string;
  q: string;
  paragraphs: number[];
  expect: string[][];
  answerable: boolean;
  kind: string;
  answers: Span[];
}

export interface SquadArticle {
  name: string;
  title: string;
  corpusDir: string;
  docId: string;
  text: string;
  cases: SquadCase[];
}

export function readSquad(file = SQUAD_FILE): SquadFile {
  if (!existsSync(file)) throw new Error(`SQuAD 2.0 training file not found at ${file}: put it there (../shared/qa/) or set SQUAD_FILE`);
  return JSON.parse(readFileSync(file, "utf8")) as SquadFile;
}

const slug = (title: string): string =>
  title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Write the named articles under `outDir/<slug>/corpus/<slug>.txt` (+ `ask.jsonl`) and return them. */
export function writeSquadArticles(titles: string[], outDir: string, file = SQUAD_FILE): SquadArticle[] {
  const squad = readSquad(file);
  return titles.map((title) => {
    const article = squad.data.find((a) => a.title === title);
    if (!article) throw new Error(`article ${title} is not in ${file}`);
    const name = slug(title);
    const header = `---\ntitle: ${title.replace(/_/g, " ")}\nsource: SQuAD 2.0 train (CC BY-SA 4.0), Wikipedia\n---\n`;
    let text = header;
    const cases: SquadCase[] = [];
    article.paragraphs.forEach((p, i) => {
      if (i > 0) text += "\n\n";
      const offset = text.length;
      // A newline inside a context would split the paragraph; a space keeps every offset.
      text += p.context.replace(/\r?\n/g, " ").replace(/\r/g, " ");
      for (const qa of p.qas) {
        const answerable = !qa.is_impossible;
        const answers = answerable ? dedupeSpans(qa.answers.map((a) => ({ text: a.text, start: offset + a.answer_start, end: offset + a.answer_start + a.text.length }))) : [];
        cases.push({ id: qa.id, q: qa.question.trim(), paragraphs: answerable ? [i + 1] : [], expect: answerable ? [[...new Set(answers.map((a) => a.text.trim()))]] : [], answerable, kind: answerable ? "squad" : "squad-unanswerable", answers });
      }
    });
    for (const c of cases) for (const a of c.answers) if (text.slice(a.start, a.end) !== a.text) throw new Error(`${c.id}: answer offsets do not match the text`);
    const dir = path.join(outDir, name);
    const corpusDir = path.join(dir, "corpus");
    mkdirSync(corpusDir, { recursive: true });
    const corpusFile = path.join(corpusDir, `${name}.txt`);
    if (!existsSync(corpusFile) || readFileSync(corpusFile, "utf8") !== text) writeFileSync(corpusFile, text);
    writeFileSync(path.join(dir, "ask.jsonl"), cases.map((c) => JSON.stringify(c)).join("\n") + "\n");
    return { name, title, corpusDir, docId: name, text, cases };
  });
}

function dedupeSpans(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
