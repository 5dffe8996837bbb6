/**
 * Quote lookup: find the passages a person remembers. Tiers, best first:
 *   1. the phrase itself, ignoring case, accents, punctuation and apostrophes ("Dont" finds "Don’t");
 *   2. the same words with a typo or two, in order ("hunt you dwn");
 *   3. a statement by a named speaker ("what did Bukele say");
 *   4. a close paraphrase, only when meaning and shared words are both strong.
 * Nothing matching returns an empty list: a loosely related passage is not a match.
 */
import type { CorpusDocument, Sentence } from "../corpus/types";
import { samePerson, type SpeechIndex } from "../corpus/speech";
import { foldText, terms } from "../text/tokens";
import type { QuoteMatch, QuoteOptions, QuotesResult } from "../contract";
import { citationAt, dedupeCitations } from "./citations";
import { elapsedMs } from "./elapsed";
import { readQuoteQuery } from "./reading";
import type { Retriever } from "./retrieve";
import { dot } from "../index/vectors";

export interface QuotePolicy {
  /** Share of query words that must match, in order, for a typo-tolerant phrase match. */
  minFuzzyShare: number;
  /** A quoted statement is a paraphrase match when its own meaning is this close to the query. */
  minStatementSemantic: number;
  /** A sentence paraphrase needs this cosine similarity… */
  minParaphraseSemantic: number;
  /** …and this share of the query's term weight. */
  minParaphraseLexical: number;
  defaultLimit: number;
  /**
   * Match scores by tier, so that every match of a better tier ranks above any of a worse one: the phrase
   * itself (plus up to 1 for a shorter passage), a speaker's statements when nothing else was asked
   * (quotes before reported speech), a typo-tolerant phrase (plus `fuzzyWeight` × the share matched), a
   * paraphrase (plus meaning and shared words, weighted).
   */
  scores: { phrase: number; speakerQuote: number; speakerSentence: number; fuzzy: number; fuzzyWeight: number; paraphrase: number; semanticWeight: number; lexicalWeight: number };
}

export const DEFAULT_QUOTE_POLICY: QuotePolicy = {
  minFuzzyShare: 0.75,
  minStatementSemantic: 0.5,
  minParaphraseSemantic: 0.5,
  minParaphraseLexical: 0.3,
  defaultLimit: 5,
  scores: { phrase: 3, speakerQuote: 2.5, speakerSentence: 2, fuzzy: 2, fuzzyWeight: 0.9, paraphrase: 1, semanticWeight: 0.6, lexicalWeight: 0.4 },
};

