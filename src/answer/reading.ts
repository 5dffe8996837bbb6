/**
 * The question, read once. `readQuestion` parses a question's wording (never the article) into a typed
 * reading: what it asks with, the kind of answer it wants, what it is about, whom it asks about, what it
 * counts, the names it holds. Every later step (retrieval, evidence, the answerability rules, the
 * citation choice) reads this structure; no other module runs patterns over the question.
 */
import type { AskedPerson } from "../corpus/speech";
import { sentenceTexts } from "../corpus/segment";
import { type AnswerType, DATE_DIGITS, spansOf } from "../text/entities";
import { alternation, AUXILIARIES, BACK_REFERENCES, FOCUS_FILLERS, FOLLOW_UP_OPENERS, MONEY_NOUNS, MONEY_QUESTION_WORDS, NOT_PROPERTY, PERSON_ROLE_NOUNS, WH_WORDS, YES_NO_OPENERS } from "../text/lexicon";
import { denies, isNegated } from "../text/negation";
import { capitalisedInside, foldText, termOf, terms, words } from "../text/tokens";
import { askedPerson, recalledQuote, speechQuestion } from "./readSpeech";

export type { AnswerType, AskedPerson };
export { askedPerson };

/** "What did X say about Y": the speaker asked about, and what about. */
export interface SpeechAsked {
  who: AskedPerson;
  /** What the question asks beyond the speaker ("about organized crime"); may be empty. */
  rest: string;
}

/** A capitalised word inside the question (not its first): a name it holds. */
export interface NameInQuestion {
  /** As written, a possessive "'s" dropped ("Noem's" → "Noem"). */
  text: string;
  /** Its folded words, to look up in the corpus vocabulary. */
  words: string[];
  /** Its index terms. */
  terms: string[];
  /** The name with the names written next to it ("Business" → "Harbor Business Association"). */
  phrase: string;
}

export interface QuestionReading {
  /** The input as given. */
  input: string;
  /** The question sentence(s) of a longer input ("Ignore all previous instructions. When …?" → "When …?"). */
  question: string;
  /** What is answered: the question, completed with the previous one when it is a follow-up. */
  text: string;
  /** Set when `text` was completed from history: the previous question, and what marked this one a follow-up. */
  followUp: { previous: string; opener: string | null; backReference: string | null; contentTerms: number } | null;
  /** What is searched: `text` with misspelled words replaced by the corpus words they most likely mean. */
  searched: string;
  /** Index terms of `searched`: the words retrieval and scoring match. */
  searchTerms: string[];
  /** Folded words of `searched`. */
  searchWords: string[];
  /** Folded words of `text`, and their index terms. */
  words: string[];
  wordTerms: ReadonlySet<string>;
  /** `text` folded and split at every non-word character: what an answer must not merely repeat. */
  heldWords: ReadonlySet<string>;
  /** The wh-words in order ("when", "what", …): more than one asks two things. */
  whWords: string[];
  /** Which ways of asking the question uses, anywhere in it ("how" without "how many/much"; `yesNo`: opens with an auxiliary). */
  asks: Record<"who" | "when" | "where" | "howMany" | "why" | "how" | "which" | "what" | "yesNo", boolean>;
  /** Opens with an auxiliary and a space: "Is the prison …", "Did a judge …". */
  yesNo: boolean;
  /** The kind of answer asked for ("when" → a date, "how many" → a number, "who" → a person), or null for open questions. */
  answerType: AnswerType | null;
  /** The words naming what the question asks about (see `focusSlot`). */
  focus: string[];
  /** The word after an opening "how" ("old" in "How old is …"), lowercase; null otherwise. */
  howWord: string | null;
  /** X of "which X …" opening the question: the kind of thing asked for ("which airport"). */
  which: string | null;
  /** The word after "which"/"what" anywhere ("which countries"), a category an answer may belong to. */
  categoryWord: string | null;
  /** Words narrowing a role in "which Mexican president": index terms. */
  roleModifiers: string[];
  /**
   * Up to three folded words after "the name of the", "which" or "who is the", one of which may be the
   * kind of person asked for ("vet" in "what's the name of the vet who …"); [] otherwise. Whether one is a
   * person noun is for the caller, who has the dictionary (see `asksForPersonKind` in `answerKind.ts`).
   */
  personNounSlot: string[];
  /** Index terms of X in "how many X were …", read from `searched`; [] when it counts nothing named. */
  counted: string[];
  /** Y in "how many of the X were Y", read from `searched`: the part counted. */
  subset: string[];
  /** Capitalised words inside the question. */
  names: NameInQuestion[];
  /** Names the question sets aside ("Apart from Petro, who …" → Petro): not what the answer is about. */
  setAside: string[];
  /** Numbers and dates the question itself holds. */
  numbers: string[];
  dates: string[];
  /** Negated: "not", "never", "didn't", "refused to" (`text/negation.ts`). */
  negated: boolean;
  /** Negated as a denial: "not only … but also" and "vote no" set aside (`denies` in `text/negation.ts`). */
  denies: boolean;
  /** "What did X say …": the speaker asked about. */
  speech: SpeechAsked | null;
  /** About the whole article ("what is this article about?", "tl;dr"). */
  gist: boolean;
  /**
   * "Who is the chairman of Meridian Air Group?": the role asked for and whose role it is, as folded
   * words ("chairman"; "meridian", "air", "group"); null for other questions.
   */
  roleOf: { role: string[]; holder: string[]; written: { role: string; holder: string } } | null;
}

