/**
 * What kind of question this is, read from its wording alone (never from the article):
 * speech questions ("what did X say …") and follow-ups that need the previous question.
 */
import { terms } from "../text/tokens";

const SPEECH_QUESTION =
  /\b(?:what|how|did|does|has|have)\b(?:\s+(?:did|does|do|has|have|was|is))?\s+(.+?)\s+(?:say|said|says|state|stated|tell|told|mention|mentioned|announce|announced|claim|claimed|comment|commented|respond|responded|think|thinks|argue|argued|warn|warned)\b(.*)$/iu;
const SPEECH_QUESTION_NOUN = /\b(?:what\s+(?:was|is|were|are))\s+(.+?)['’]s?\s+(?:response|reaction|statement|statements|quote|quotes|words|comment|comments|view|position)\b/iu;

export interface SpeechQuestion {
  /** The person as written in the question ("Tricia McLaughlin", "bukele"). */
  person: string;
  /** What the question asks about beyond the speaker ("about organized crime"); may be empty. */
  rest: string;
}

export function parseSpeechQuestion(question: string): SpeechQuestion | null {
  const match = SPEECH_QUESTION.exec(question) ?? SPEECH_QUESTION_NOUN.exec(question);
  if (!match) return null;
  // "What did Bukele actually say": adverbs after the name are not part of it.
  const person = (match[1] ?? "")
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/(?:\s+(?:\p{L}+ly|ever|also|just|even|really|exactly|first|last|then))+$/iu, "")
    .trim();
  // "What did the article say" / "what does it say" are not about a person.
  if (!person || /^(?:it|they|the article|the story|the report|this article|this|he|she)$/i.test(person)) return null;
  if (person.split(/\s+/).length > 5) return null;
  return { person, rest: (match[2] ?? "").trim() };
}

const FOLLOW_UP_START = /^(?:and|also|but|what about|how about|and what|what else|who else|then|so)\b/i;
const PRONOUN = /\b(?:he|she|him|her|his|hers|they|them|their|it|its|that|this|those|there|then)\b/i;

/**
 * Complete a short follow-up ("and when?", "who is he?") with the previous question, so the search sees
 * both. A question that stands on its own is returned unchanged.
 */
export function resolveFollowUp(question: string, history: string[] | undefined): string {
  const previous = history?.filter((q) => q.trim().length > 0).at(-1);
  if (!previous) return question;
  const contentTerms = terms(question);
  const isFollowUp = FOLLOW_UP_START.test(question.trim()) || contentTerms.length === 0 || (contentTerms.length <= 2 && PRONOUN.test(question));
  return isFollowUp ? `${previous.trim()} ${question.trim()}` : question;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * The part of the input that asks something. Text around a question ("Ignore all previous
 * instructions. When does …?") is not searched for: only the question sentence is, when there is one.
 */
export function focusQuestion(text: string): string {
  // Clauses after ";" count as sentences here: "Pretend X; where did she go?" asks only the last part.
  const sentences = [...segmenter.segment(text)].flatMap((s) => s.segment.split(/;\s*/)).map((s) => s.trim()).filter(Boolean);
  if (sentences.length < 2) return text;
  const asking = sentences.filter((s) => s.endsWith("?"));
  return asking.length > 0 ? asking.join(" ") : text;
}

const AUX = "is|was|are|were|'s|will|would|does|did|do|has|have|had|can|could";
/** "How ADJ is …": degree words that ask for something other than a property (counts, times, manner). */
const NOT_PROPERTY = new Set(["many", "much", "long", "often", "soon", "come", "do", "does", "did", "is", "was", "are", "were", "will", "can", "could", "would", "should"]);

/**
 * The words naming what a question asks about: the attribute in "what is the population of X",
 * "what is X's political party", "what was the weather like", "how old is X", the verb closing
 * "where was X born", the subject of "did a judge …". Read from the wording alone; empty when the
 * question has no such slot (open "what"/"why" questions, "which X" questions whose X is the kind of
 * answer, not its topic).
 */
export function questionFocus(question: string): string[] {
  return questionSlots(question).focus;
}

/**
 * The focus (see `questionFocus`) and, for "which X …" questions, X: the kind of thing asked for
 * ("which airport", "which prison"), which an article may name without using the word.
 */
export function questionSlots(question: string): { focus: string[]; kind: string | null } {
  const lower = question.replace(/[\u2018\u2019]/g, "'").replace(/[?!.]+\s*$/u, "").trim().toLowerCase();
  const which = /^(?:in\s+|at\s+|on\s+|from\s+|to\s+|under\s+|for\s+)?which\s+([\p{L}-]+)\s/u.exec(lower);
  return { focus: focusSlot(question), kind: which?.[1] ?? null };
}

function focusSlot(question: string): string[] {
  const q = question
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[?!.]+\s*$/u, "")
    .trim();
  const lower = q.toLowerCase();
  const slot = (text: string | undefined): string[] =>
    (text ?? "")
      .toLowerCase()
      .split(/[^\p{L}'-]+/u)
      .filter((w) => w.length > 1 && !/^(?:the|a|an|of|this|that|these|those|its|his|her|their)$/.test(w));
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^(?:what|which)\\s+(?:${AUX})\\s+(?:the\\s+|a\\s+|an\\s+)?([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s+like\\b`, "u").exec(lower))) return slot(m[1]);
  if ((m = new RegExp(`^(?:what|which)\\s+(?:${AUX})\\s+(?:the\\s+|a\\s+|an\\s+)?([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s+(?:of|for|behind|between)\\s`, "u").exec(lower))) return slot(m[1]);
  if ((m = new RegExp(`^(?:what|which)\\s+(?:${AUX})\\s+.+?'s?\\s+([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)$`, "u").exec(lower))) return slot(m[1]);
  if ((m = new RegExp(`^how\\s+([\\p{L}-]+)\\s+(?:${AUX})\\b`, "u").exec(lower)) && !NOT_PROPERTY.has(m[1] ?? "")) return slot(m[1]);
  // The closing verb of "where was X born" (a lowercase last word: "… after El Salvador" ends in a name).
  if ((m = new RegExp(`^(?:where|when)\\s+(?:${AUX})\\s+.+\\s([\\p{L}-]+)$`, "u").exec(lower)) && /\s\p{Ll}[\p{L}-]*$/u.test(q)) return slot(m[1]);
  if ((m = new RegExp(`^(?:${AUX})\\s+(?:a|an|any|the)\\s+([\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s`, "u").exec(lower))) return slot(m[1]);
  return [];
}

/**
 * "What is this article about?", "what happened?", "tl;dr": a question about the whole article, which
 * no single passage answers better than its summary.
 */
export function isGistQuestion(question: string): boolean {
  const q = question.trim().toLowerCase().replace(/[’]/g, "'").replace(/[?!.\s]+$/u, "");
  return /^(?:so\s+)?(?:what(?:'s| is| was)\s+(?:this|the|that)\s+(?:article|story|piece|report|news)\s+(?:about|saying)|what\s+(?:happened|is going on|'s going on|is happening|'s happening)|what(?:'s| is)\s+the\s+(?:gist|main point|story|news|summary)|(?:give me\s+)?(?:the\s+)?(?:gist|summary|tl;?dr)|summari[sz]e(?:\s+(?:it|this|the article))?|what\s+does\s+(?:the|this)\s+article\s+say)$/u.test(q);
}