/** Words for phrase matching: folded, apostrophes dropped (don't → dont), everything else a separator. */
export function phraseWords(text: string): string[] {
  return foldText(text).replace(/'/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  // Short words must match exactly, except a dropped letter from a four-letter one ("dwn" for "down").
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 3 || Math.max(a.length, b.length) < 4) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else if (a[i + 1] === b[j] && a[i] === b[j + 1]) {
      i += 2; // transposition: "teh" for "the"
      j += 2;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Best in-order alignment share of query words inside passage words (exact or one edit). */
function orderedMatchShare(query: string[], passage: string[]): { share: number; contiguous: boolean } {
  if (query.length === 0) return { share: 0, contiguous: false };
  // Exact contiguous phrase first.
  outer: for (let s = 0; s + query.length <= passage.length; s++) {
    for (let k = 0; k < query.length; k++) if (passage[s + k] !== query[k]) continue outer;
    return { share: 1, contiguous: true };
  }
  // Greedy in-order alignment with small gaps, from every start.
  let best = 0;
  for (let s = 0; s < passage.length; s++) {
    let p = s;
    let matched = 0;
    for (const word of query) {
      for (let look = p; look < Math.min(passage.length, p + 3); look++) {
        if (withinOneEdit(word, passage[look] ?? "")) {
          matched++;
          p = look + 1;
          break;
        }
      }
    }
    best = Math.max(best, matched / query.length);
  }
  return { share: best, contiguous: false };
}

/** A statement or a sentence that can be found as a quote. */
interface Quotable {
  doc: CorpusDocument;
  start: number;
  end: number;
  speaker: string | null;
  sentence: Sentence;
  words: string[];
  /** Set for quoted statements: the words inside the quotation marks… */
  statement?: string;
  /** …split at sentence ends when the quote runs over several sentences: a remembered line is usually one of them. */
  statementParts?: string[];
}

export class QuoteFinder {
  private readonly passages: Quotable[] = [];
  /** Vectors of the quoted statements' sentences, embedded on the first paraphrase lookup (a handful per article). */
  private statementVectors: Promise<Map<Quotable, Float32Array[]>> | undefined;

  constructor(
    documents: CorpusDocument[],
    private readonly retriever: Retriever,
    private readonly speech: SpeechIndex,
    private readonly policy: QuotePolicy = DEFAULT_QUOTE_POLICY,
  ) {
    for (const doc of documents) {
      for (const sentence of doc.sentences) {
        const speaker = speech.speakerOf(doc.id, sentence.index);
        // A statement is its own passage (the words inside the quotation marks) …
        for (const st of speech.statementsIn(doc.id, sentence.index)) {
          if (st.sentenceIndex !== sentence.index) continue; // a quote over several sentences is one passage
          const parts = doc.sentences
            .filter((x) => x.index >= st.sentenceIndex && x.index <= st.lastSentenceIndex)
            .map((x) => doc.text.slice(Math.max(x.start, st.start), Math.min(x.end, st.end)).trim())
            .filter((part) => part.length > 0);
          this.passages.push({ doc, start: st.start, end: st.end, speaker: st.speaker, sentence, words: phraseWords(st.text), statement: st.text, statementParts: parts });
        }
        // … and so is every sentence.
        this.passages.push({ doc, start: sentence.start, end: sentence.end, speaker, sentence, words: phraseWords(sentence.text) });
      }
    }
  }

  private embedStatements(): Promise<Map<Quotable, Float32Array[]>> {
    this.statementVectors ??= (async () => {
      const statements = this.passages.filter((p) => p.statement !== undefined);
      const texts = statements.flatMap((p) => p.statementParts ?? [p.statement ?? ""]);
      const vectors = await this.retriever.embedTexts(texts);
      const byQuotable = new Map<Quotable, Float32Array[]>();
      let next = 0;
      for (const p of statements) {
        const count = (p.statementParts ?? [p.statement ?? ""]).length;
        byQuotable.set(p, vectors.slice(next, next + count));
        next += count;
      }
      return byQuotable;
    })();
    return this.statementVectors;
  }

  async find(query: string, options: QuoteOptions = {}): Promise<QuotesResult> {
    const startedAt = performance.now();
    const limit = options.limit ?? this.policy.defaultLimit;
    const { speaker: asked, phrase } = readQuoteQuery(query, options.speaker);
    // A name as given (even one the article never quotes: then nothing matches), or the person a role
    // names; a role the article gives no one ("the union guy") filters nothing and the words are searched.
    const speaker = asked ? (this.speech.resolvePerson(asked) ?? undefined) : undefined;

    let candidates = this.passages;
    if (speaker) candidates = candidates.filter((p) => p.speaker !== null && samePerson(speaker, p.speaker));

    const queryWords = phraseWords(phrase);
    const queryTerms = terms(phrase);
    const scored: Array<{ passage: Quotable; score: number }> = [];
    let queryVector: Float32Array | undefined;
    const tier = this.policy.scores;
    for (const passage of candidates) {
      if (queryWords.length === 0) {
        // "what did Bukele say" with nothing more: every statement of the speaker, in article order.
        // Direct quotes before reported speech.
        // (The start offset, scaled far below any score difference, keeps article order among equals.)
        scored.push({ passage, score: (passage.statement !== undefined ? tier.speakerQuote : tier.speakerSentence) - passage.start / 1e9 });
        continue;
      }
      const { share, contiguous } = orderedMatchShare(queryWords, passage.words);
      if (contiguous) {
        // Tier 1. Shorter passages first: the statement itself before the sentence around it.
        scored.push({ passage, score: tier.phrase + 1 / (1 + passage.words.length / 100) });
        continue;
      }
      if (share >= this.policy.minFuzzyShare && queryWords.length >= 2) {
        scored.push({ passage, score: tier.fuzzy + share * tier.fuzzyWeight });
        continue;
      }
      queryVector ??= await this.retriever.embedQuestion(phrase);
      const s = this.retriever.scoreSentence(passage.doc, passage.sentence, queryVector, queryTerms);
      const statementVectors = passage.statement !== undefined ? ((await this.embedStatements()).get(passage) ?? []) : [];
      const statementSemantic = Math.max(-1, ...statementVectors.map((v) => dot(v, queryVector as Float32Array)));
      const qualifies =
        statementSemantic >= this.policy.minStatementSemantic ||
        (s.semantic >= this.policy.minParaphraseSemantic && s.lexical >= this.policy.minParaphraseLexical);
      // With a speaker filter, that person's statements are what was asked for; rank them by relevance.
      if (qualifies || speaker) scored.push({ passage, score: (speaker && !qualifies ? 0 : tier.paraphrase) + Math.max(s.semantic, statementSemantic) * tier.semanticWeight + s.lexical * tier.lexicalWeight });
    }
    scored.sort((a, b) => b.score - a.score);

    const matches = dedupeCitations(
      scored.map(({ passage, score }): QuoteMatch => ({
        ...citationAt(passage.doc, passage.start, passage.end),
        speaker: passage.speaker,
        score: Math.round(score * 1000) / 1000,
      })),
    ).slice(0, limit);
    return { query, matches, ms: elapsedMs(startedAt) };
  }
}