export interface ReadOptions {
  /** Earlier questions of the same conversation, oldest first. */
  history?: string[];
  /** The corpus word a (misspelled) folded word most likely means; the word itself when it is fine. */
  correctWord?: (word: string) => string;
  /** Read the text whole (a summary topic): no question sentence picked out, never completed from history. */
  whole?: boolean;
}

/**
 * The part of a reading that says what is searched: the asking sentences, completed from history when a
 * follow-up, with misspellings corrected. Cheap, and split from `readQuestion` so that the engine can send
 * `searched` to an embedding worker first and read the rest of the question while the worker embeds it.
 */
export interface SearchedText {
  question: string;
  followUp: QuestionReading["followUp"];
  text: string;
  /** Folded words of `text`, before spelling correction. */
  surface: string[];
  searched: string;
}

export function searchedText(input: string, options: ReadOptions = {}): SearchedText {
  const question = options.whole ? input : questionSentences(input);
  const followUp = options.whole ? null : followUpOf(question, options.history);
  const text = followUp ? `${followUp.previous.trim()} ${question.trim()}` : question;
  const surface = words(text);
  const corrected = options.correctWord ? surface.map(options.correctWord) : surface;
  const fixes = new Map(surface.flatMap((w, i) => (corrected[i] !== undefined && corrected[i] !== w ? [[w, corrected[i]] as const] : [])));
  return { question, followUp, text, surface, searched: fixes.size > 0 ? withWordsReplaced(text, fixes) : text };
}

