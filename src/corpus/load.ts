/**
 * Load every `.txt` and `.md` file of a folder as a document. Each file must be readable UTF-8 text;
 * a binary or unreadable file stops loading with an error that names it (a half-loaded corpus would
 * answer from less than the user thinks). A corpus above the size cap is refused before anything is
 * read: indexing it would take hours, silently.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseFrontMatter } from "./frontMatter";
import { nfcView } from "./normalize";
import { segmentDocument } from "./segment";
import type { Corpus, CorpusDocument } from "./types";

export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CorpusError";
  }
}

const DOCUMENT_EXTENSIONS = new Set([".txt", ".md"]);
const MAX_TITLE_CHARS = 90;
const MB = 1024 * 1024;
/** Above this much text a build takes minutes: say so before starting, rather than look hung. */
const WARN_BYTES = 1 * MB;

export interface LoadCorpusOptions {
  /** Refuse a corpus whose documents add up to more bytes than this (`MAX_CORPUS_MB`). */
  maxBytes?: number;
  /** Where the size warning goes (stderr in the CLI, the log in `serve`). */
  notify?: (message: string) => void;
}

function decodeUtf8(bytes: Buffer, file: string): string {
  if (bytes.includes(0)) throw new CorpusError(`${file}: looks like a binary file (it contains NUL bytes), not text`);
  try {
    // `ignoreBOM` keeps a byte-order mark in the text: every offset then indexes the file as stored
    // (Node's own `readFile(…, "utf8")` keeps it too), instead of being one off after a dropped BOM.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CorpusError(`${file}: is not valid UTF-8 text`);
  }
}

/** A readable title for a document without one: its first heading or first sentence, shortened at a word. */
function inferTitle(doc: Pick<CorpusDocument, "id" | "text" | "sentences">): string {
  const first = doc.sentences[0]?.text.replace(/\s+/g, " ").trim();
  if (!first) return doc.id.replace(/[-_]+/g, " ");
  if (first.length <= MAX_TITLE_CHARS) return first.replace(/[.!?]$/, "");
  const cut = first.slice(0, MAX_TITLE_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 40 ? cut.lastIndexOf(" ") : cut.length).replace(/[,;:]$/, "")}…`;
}

export function parseDocument(id: string, storedText: string): CorpusDocument {
  const { text, stored } = nfcView(storedText);
  const { fields, bodyStart } = parseFrontMatter(text);
  const { paragraphs, sentences } = segmentDocument(text, bodyStart);
  const doc: CorpusDocument = { id, title: "", text, paragraphs, sentences, ...(stored ? { stored } : {}) };
  if (fields.source ?? fields.url) doc.source = fields.source ?? fields.url;
  if (fields.date) doc.date = fields.date;
  doc.title = fields.title?.trim() || inferTitle(doc);
  return doc;
}

const megabytes = (bytes: number): string => (bytes < MB / 10 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / MB).toFixed(1)} MB`);

/** Sizes from `stat`, so an oversized corpus is refused without reading it into memory. */
async function checkSize(dir: string, files: string[], options: LoadCorpusOptions): Promise<void> {
  const sizes = await Promise.all(files.map(async (name) => ({ name, bytes: (await stat(path.join(dir, name)).catch(() => ({ size: 0 }))).size })));
  const total = sizes.reduce((sum, f) => sum + f.bytes, 0);
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const detail = `${megabytes(total)} in ${files.length} document(s), largest ${largest.name} (${megabytes(largest.bytes)})`;
  const max = options.maxBytes;
  if (max !== undefined && total > max) {
    throw new CorpusError(`corpus folder ${dir} holds ${detail}, above the MAX_CORPUS_MB cap of ${megabytes(max)}: split it into smaller corpora or raise MAX_CORPUS_MB`);
  }
  if (total > Math.min(WARN_BYTES, (max ?? Infinity) / 2)) {
    options.notify?.(`Warning: corpus folder ${dir} holds ${detail}; building its index may take many minutes.`);
  }
}

export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  let entries: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new CorpusError(`corpus folder ${dir} is not a folder`);
    entries = await readdir(dir);
  } catch (err) {
    if (err instanceof CorpusError) throw err;
    throw new CorpusError(`corpus folder ${dir} does not exist or cannot be read`);
  }
  const files = entries.filter((name) => DOCUMENT_EXTENSIONS.has(path.extname(name).toLowerCase()) && !name.startsWith(".")).sort();
  if (files.length === 0) throw new CorpusError(`corpus folder ${dir} has no .txt or .md documents`);
  await checkSize(dir, files, options);

  const hash = createHash("sha256");
  const documents: CorpusDocument[] = [];
  const seenIds = new Set<string>();
  for (const name of files) {
    const file = path.join(dir, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new CorpusError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    const text = decodeUtf8(bytes, file);
    const id = path.basename(name, path.extname(name));
    if (seenIds.has(id)) throw new CorpusError(`${file}: another document already has the id "${id}" (same name, other extension)`);
    seenIds.add(id);
    const doc = parseDocument(id, text);
    if (doc.sentences.length === 0) throw new CorpusError(`${file}: has no text to index`);
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
    documents.push(doc);
  }
  return { dir, documents, hash: hash.digest("hex") };
}
