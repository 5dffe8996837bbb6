/**
 * The corpus word by word: the index terms of every sentence, how many sentences use each term (for
 * IDF), the surface vocabulary (for spelling correction and names), and the places its demonyms stand
 * for. Built once per engine; every "does the article use this word" question is answered here.
 */
import { type CorpusDocument, sentenceKey } from "../corpus/types";
import { SpellingCorrector } from "../text/spelling";
import { foldText, isStopword, termOf, terms, words } from "../text/tokens";
import type { WordNet } from "../text/wordnet";
import type { NameInQuestion } from "./reading";

/**
 * A term in this share of the corpus's sentences or more is the article's subject (set on the training
 * articles: 0.05 and 0.1 gave the same figures for durations, 0.2 one right answer fewer).
 */
const SUBJECT_SHARE = 0.1;

/** Two or more capitalised words in a row, "of", "and", "for" or "the" allowed between them. */
const CAPITALISED_RUN = /\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:of|and|for|the)\s+)?\p{Lu}[\p{L}'’-]*)+/gu;

export class CorpusTerms {
  readonly documents: ReadonlyMap<string, CorpusDocument>;
  /** Terms of each sentence, and document frequency of each term over sentences (for IDF). */
  private readonly sentenceTerms = new Map<string, Set<string>>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly sentenceCount: number;
  private readonly spelling: SpellingCorrector;
  private readonly vocabulary = new Set<string>();

  constructor(
    documents: CorpusDocument[],
    /** WordNet, for the places demonyms name (`placesOf`). */
    readonly wordNet: WordNet,
  ) {
    this.documents = new Map(documents.map((d) => [d.id, d]));
    let count = 0;
    for (const doc of documents) {
      for (const sentence of doc.sentences) {
        for (const word of words(sentence.text)) this.vocabulary.add(word);
        // "U.S." is also written "US": keep dotted abbreviations without their dots too.
        for (const abbreviation of sentence.text.matchAll(/(?:\p{L}\.){2,}/gu)) this.vocabulary.add(foldText(abbreviation[0]).replace(/\./g, ""));
        // "MVU" for "Marlow Valley University": the initials of a run of capitalised words.
        for (const run of sentence.text.matchAll(CAPITALISED_RUN)) {
          const initials = run[0].split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.charAt(0)).join("");
          if (initials.length >= 2 && initials.length <= 6) this.vocabulary.add(foldText(initials));
        }
        const set = new Set(terms(sentence.text));
        this.sentenceTerms.set(sentenceKey(doc.id, sentence.index), set);
        for (const t of set) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
        count++;
      }
    }
    this.sentenceCount = count;
    this.spelling = new SpellingCorrector(this.vocabulary);
  }

  /**
   * The names a question holds that the corpus never uses, even after spelling correction: people, places
   * or things the article does not mention.
   */
  unknownNames(names: readonly NameInQuestion[]): string[] {
    const unknown: string[] = [];
    for (const name of names) {
      for (const folded of name.words) {
        if (!this.vocabulary.has(folded) && !this.vocabulary.has(this.spelling.correct(folded)) && !isStopword(folded)) unknown.push(name.text);
      }
    }
    return [...new Set(unknown)];
  }

  /** The corpus word a misspelled (folded) word most likely means, or the word itself. */
  correctWord(word: string): string {
    return this.spelling.correct(word);
  }

  /** A text with misspelled words replaced by the corpus words they most likely mean. */
  correctSpelling(text: string): string {
    const original = words(text);
    const corrected = original.map((w) => this.spelling.correct(w));
    return corrected.some((w, i) => w !== original[i]) ? corrected.join(" ") : text;
  }

  /** Inverse document frequency over sentences; a term the corpus never uses weighs most. */
  idf(term: string): number {
    return Math.log(1 + this.sentenceCount / ((this.documentFrequency.get(term) ?? 0) + 0.5));
  }

  /** How many sentences of the corpus use the term. */
  sentencesWith(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  /** The share of the corpus's sentences that use the term (0 to 1). */
  shareOfSentences(term: string): number {
    return this.sentenceCount === 0 ? 0 : this.sentencesWith(term) / this.sentenceCount;
  }

  /**
   * True when the term is the article's subject: in this share of its sentences or more (`SUBJECT_SHARE`).
   * Passages refer to their subject without naming it ("he", "the city"), and a word on every third line
   * is no sign that two passages share a topic.
   */
  isSubject(term: string): boolean {
    return this.shareOfSentences(term) >= SUBJECT_SHARE;
  }

  /** True when the corpus uses the term (after folding and stemming). */
  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** The term among `candidates` that the corpus uses in the fewest sentences (the most specific), if any. */
  rarestKnown(candidates: readonly string[]): string | null {
    const known = candidates.filter((t) => this.knows(t));
    return known.length === 0 ? null : known.reduce((a, b) => (this.idf(b) > this.idf(a) ? b : a));
  }

  termsOfSentence(docId: string, sentenceIndex: number): Set<string> {
    return this.sentenceTerms.get(sentenceKey(docId, sentenceIndex)) ?? new Set();
  }

  /** Share of the query's IDF weight whose terms appear in `present`. */
  coverage(queryTerms: readonly string[], present: (term: string) => boolean): number {
    let total = 0;
    let found = 0;
    for (const t of new Set(queryTerms)) {
      const w = this.idf(t);
      total += w;
      if (present(t)) found += w;
    }
    return total === 0 ? 0 : found / total;
  }

  /**
   * Places the demonyms among `questionWords` stand for, when the corpus names them: "Mexican" → Mexico,
   * "Salvadoran" → El Salvador (WordNet pertainyms). Keyed by the demonym's term; each place is the list
   * of its terms, all of which a sentence must hold.
   */
  placesOf(questionWords: readonly string[]): Map<string, string[][]> {
    const out = new Map<string, string[][]>();
    for (const word of new Set(questionWords)) {
      const term = termOf(word);
      if (term === null || out.has(term)) continue;
      const places = this.wordNet
        .pertainsTo(word)
        .map((place) => terms(place))
        .filter((placeTerms) => placeTerms.length > 0 && placeTerms.every((t) => this.knows(t)));
      if (places.length > 0) out.set(term, places);
    }
    return out;
  }
}
