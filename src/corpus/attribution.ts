/**
 * Direct speech: the statements a document quotes, and who made them.
 *
 * Quoted spans are text between double quotation marks, straight or curly, inside one paragraph.
 * The speaker is found with the attribution patterns of news prose, in the quote's sentence or, failing
 * that, the one before: a named person as the subject of a speech verb ("Bukele stated", "X, a spokesman,
 * said"), or right after it ("said X"); a "he said" is the person named in the few sentences before
 * (`pronounSpeaker`). Titles are dropped and a surname is resolved to the fullest form of that name in
 * the same document ("McLaughlin" → "Tricia McLaughlin").
 */
import { alternation, ATTRIBUTION_VERBS, NAME_PARTICLES, NAME_TITLES, NOT_NAMES } from "../text/lexicon";
import { isCommonWord } from "../text/spelling";
import type { CorpusDocument } from "./types";

export interface Statement {
  docId: string;
  paragraph: number;
  /** Offsets of the words inside the quotation marks. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  /** The sentence the statement starts in… */
  sentenceIndex: number;
  /** …and the one it ends in (the same for a quote inside one sentence). */
  lastSentenceIndex: number;
}

// Lowercase only: "United States" is not a speech verb.
const SPEECH_VERBS = new RegExp(`\\b(?:${alternation(ATTRIBUTION_VERBS)})\\b`, "gu");

/** A speech verb right at the start of the text ("… said"), without the global flag's state. */
const SPEECH_VERB_NEXT = new RegExp(`^\\s*${SPEECH_VERBS.source}`, "u");

const TITLES = new Set(NAME_TITLES);

/** A title written before a name, in either case, with or without its dot: "Secretary", "mayor", "Dr.". */
export function isTitleWord(word: string): boolean {
  return TITLES.has(word.toLowerCase().replace(/\.$/, ""));
}

const QUOTED = /"([^"\n]+)"|\u201c([^\u201d\n]+)\u201d/gu;
const NAME_RUN = new RegExp(`\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:(?:${alternation(NAME_PARTICLES)})\\s+)?\\p{Lu}[\\p{L}'’.-]*)*`, "gu");

interface NameAt {
  name: string;
  start: number;
  end: number;
  /** Written with 's: "Bayline's chief executive, Marguerite O'Donnell, said" is not Bayline speaking. */
  possessive: boolean;
}

