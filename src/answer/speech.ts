/**
 * Who says what across the corpus, computed once at load: the quoted statements, and for every
 * sentence the person it attributes speech to (direct or reported: "Bukele mentioned …").
 */
import { attributeSpeaker, findStatements, namesInDocument, type Statement } from "../corpus/speech";
import type { CorpusDocument, Sentence } from "../corpus/types";
import { sentenceKey } from "../index/store";
import { foldText } from "../text/tokens";

export interface SpokenSentence {
  doc: CorpusDocument;
  sentence: Sentence;
  speaker: string;
}

/** Does a person named in a question ("bukele", "Hector Villatoro") match a full name? */
export function samePerson(asked: string, fullName: string): boolean {
  const askedWords = foldText(asked).replace(/['’]s\b/g, "").split(/[^\p{L}\p{N}-]+/u).filter((w) => w.length > 1);
  const nameWords = new Set(foldText(fullName).split(/\s+/));
  return askedWords.length > 0 && askedWords.every((w) => nameWords.has(w));
}

export class SpeechIndex {
  readonly statements: Statement[];
  readonly spoken: SpokenSentence[] = [];
  private readonly names: string[];
  /** Both keyed by `sentenceKey(docId, sentenceIndex)`, so per-sentence lookups never scan the corpus. */
  private readonly statementsBySentence = new Map<string, Statement[]>();
  private readonly speakerBySentence = new Map<string, string>();

  constructor(documents: CorpusDocument[]) {
    this.statements = documents.flatMap((d) => findStatements(d));
    this.names = [...new Set(documents.flatMap((d) => [...namesInDocument(d)]))];
    for (const st of this.statements) {
      const key = sentenceKey(st.docId, st.sentenceIndex);
      this.statementsBySentence.set(key, [...(this.statementsBySentence.get(key) ?? []), st]);
    }
    for (const doc of documents) {
      for (const sentence of doc.sentences) {
        const key = sentenceKey(doc.id, sentence.index);
        const quoted = this.statementsBySentence.get(key)?.find((st) => st.speaker !== null);
        const speaker = quoted?.speaker ?? attributeSpeaker(sentence.text);
        if (!speaker) continue;
        const full = this.fullName(speaker);
        this.speakerBySentence.set(key, full);
        this.spoken.push({ doc, sentence, speaker: full });
      }
    }
  }

  /** The fullest name in the corpus for a short form ("McLaughlin" → "Tricia McLaughlin"). */
  fullName(name: string): string {
    // Runs of more than three capitalised words are usually a title glued to a name.
    return this.names.filter((n) => samePerson(name, n) && n.split(/\s+/).length <= 3).sort((a, b) => b.length - a.length)[0] ?? name;
  }

  /** Is this a person (or other name) the corpus mentions at all? */
  mentions(asked: string): boolean {
    return this.names.some((n) => samePerson(asked, n));
  }

  sentencesBy(person: string): SpokenSentence[] {
    return this.spoken.filter((s) => samePerson(person, s.speaker));
  }

  /** The quoted statements inside one sentence. */
  statementsIn(docId: string, sentenceIndex: number): Statement[] {
    return this.statementsBySentence.get(sentenceKey(docId, sentenceIndex)) ?? [];
  }

  /** Who one sentence attributes speech to, or null. */
  speakerOf(docId: string, sentenceIndex: number): string | null {
    return this.speakerBySentence.get(sentenceKey(docId, sentenceIndex)) ?? null;
  }
}