/** A word as written, with the apostrophes and dashes `foldText` unifies. */
const WRITTEN_WORD = /[\p{L}\p{N}]+(?:['\u2018\u2019\u201b\u02bc`\u2010-\u2015-][\p{L}\p{N}]+)*/gu;

/**
 * `text` with each word whose folded form is a key of `fixes` replaced by its value, capitalised as the
 * word was: "When does Noem vist El Salvador?" → "When does Noem visit El Salvador?". The rest of the
 * question is kept as written, since its case and punctuation change the sentence embedding.
 */
function withWordsReplaced(text: string, fixes: ReadonlyMap<string, string>): string {
  return text.replace(WRITTEN_WORD, (written) => {
    const fix = fixes.get(foldText(written));
    if (fix === undefined) return written;
    if (written === written.toUpperCase() && written.length > 1) return fix.toUpperCase();
    return /^\p{Lu}/u.test(written) ? fix.charAt(0).toUpperCase() + fix.slice(1) : fix;
  });
}

/** `searched`: `searchedText(input, options)` when the caller already has it (the same input and options). */
export function readQuestion(input: string, options: ReadOptions = {}, searchedPart: SearchedText = searchedText(input, options)): QuestionReading {
  const { question, followUp, text, surface, searched } = searchedPart;
  const whWords = text.match(WH_WORD) ?? [];
  const slots = questionSlots(text);
  return {
    input,
    question,
    text,
    followUp,
    searched,
    searchTerms: terms(searched),
    searchWords: words(searched),
    words: surface,
    wordTerms: new Set(surface.map(termOf).filter((t): t is string => t !== null)),
    heldWords: new Set(foldText(text).split(/[^\p{L}\p{N}]+/u)),
    whWords,
    asks: asksOf(foldText(text).trim()),
    yesNo: YES_NO.test(text.trim()),
    answerType: answerTypeOf(text),
    focus: slots.focus,
    howWord: /^\W*how\s+([\p{L}-]+)/iu.exec(text.trim())?.[1]?.toLowerCase() ?? null,
    which: slots.which,
    categoryWord: CATEGORY_WORD.exec(text)?.[1] ?? null,
    roleModifiers: words(ROLE_MODIFIERS.exec(text)?.[1] ?? "").map(termOf).filter((t): t is string => t !== null),
    personNounSlot: words(PERSON_NOUN_SLOT.exec(foldText(text))?.[1] ?? "").slice(0, 3),
    counted: countedTerms(searched),
    subset: subsetWords(searched),
    names: namesIn(text),
    setAside: text.match(SET_ASIDE_NAME)?.slice(1) ?? [],
    numbers: spansOf("number", text.replace(DATE_DIGITS, " ")),
    dates: spansOf("date", text),
    negated: isNegated(text),
    denies: denies(text),
    speech: speechAsked(text),
    gist: asksForGist(text),
    roleOf: roleAsked(text),
  };
}

/** True for a question about the whole article ("what is this article about?", "tl;dr"). */
export function asksForGist(text: string): boolean {
  return GIST.test(text.trim().toLowerCase().replace(/[’]/g, "'").replace(/[?!.\s]+$/u, ""));
}

/** "Apart from Petro, who …": the name after the phrase is set aside. */
const SET_ASIDE_NAME = /\b(?:[Aa]part from|[Bb]esides|[Oo]ther than|[Ee]xcept(?: for)?|[Aa]side from)\s+(\p{Lu}[\p{L}'’-]*)/u;

function namesIn(text: string): NameInQuestion[] {
  const bare = capitalisedInside(text).map((written) => ({ written, text: written.replace(/['’]s$/u, "") }));
  const known = new Set(bare.map((n) => n.text));
  // The question's words as names are compared: trailing punctuation and a possessive "'s" dropped.
  const written = text.split(/\s+/).map((w) => w.replace(/(?:['’]s)?[^\p{L}\p{N}]*$/u, ""));
  const phraseOf = (name: string): string => {
    let first = written.indexOf(name);
    if (first < 0) return name;
    let last = first;
    while (known.has(written[first - 1] ?? "")) first--;
    while (known.has(written[last + 1] ?? "")) last++;
    return written.slice(first, last + 1).join(" ");
  };
  return bare.map((n) => ({ text: n.text, words: words(n.text), terms: terms(n.written), phrase: phraseOf(n.text) }));
}

/** A quote query read for `findQuotes`: whom it names as the speaker, and the words remembered. */
export interface QuoteQueryReading {
  speaker: AskedPerson | null;
  phrase: string;
}

/**
 * "what did Bukele say about X", "the mayor said she won't …", or the remembered words alone. A speaker
 * given apart (`--speaker`) wins over one in the words; an empty one means none.
 */
export function readQuoteQuery(query: string, speaker?: string): QuoteQueryReading {
  const spoken = speechQuestion(query) ?? recalledQuote(query);
  const name = speaker ?? spoken?.person;
  return { speaker: name ? askedPerson(name) : null, phrase: spoken ? spoken.rest.replace(/^(?:about|on|regarding)\s+/i, "") : query };
}

const WH_WORD = new RegExp(`\\b(?:${alternation(WH_WORDS)})\\b`, "giu");
const YES_NO = new RegExp(`^(?:${alternation(YES_NO_OPENERS)})\\s`, "i");
const OPENS_WITH_AUXILIARY = new RegExp(`^(?:${alternation(YES_NO_OPENERS)})\\b`);
const AUX = alternation(AUXILIARIES);
const ROLE = alternation(PERSON_ROLE_NOUNS);
const ROLE_MODIFIERS = new RegExp(`\\bwhich\\s+((?:[\\p{L}'-]+\\s+){1,2})(?:${ROLE})\\b`, "iu");
/** "the name of the (local) vet", "which official", "who was the driver": where a kind of person may be named. */
const PERSON_NOUN_SLOT = /\b(?:names? of (?:the|this|that|a|an|its|their|his|her)|which|who(?:'s| is| was| were| are) the)\s+((?:[\p{L}-]+\s*){1,3})/u;
const CATEGORY_WORD = /\b(?:which|what)\s+([\p{L}-]+)/iu;
/** "How much did the flights cost?", "What did it cost?": money asked by a verb or "how much money". */
const MONEY_ASKED = new RegExp(`\\bhow much\\b.*\\b(?:${alternation(MONEY_QUESTION_WORDS)})\\b|\\bwhat (?:did|does|will) .* cost\\b|\\bhow much money\\b`);
/** "What's the regatta's usual budget?", "What was the fine?", "What is the cost of …": a sum named by its noun. */
const MONEY_NAMED = new RegExp(
  `^\\W*what(?:'s| is| was| are| were| will be)\\s+(?:the|its|their|his|her|[\\p{L}-]+'s?)\\s+(?:[\\p{L}'-]+\\s+){0,2}(?:${alternation(MONEY_NOUNS)})s?(?:\\s+(?:of|for)\\s+[^?]*)?\\W*$`,
  "u",
);
const PERSON_ASKED = new RegExp(`^(?:\\W*)(?:who|whom|whose)\\b|\\b(?:who|whom) (?:is|was|are|were|will|did|does)\\b|\\bwhich (?:[a-z'-]+ ){0,2}(?:${ROLE})\\b|\\bwhat (?:is|was) the name\\b|\\bnames? of\\b`);
const GIST =
  /^(?:so\s+)?(?:what(?:'s| is| was)\s+(?:this|the|that)\s+(?:article|story|piece|report|news)\s+(?:about|saying)|what\s+(?:happened|is going on|'s going on|is happening|'s happening)|what(?:'s| is)\s+the\s+(?:gist|main point|story|news|summary)|(?:give me\s+)?(?:the\s+)?(?:gist|summary|tl;?dr)|summari[sz]e(?:\s+(?:it|this|the article))?|what\s+does\s+(?:the|this)\s+article\s+say)$/u;

function asksOf(folded: string): QuestionReading["asks"] {
  const howMany = /\bhow (?:many|much)\b/.test(folded);
  return {
    who: /\b(?:who|whom|whose)\b/.test(folded),
    when: /\bwhen\b|\bwhat (?:year|date|day|month)\b/.test(folded),
    where: /\bwhere\b/.test(folded),
    howMany,
    why: /\bwhy\b/.test(folded),
    how: /\bhow\b/.test(folded) && !howMany,
    which: /\bwhich\b/.test(folded),
    what: /\bwhat\b/.test(folded),
    yesNo: OPENS_WITH_AUXILIARY.test(folded),
  };
}

/** The answer type a question asks for, or null for open questions ("what", "why", "how"). */
export function answerTypeOf(question: string): AnswerType | null {
  const q = foldText(question);
  if (/\bhow (?:long|many (?:days|weeks|months|years|hours))\b/.test(q)) return "duration";
  if (MONEY_ASKED.test(q) || MONEY_NAMED.test(q)) return "money";
  if (/\bhow (?:many|much|old)\b|\bwhat (?:number|percentage|share)\b/.test(q)) return "number";
  // "What time does the last ferry leave?" asks for a clock time, which a date does not give.
  if (/\b(?:at )?what time\b/.test(q)) return "time";
  if (/^(?:\W*)when\b|\bwhen (?:is|was|does|did|will|do)\b|\b(?:on |in )?(?:what|which) (?:dates?|day|night|morning|evening|afternoon|week|weekend|year|month)\b|\bon what date\b/.test(q)) return "date";
  if (PERSON_ASKED.test(q)) return "person";
  if (/^(?:\W*)where\b|\bwhere (?:is|was|does|did|will|do)\b|\bwhich (?:country|countries|city|cities|place|region|state)\b|\bin what (?:country|city|place)\b/.test(q)) return "place";
  return null;
}

/** X of "how many X were …" (ending at the verb: an auxiliary or a past tense, "how many people showed up"). */
function countedTerms(question: string): string[] {
  const m = /\bhow many\s+(.+?)\s+(?:is|are|was|were|will|would|did|do|does|have|has|had|got|get|can|could|\p{L}+ed)\b/iu.exec(question);
  // "How many of the deportees were …" names the count only later (see `subsetWords`).
  if (!m || /^of\b/i.test(m[1] ?? "")) return [];
  return words(m[1] ?? "").map(termOf).filter((t): t is string => t !== null);
}

const ROLE_QUESTION = /^\W*(?:who|which [\p{L}-]+) (?:is|was|are|were|will be) (?:the|its|their|his|her) ((?:[\p{L}-]+ ){0,2}[\p{L}-]+) (?:of|for|at) (.+?)[?.!\s]*$/iu;

/** The role and its holder in "Who is the R of X?" (see `QuestionReading.roleOf`). */
function roleAsked(question: string): QuestionReading["roleOf"] {
  const m = ROLE_QUESTION.exec(question.trim());
  if (!m) return null;
  const role = words(m[1] ?? "");
  const holder = words(m[2] ?? "").filter((w) => termOf(w) !== null);
  return role.length > 0 && holder.length > 0 ? { role, holder, written: { role: m[1] ?? "", holder: m[2] ?? "" } } : null;
}

/** Y of "how many of the X were Y": "How many of the deportees were women?" → "women". */
function subsetWords(question: string): string[] {
  const m = /\bhow many of (?:the|those|these|them)\b.*?\s(?:is|are|was|were|will be|had been)\s+(.+?)\s*\??$/iu.exec(question.trim());
  return words(m?.[1] ?? "").filter((w) => termOf(w) !== null && !/^\d/.test(w));
}

function speechAsked(question: string): SpeechAsked | null {
  const spoken = speechQuestion(question);
  return spoken ? { who: askedPerson(spoken.person), rest: spoken.rest } : null;
}

const FOLLOW_UP_START = new RegExp(`^(?:${alternation(FOLLOW_UP_OPENERS)})\\b`, "i");
const BACK_REFERENCE = new RegExp(`\\b(?:${alternation(BACK_REFERENCES)})\\b`, "i");

/**
 * A short follow-up ("and when?", "who is he?") leans on the previous question, and is completed with it
 * so the search sees both. Null for a question that stands on its own.
 */
function followUpOf(question: string, history: string[] | undefined): QuestionReading["followUp"] {
  const previous = history?.filter((q) => q.trim().length > 0).at(-1);
  if (!previous) return null;
  const contentTerms = terms(question).length;
  const opener = FOLLOW_UP_START.exec(question.trim())?.[0] ?? null;
  const backReference = BACK_REFERENCE.exec(question)?.[0] ?? null;
  const isFollowUp = opener !== null || contentTerms === 0 || (contentTerms <= 2 && backReference !== null);
  return isFollowUp ? { previous, opener, backReference, contentTerms } : null;
}

/** The sentences of the input that ask something (text around a question is not searched for), or all of it. */
function questionSentences(text: string): string {
  // Clauses after ";" count as sentences here: "Pretend X; where did she go?" asks only the last part.
  const sentences = sentenceTexts(text).flatMap((s) => s.split(/;\s*/)).map((s) => s.trim()).filter(Boolean);
  if (sentences.length < 2) return text;
  const asking = sentences.filter((s) => s.endsWith("?"));
  return asking.length > 0 ? asking.join(" ") : text;
}

/**
 * The focus (see `focusSlot`) and, for "which X …" questions, X: the kind of thing asked for
 * ("which airport", "which prison"), which an article may name without using the word.
 */
function questionSlots(question: string): { focus: string[]; which: string | null } {
  const lower = question.replace(/[\u2018\u2019]/g, "'").replace(/[?!.]+\s*$/u, "").trim().toLowerCase();
  const which = /^(?:in\s+|at\s+|on\s+|from\s+|to\s+|under\s+|for\s+)?which\s+([\p{L}-]+)\s/u.exec(lower);
  return { focus: focusSlot(question), which: which?.[1] ?? null };
}

const FILLER = new RegExp(`^(?:${alternation(FOCUS_FILLERS)})$`);
/** A question ending in an idiom for an event happening: "take effect", "took place", "come into force", "go ahead", "kick off". */
const EVENT_IDIOM_END = /\b(?:(?:take|takes|took|taken|taking)\s+(?:effect|place)|(?:come|comes|came|coming)\s+into\s+(?:force|effect)|(?:go|goes|went|gone|going)\s+ahead|(?:kick|kicks|kicked)\s+off|(?:get|gets|got)\s+under\s?way)$/u;

/**
 * The words naming what a question asks about: the attribute in "what is the population of X",
 * "what is X's political party", "what was the weather like", "how old is X", the verb closing
 * "where was X born", the subject of "did a judge …". Empty when the question has no such slot (open
 * "what"/"why" questions, "which X" questions whose X is the kind of answer, not its topic).
 */
function focusSlot(question: string): string[] {
  const q = question.replace(/[\u2018\u2019]/g, "'").replace(/[?!.]+\s*$/u, "").trim();
  const lower = q.toLowerCase();
  const slot = (text: string | undefined): string[] => (text ?? "").toLowerCase().split(/[^\p{L}'-]+/u).filter((w) => w.length > 1 && !FILLER.test(w));
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^(?:what|which)\\s+(?:${AUX})\\s+(?:the\\s+|a\\s+|an\\s+)?([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s+like\\b`, "u").exec(lower))) return slot(m[1]);
  if ((m = new RegExp(`^(?:what|which)\\s+(?:${AUX})\\s+(?:the\\s+|a\\s+|an\\s+)?([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s+(?:of|for|behind|between)\\s`, "u").exec(lower))) return slot(m[1]);
  if ((m = new RegExp(`^(?:what|which)\\s+(?:${AUX})\\s+.+?'s?\\s+([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)$`, "u").exec(lower))) return slot(m[1]);
  if ((m = new RegExp(`^how\\s+([\\p{L}-]+)\\s+(?:${AUX})\\b`, "u").exec(lower)) && !NOT_PROPERTY.has(m[1] ?? "")) return slot(m[1]);
  // The closing verb of "where was X born" (a lowercase last word: "… after El Salvador" ends in a name);
  // not an idiom's last word ("when do the cuts take effect": "effect" is not what is asked about).
  if (EVENT_IDIOM_END.test(lower)) return [];
  if ((m = new RegExp(`^(?:where|when)\\s+(?:${AUX})\\s+.+\\s([\\p{L}-]+)$`, "u").exec(lower)) && /\s\p{Ll}[\p{L}-]*$/u.test(q)) return slot(m[1]);
  if ((m = new RegExp(`^(?:${AUX})\\s+(?:a|an|any|the)\\s+([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s`, "u").exec(lower))) return slot(m[1]);
  return [];
}