function cleanName(run: string): string | null {
  const words = run.replace(/[.,]+$/, "").split(/\s+/);
  while (words.length > 0 && isTitleWord(words[0] ?? "")) words.shift();
  while (words.length > 0 && NOT_NAMES.has((words[0] ?? "").toLowerCase())) words.shift();
  if (words.length === 0) return null;
  const name = words.join(" ").replace(/['’]s$/, "");
  // An acronym (DHS) or one letter is an organisation or an initial, not a person we can name.
  if (name.length < 3 || /^[\p{Lu}\d]+$/u.test(name)) return null;
  return name;
}

function namesIn(text: string): NameAt[] {
  const names: NameAt[] = [];
  for (const match of text.matchAll(NAME_RUN)) {
    const name = cleanName(match[0]);
    if (!name) continue;
    const end = match.index + match[0].length;
    // A common word opening a sentence ("Updated maps will be posted", "Residents will …") is not a
    // name, unless a speech verb follows it at once ("Trump said").
    const opensSentence = text.slice(0, match.index).trim() === "";
    if (opensSentence && !name.includes(" ") && isCommonWord(name.toLowerCase()) && !SPEECH_VERB_NEXT.test(text.slice(end))) continue;
    names.push({ name, start: match.index, end, possessive: /['’]s$/u.test(match[0].replace(/[.,]+$/, "")) });
  }
  return names;
}

/** A title after a name: "Héctor Gustavo Villatoro, El Salvador's Minister of Justice", "Ann Lee, the city's mayor". */
const TITLE_AFTER = new RegExp(
  `^,\\s+(?:the\\s+|an?\\s+)?(?:(?:\\p{Lu}[\\p{L}.-]*\\s+)*\\p{L}+['’]s\\s+)?(?:\\p{Ll}+\\s+)?(?:${NAME_TITLES.map((t) => `[${t[0]?.toUpperCase()}${t[0]}]${t.slice(1)}`).join("|")})\\b`,
  "u",
);

/**
 * Names the document writes with a title: after one ("Homeland Security Secretary Kristi Noem", "Dr.
 * Okafor", "transportation director José Núñez") or
 * before one ("Héctor Gustavo Villatoro, El Salvador's Minister of Justice"): people, whatever else the
 * text says of them. Quotes count too ("Secretary Noem has a clear message"). The title is dropped.
 */
export function titledNamesInDocument(doc: CorpusDocument): Set<string> {
  const names = new Set<string>();
  for (const sentence of doc.sentences) {
    const text = sentence.text;
    for (const match of text.matchAll(NAME_RUN)) {
      const run = match[0].replace(/[.,]+$/, "");
      const words = run.split(/\s+/);
      const before = text.slice(0, match.index).match(/(\p{L}+)\.?\s+$/u)?.[1];
      const lastTitle = words.map(isTitleWord).lastIndexOf(true);
      // The title inside the run ("Secretary Kristi Noem"), right before it ("director José Núñez"), or
      // after it, set off by a comma. Not "the mayor of Durham Falls": that is a place.
      const titled = lastTitle >= 0 || (before !== undefined && isTitleWord(before)) || TITLE_AFTER.test(text.slice(match.index + run.length));
      if (!titled) continue;
      const name = cleanName(words.slice(lastTitle + 1).join(" "));
      // "Bayview General Hospital": common words after a title are a thing, not a person.
      if (name && !name.split(/\s+/).every((w) => isCommonWord(w.toLowerCase()))) names.add(name);
    }
  }
  return names;
}

/** Blank out quoted spans so attribution looks only at the narrator's words. */
function maskQuotes(text: string): string {
  return text.replace(QUOTED, (m) => " ".repeat(m.length));
}

/** The speaker of a sentence, from its non-quoted words, or null. */
export function attributeSpeaker(sentenceText: string): string | null {
  const narration = maskQuotes(sentenceText);
  const names = namesIn(narration);
  if (names.length === 0) return null;
  for (const verb of narration.matchAll(SPEECH_VERBS)) {
    const verbEnd = verb.index + verb[0].length;
    // "…," said Bukele / said the union's president, Dmitri Szabo  → the name after the verb.
    const after = names.find((n) => n.start >= verbEnd && n.start - verbEnd <= 60);
    if (after && /^\s*,?\s*(?:(?:the|a|an)\s+[^,"“”]{1,40},\s*)?$/u.test(narration.slice(verbEnd, after.start))) return after.name;
    // Bukele stated / Tricia McLaughlin, Assistant Secretary …, underscored … by stating  → the subject,
    // skipping an owner ("Bayline's chief executive, Marguerite O'Donnell, said").
    const before = names.filter((n) => n.end <= verb.index);
    const subject = before.find((n) => !n.possessive) ?? before[0];
    if (subject) return subject.name;
  }
  return null;
}

/** Resolve a surname or short form to the fullest name of that person written in the same document. */
function fullestName(name: string, known: Set<string>): string {
  const last = name.split(/\s+/).pop() ?? name;
  let best = name;
  for (const candidate of known) {
    // Longer runs are usually a title glued to a name ("Homeland Security Kristi Noem").
    if (candidate.split(/\s+/).length > 3) continue;
    if (candidate.length > best.length && (candidate.split(/\s+/).pop() ?? "") === last) best = candidate;
  }
  return best;
}

export function findStatements(doc: CorpusDocument): Statement[] {
  const known = namesInDocument(doc);
  // Scanned only if a quote is attributed by a pronoun, and then once for the whole document.
  let titled: Set<string> | undefined;
  const titledNames = (): Set<string> => (titled ??= titledNamesInDocument(doc));
  const statements: Statement[] = [];
  for (const paragraph of doc.paragraphs) {
    // Quotes are matched in the whole paragraph: one may run over several sentences ("Nobody wants … .
    // But I will not …").
    const text = doc.text.slice(paragraph.start, paragraph.end);
    const sentences = doc.sentences.filter((s) => s.paragraph === paragraph.number);
    for (const match of text.matchAll(QUOTED)) {
      const inner = match[1] ?? match[2] ?? "";
      const innerStart = paragraph.start + match.index + 1;
      // A one- or two-word quote is a term ('special cases'), not a statement.
      if (inner.trim().split(/\s+/).length < 3) continue;
      const lead = inner.length - inner.trimStart().length;
      const quote = inner.trim();
      const start = innerStart + lead;
      const end = start + quote.length;
      const first = sentences.find((s) => s.end > start) ?? sentences[0];
      const last = sentences.find((s) => s.end >= end) ?? first;
      if (!first || !last) continue;
      // The attribution is in the sentence that closes the quote ("…," said X), the one that opens it
      // (X said: "…"), or failing both, the sentence before.
      const previous = sentences.find((s) => s.index === first.index - 1);
      const speaker =
        attributeSpeaker(last.text) ?? (last === first ? null : attributeSpeaker(first.text)) ?? (previous ? attributeSpeaker(previous.text) : null) ?? pronounSpeaker(doc, first.index, last.text, known, titledNames);
      statements.push({
        docId: doc.id,
        paragraph: paragraph.number,
        start,
        end,
        text: quote,
        speaker: speaker ? fullestName(speaker, known) : null,
        sentenceIndex: first.index,
        lastSentenceIndex: last.index,
      });
    }
  }
  return statements;
}

/** "…," he said / she added: a speech verb whose subject is a pronoun, in the narrator's words. */
const PRONOUN_SPEECH = new RegExp(`\\b(?:[Hh]e|[Ss]he)\\s+(?:${alternation(ATTRIBUTION_VERBS)})\\b|\\b(?:${alternation(ATTRIBUTION_VERBS)})\\s+(?:he|she)\\b`, "u");
/** How many sentences back a pronoun's person may have been named. */
const PRONOUN_REACH = 3;

/**
 * The person a "he said" stands for: the speaker of, or else the first person named (not as an owner,
 * "TixPoint's") in, the nearest of the few sentences before, across paragraphs ("TixPoint's chief executive, Owen Strickland,
 * apologised. …" then "“We got this badly wrong,” he said."). A person is a name of two words or more
 * whose last is not a common word ("Oxley Green" is a place), or one the document titles.
 */
function pronounSpeaker(doc: CorpusDocument, sentenceIndex: number, sentenceText: string, known: Set<string>, titledNames: () => Set<string>): string | null {
  if (!PRONOUN_SPEECH.test(maskQuotes(sentenceText))) return null;
  const titled = titledNames();
  const isPerson = (name: string): boolean => {
    const parts = fullestName(name, known).split(/\s+/);
    return titled.has(name) || (parts.length >= 2 && !isCommonWord((parts.at(-1) ?? "").toLowerCase()));
  };
  for (let i = sentenceIndex - 1; i >= Math.max(0, sentenceIndex - PRONOUN_REACH); i--) {
    const sentence = doc.sentences[i];
    if (!sentence) continue;
    const narration = maskQuotes(sentence.text);
    // A titled name first ("Wexford Falls Mayor Tom Ashby … called the deal"), then the sentence's own
    // speaker ("Detective Inspector Sam Adeyemi said officers … in the Harlow Vale area"), then any person.
    const candidates = [...[...titled].filter((t) => narration.includes(t)), attributeSpeaker(sentence.text), ...namesIn(narration).filter((n) => !n.possessive).map((n) => n.name)];
    const person = candidates.find((c): c is string => c !== null && isPerson(c));
    if (person) return person;
  }
  return null;
}

/** Every person-like name in a document, for "what did X say" questions. */
export function namesInDocument(doc: CorpusDocument): Set<string> {
  return new Set(doc.sentences.flatMap((s) => namesIn(maskQuotes(s.text)).map((n) => n.name)));
}
