/**
 * Synthetic corpora made deterministically from the article's own sentences: paragraphs of 2–3
 * sentences drawn with a seeded generator, each sentence with one or two of its words replaced by
 * other words of the article (so texts, and therefore vectors, are rarely identical), written as
 * .txt files of 100 paragraphs. Each paragraph is checked to make exactly one chunk, so a corpus of
 * N paragraphs is an index of N chunks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "../../src/corpus/load";
import type { CorpusDocument } from "../../src/corpus/types";
import { chunkDocument } from "../../src/index/chunk";
import { Rng } from "./rng";

const PARAGRAPHS_PER_FILE = 100;
const WORD = /\p{L}[\p{L}'’-]*/gu;

function vocabulary(docs: readonly CorpusDocument[]): string[] {
  const words = new Set<string>();
  for (const doc of docs) for (const s of doc.sentences) for (const m of s.text.matchAll(WORD)) if (m[0].length >= 4) words.add(m[0].toLowerCase());
  return [...words].sort();
}

/** Replaces 1–2 words of 4+ letters (never the first word, never a capitalized name) with others of the article. */
function vary(sentence: string, vocab: readonly string[], rng: Rng): string {
  const spots = [...sentence.matchAll(WORD)].filter((m) => (m.index ?? 0) > 0 && m[0].length >= 4 && m[0] === m[0].toLowerCase());
  if (spots.length === 0 || vocab.length === 0) return sentence;
  const changes = 1 + rng.int(2);
  let out = sentence;
  const chosen = new Set<number>();
  for (let i = 0; i < changes && chosen.size < spots.length; i++) chosen.add(rng.int(spots.length));
  // Right to left, so earlier offsets stay valid.
  for (const k of [...chosen].sort((a, b) => b - a)) {
    const m = spots[k];
    if (m?.index === undefined) continue;
    out = out.slice(0, m.index) + rng.pick(vocab) + out.slice(m.index + m[0].length);
  }
  return out;
}

export interface SyntheticCorpusInfo {
  dir: string;
  files: number;
  paragraphs: number;
  sentences: number;
  bytes: number;
}

export function writeSyntheticCorpus(dir: string, source: readonly CorpusDocument[], chunks: number, seed: number): SyntheticCorpusInfo {
  const sentences = source.flatMap((d) => d.sentences.map((s) => s.text.replace(/\s+/g, " ").trim())).filter((s) => s.length > 0);
  if (sentences.length === 0) throw new Error("the article has no sentences to recombine");
  const vocab = vocabulary(source);
  const rng = new Rng(seed);
  mkdirSync(dir, { recursive: true });
  let paragraphs: string[] = [];
  let files = 0;
  let sentenceCount = 0;
  let bytes = 0;
  const flush = () => {
    if (paragraphs.length === 0) return;
    const text = `${paragraphs.join("\n\n")}\n`;
    writeFileSync(path.join(dir, `synthetic-${String(files).padStart(4, "0")}.txt`), text);
    bytes += Buffer.byteLength(text);
    files++;
    paragraphs = [];
  };
  let made = 0;
  // Bounded: each attempt either makes a paragraph or shortens the next try; give up far past need.
  for (let attempts = 0; made < chunks && attempts < chunks * 20; attempts++) {
    let count = 2 + rng.int(2);
    let paragraph = "";
    let parts = 0;
    for (; count >= 1; count--) {
      const picked = Array.from({ length: count }, () => vary(rng.pick(sentences), vocab, rng));
      paragraph = picked.join(" ");
      // One chunk, and the sentences the segmenter finds are the ones we joined.
      const doc = parseDocument("probe", paragraph);
      if (doc.paragraphs.length === 1 && chunkDocument(doc).length === 1) {
        parts = doc.sentences.length;
        break;
      }
    }
    if (parts === 0) continue;
    paragraphs.push(paragraph);
    sentenceCount += parts;
    made++;
    if (paragraphs.length === PARAGRAPHS_PER_FILE) flush();
  }
  flush();
  if (made < chunks) throw new Error(`could only make ${made} of ${chunks} synthetic paragraphs`);
  return { dir, files, paragraphs: made, sentences: sentenceCount, bytes };
}
