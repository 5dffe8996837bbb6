/**
 * Who says what across the corpus, computed once at load: the quoted statements, and for every
 * sentence the person it attributes speech to (direct or reported: "Bukele mentioned …"). The one
 * place a person named in a question is matched to the people of the corpus.
 */
import { alternation, ATTRIBUTION_VERBS, HONORIFICS } from "../text/lexicon";
import { foldText } from "../text/tokens";
import { attributeSpeaker, findStatements, isTitleWord, namesInDocument, titledNamesInDocument, type Statement } from "./attribution";
import { type CorpusDocument, type Sentence, sentenceKey } from "./types";

export interface SpokenSentence {
  doc: CorpusDocument;
  sentence: Sentence;
  speaker: string;
}

/** The first attribution verb of a sentence splits who is speaking from what they say. */
const ATTRIBUTION_VERB = new RegExp(`\\b(?:${alternation(ATTRIBUTION_VERBS)})\\b`, "u");

/** Honorifics and titles written before a surname ("Ms. Whitfield", "Dr. Okafor"): not part of the name. */
const HONORIFIC = new RegExp(`^(?:${alternation(HONORIFICS)})\\.?$`);

/** A person as a question names them (read by `answer/reading.ts`). */
export interface AskedPerson {
  /** "Tricia McLaughlin", "bukele", "mayor". */
  person: string;
  /** Every word capitalised: a name, even one the corpus never mentions, not a role ("the mayor"). */
  properName: boolean;
  /** The words of a role ("union's", "president"), leading article dropped. */
  roleWords: string[];
}

