/**
 * The part of reading a question (`reading.ts`) that is about speech: "what did X say …", "what was X's
 * response", a remembered quote ("the mayor said she won't …"), and the person they name.
 */
import type { AskedPerson } from "../corpus/speech";
import {
  ADVERBS_AFTER_NAME, alternation, NOT_A_SPEAKER, RECALL_VERBS, RECALL_VERBS_WITH_OBJECT, SPEECH_QUESTION_NOUNS, SPEECH_QUESTION_VERBS,
} from "../text/lexicon";

const SPEECH_QUESTION = new RegExp(
  `\\b(what|how|did|does|has|have)\\b(\\s+(?:did|does|do|has|have|was|is))?\\s+(.+?)\\s+(?:${alternation(SPEECH_QUESTION_VERBS)})\\b(.*)$`,
  "iu",
);
const SPEECH_QUESTION_NOUN = new RegExp(`\\b(?:what\\s+(?:was|is|were|are))\\s+(.+?)['’]s?\\s+(?:${alternation(SPEECH_QUESTION_NOUNS)})\\b`, "iu");
const ADVERBS_AFTER = new RegExp(`(?:\\s+(?:\\p{L}+ly|${alternation(ADVERBS_AFTER_NAME)}))+$`, "iu");
const NOT_A_PERSON = new RegExp(`^(?:${alternation(NOT_A_SPEAKER)})$`, "i");

/** "What did X say …", "what was X's response": X as written, and the rest. */
export function speechQuestion(question: string): { person: string; rest: string } | null {
  const verbal = SPEECH_QUESTION.exec(question);
  const noun = verbal ? null : SPEECH_QUESTION_NOUN.exec(question);
  if (!verbal && !noun) return null;
  // The verbal pattern captures the opener and the auxiliary before the speaker; the noun one only the speaker.
  const [speaker, rest] = verbal ? [verbal[3], verbal[4]] : [noun?.[1], noun?.[2]];
  const written = (speaker ?? "").trim();
  // "What magazine mentioned …" asks who spoke, unlike "what the mayor said" or "what Bukele said": with no
  // "did" after "what"/"how", the speaker must be named or come with an article.
  const bare = verbal !== null && /^(?:what|how)$/i.test(verbal[1] ?? "") && verbal[2] === undefined;
  if (bare && !/^(?:[Tt]he|[Aa]n?)\s|^\p{Lu}/u.test(written)) return null;
  // "What did Bukele actually say": adverbs after the name are not part of it. A lone article is no one
  // ("What did the State Council establish" is not "what did the … state").
  const person = written.replace(/^(?:the|a|an)(?:\s+|$)/i, "").replace(ADVERBS_AFTER, "").trim();
  // "What does it say" is not about a person.
  if (!person || NOT_A_PERSON.test(person)) return null;
  if (person.split(/\s+/).length > 5) return null;
  return { person, rest: (rest ?? "").trim() };
}

const RECALL = new RegExp(
  `^\\s*((?:the\\s+|a\\s+)?[\\p{L}'’.-]+(?:\\s+[\\p{L}'’.-]+){0,3}?)\\s+(?:${alternation([...RECALL_VERBS, ...RECALL_VERBS_WITH_OBJECT.map((v) => `${v}\\s+\\S+`)])})\\s+(?:that\\s+|something like\\s+)?(.{8,})$`,
  "iu",
);

/**
 * "the mayor said she won't make drivers use an unsafe bridge": someone, a speech verb, and what they
 * said as remembered. The someone is at most four words, so a sentence that merely contains "said" is
 * not split.
 */
export function recalledQuote(query: string): { person: string; rest: string } | null {
  const m = RECALL.exec(query);
  if (!m?.[1] || !m[2]) return null;
  return { person: m[1].replace(/^(?:the|a)\s+/i, "").trim(), rest: m[2].trim() };
}

export function askedPerson(person: string): AskedPerson {
  return {
    person,
    properName: /^(?:\p{Lu}[\p{L}'’.-]*\s*)+$/u.test(person),
    roleWords: person.replace(/^(?:the|a|an)\s+/i, "").trim().split(/\s+/).filter(Boolean),
  };
}
