/**
 * More SQuAD 2.0 **train** articles for the judge, from partial public copies of `train-v2.0.json` (the whole
 * file is 40 MB; repositories often hold slices of it). `tsx scripts/train/squadExtra.ts OUT FILE...` merges
 * the copies into one SQuAD-format file, to be kept outside the repository: questions deduplicated by id,
 * paragraphs by their text, the held-out articles (`SQUAD_HELDOUT`) dropped, and any file named like the dev
 * split refused (SQuAD 2.0's dev split is the field's held-out set: never trained or tuned on).
 * `npm run train -- --squad-extra OUT` then trains on its articles as well (`--squad-extra-max N`: only the N
 * with the most unanswerable questions).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { readSquad, SQUAD_HELDOUT, type SquadFile } from "./squad";

type Article = SquadFile["data"][number];
type Paragraph = Article["paragraphs"][number];

/** One SQuAD-format file from several partial copies: the first copy of each question id wins. */
export function mergeSquadCopies(files: string[]): SquadFile {
  const articles = new Map<string, Map<string, Paragraph>>();
  const seen = new Set<string>();
  for (const file of files) {
    if (/dev/iu.test(path.basename(file))) throw new Error(`${file}: looks like SQuAD's dev split, which is never used for training`);
    for (const article of readSquad(file).data) {
      if (SQUAD_HELDOUT.includes(article.title)) continue;
      const paragraphs = articles.get(article.title) ?? new Map<string, Paragraph>();
      articles.set(article.title, paragraphs);
      for (const p of article.paragraphs) {
        const qas = p.qas.filter((qa) => !seen.has(qa.id));
        for (const qa of qas) seen.add(qa.id);
        if (qas.length === 0) continue;
        const kept = paragraphs.get(p.context);
        if (kept) kept.qas.push(...qas);
        else paragraphs.set(p.context, { context: p.context, qas });
      }
    }
  }
  return { data: [...articles].filter(([, ps]) => ps.size > 0).map(([title, ps]) => ({ title, paragraphs: [...ps.values()] })) };
}

const unanswerable = (a: Article): number => a.paragraphs.reduce((n, p) => n + p.qas.filter((qa) => qa.is_impossible).length, 0);

/** Titles of `file` to train on: not held out, not in `exclude`, most unanswerable questions first (then by title). */
export function extraTitles(file: string, exclude: string[], max = Infinity): string[] {
  return readSquad(file)
    .data.filter((a) => !SQUAD_HELDOUT.includes(a.title) && !exclude.includes(a.title))
    .sort((a, b) => unanswerable(b) - unanswerable(a) || (a.title < b.title ? -1 : 1))
    .slice(0, max)
    .map((a) => a.title);
}

if (require.main === module) {
  const [out, ...files] = process.argv.slice(2);
  if (!out || files.length === 0) {
    process.stderr.write("usage: tsx scripts/train/squadExtra.ts OUT.json TRAIN_COPY.json...\n");
    process.exit(2);
  }
  const merged = mergeSquadCopies(files);
  writeFileSync(out, JSON.stringify({ version: "v2.0", ...merged }));
  for (const a of merged.data) {
    const qs = a.paragraphs.reduce((n, p) => n + p.qas.length, 0);
    process.stdout.write(`${a.title}: ${qs} questions, ${unanswerable(a)} unanswerable\n`);
  }
}