/** The words of a name, folded the same way on both sides: "J. R. Okafor" → j, r, okafor; "O’Donnell" → o'donnell. */
function nameTokens(text: string): string[] {
  return foldText(text)
    .replace(/'s\b/g, "")
    .split(/[^\p{L}\p{N}.'-]+/u)
    .map((w) => w.replace(/^['.-]+|['.-]+$/g, ""))
    .filter((w) => w.length > 0 && !HONORIFIC.test(w));
}

/** Does a person named in a question ("bukele", "Hector Villatoro", "Ms. Whitfield") match a full name? */
export function samePerson(asked: string, fullName: string): boolean {
  const askedWords = nameTokens(asked).filter((w) => w.length > 1 || nameTokens(asked).length > 1);
  const nameWords = new Set(nameTokens(fullName));
  return askedWords.length > 0 && askedWords.every((w) => nameWords.has(w));
}

export class SpeechIndex {
  readonly statements: Statement[];
  readonly spoken: SpokenSentence[] = [];
  private readonly names: string[];
  /**
   * The surnames (last words) of people known by what the text shows of them: names written after a
   * title. Not speakers: the text quotes hospitals, agencies and countries too ("Bayview General Hospital said").
   */
  private readonly surnames: Set<string>;
  /** Both keyed by `sentenceKey(docId, sentenceIndex)`, so per-sentence lookups never scan the corpus. */
  private readonly statementsBySentence = new Map<string, Statement[]>();
  private readonly speakerBySentence = new Map<string, string>();
  /**
   * Each speaker's introduction (the first sentence naming them in full) up to its first speech verb:
   * what it says of who they are. Built on first use (`sentencesFor`), for every speaker at once.
   */
  private describedAs: Map<string, string> | undefined;
  /** `personTitled` scans every document with a pattern per role: once per role is enough. */
  private readonly titledCache = new Map<string, string | null>();

  constructor(private readonly documents: CorpusDocument[]) {
    this.statements = documents.flatMap((d) => findStatements(d));
    this.names = [...new Set(documents.flatMap((d) => [...namesInDocument(d)]))];
    for (const st of this.statements) {
      // A quote running over several sentences belongs to each of them (and gives each its speaker).
      for (let i = st.sentenceIndex; i <= st.lastSentenceIndex; i++) {
        const key = sentenceKey(st.docId, i);
        this.statementsBySentence.set(key, [...(this.statementsBySentence.get(key) ?? []), st]);
      }
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
    this.surnames = new Set(documents.flatMap((d) => [...titledNamesInDocument(d)].map((name) => nameTokens(name).at(-1) ?? "")).filter(Boolean));
  }

  /**
   * Does a span of text name people the corpus writes with a title ("Noem and Villatoro" after
   * "Secretary Kristi Noem")? One person among its names is enough. Used to keep people out of "where"
   * answers.
   */
  namesPerson(text: string): boolean {
    // By surname, the last word of a name: "Secretary of Homeland Security Kristi Noem" runs a title
    // and an office into the name, and "Noem" alone is the same person.
    return text.split(/\s*(?:,|\band\b|&)\s*/u).some((part) => {
      const last = nameTokens(part).at(-1);
      return last !== undefined && !isTitleWord(last) && this.surnames.has(last);
    });
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

  /**
   * Who a question means by "X" in "what did X say": a name the corpus mentions (or any capitalised name,
   * to be told the article quotes no such person), or the person a role names ("the mayor"). Null for a
   * role the article gives no one ("the DHS official"): such questions are answered by search.
   */
  resolvePerson(asked: AskedPerson): string | null {
    if (this.mentions(asked.person) || asked.properName) return asked.person;
    return this.personTitled(asked.roleWords);
  }

  /**
   * The person a role names in the corpus: "the mayor" → "Adaeze Whitfield" from "Mayor Adaeze
   * Whitfield", "the union's president" → "Dmitri Szabo" from "… president, Dmitri Szabo". Null when
   * the corpus puts no known name right after the role (or names several equally often).
   */
  personTitled(roleWords: readonly string[]): string | null {
    const key = roleWords.join(" ");
    let person = this.titledCache.get(key);
    if (person === undefined) {
      person = this.findTitled(roleWords);
      this.titledCache.set(key, person);
    }
    return person;
  }

  private findTitled(roleWords: readonly string[]): string | null {
    if (roleWords.length === 0 || roleWords.length > 3) return null;
    // Each role word in either case ("Mayor Whitfield", "transportation director José Núñez"); a name is capitalised.
    const rolePattern = roleWords.map(casePattern).join("\\s+");
    const name = "(\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,2})";
    // "Mayor Adaeze Whitfield", "the union's president, Dmitri Szabo", and the other way round: "Héctor
    // Gustavo Villatoro, El Salvador's Minister of Justice" (a two-word role also read as "B of A").
    const roles = [rolePattern];
    if (roleWords.length === 2) roles.push(`${casePattern(roleWords[1] ?? "")}\\s+of\\s+${casePattern(roleWords[0] ?? "")}`);
    const patterns = roles.flatMap((role) => [
      new RegExp(`\\b${role},?\\s+${name}`, "gu"),
      new RegExp(`${name},\\s+(?:the\\s+|an?\\s+)?(?:(?:\\p{Lu}[\\p{L}.-]*\\s+)*\\p{L}+['’]s\\s+)?(?:\\p{Ll}+\\s+)?${role}\\b`, "gu"),
    ]);
    const counts = new Map<string, number>();
    for (const doc of this.documents) {
      for (const pattern of patterns) {
        for (const m of doc.text.matchAll(pattern)) {
          const candidate = (m[1] ?? "").replace(/[.,]$/, "");
          if (!this.mentions(candidate)) continue;
          const full = this.fullName(candidate);
          counts.set(full, (counts.get(full) ?? 0) + 1);
        }
      }
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length === 0 || (ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1])) return null;
    return ranked[0]?.[0] ?? null;
  }

  sentencesBy(person: string): SpokenSentence[] {
    return this.spoken.filter((s) => samePerson(person, s.speaker));
  }

  /**
   * What an organisation says through its people: "TixPoint's chief executive, Owen Strickland, …
   * said", "Gareth Pryce, who chairs … the Westmoor Farmers' Union, said". When `name` is quoted
   * itself, or is a person (written with a title somewhere), only its own sentences; otherwise the
   * sentences of its people: the speakers whose introduction (the first sentence naming them in full)
   * names it. A speaker who only mentions it ("Menon said her team had warned TixPoint") is not one.
   */
  sentencesFor(name: string): SpokenSentence[] {
    const own = this.sentencesBy(name);
    const last = nameTokens(name).at(-1);
    if (own.length > 0 || last === undefined || this.surnames.has(last)) return own;
    // Named with the person ("X's chief executive, Owen Strickland,", "Gareth Pryce, who chairs … X,"),
    // before what they say: "Priya Menon said her team had warned X" is about X, not by it.
    return this.spoken.filter((s) => samePerson(name, this.description(s.speaker)));
  }

  /** A speaker's introduction up to its first speech verb (see `describedAs`). */
  private description(speaker: string): string {
    if (!this.describedAs) {
      const sentences = this.documents.flatMap((d) => d.sentences);
      this.describedAs = new Map();
      for (const who of new Set(this.spoken.map((s) => s.speaker))) {
        const introduction = sentences.find((sentence) => samePerson(who, sentence.text));
        this.describedAs.set(who, introduction?.text.split(ATTRIBUTION_VERB)[0] ?? "");
      }
    }
    return this.describedAs.get(speaker) ?? "";
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

/** A word in either case at its first letter, with either apostrophe: "mayor" → "[Mm]ayor". */
function casePattern(word: string): string {
  return `[${word[0]?.toUpperCase()}${word[0]?.toLowerCase()}]${escapeRegExp(word.slice(1)).replace(/['’]/g, "['’]")}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
