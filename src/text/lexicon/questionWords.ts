/**
 * The small words questions are built from, as data for `answer/reading.ts`: auxiliaries,
 * wh-words, follow-up openers and pronouns, negations, and the words that name a kind of answer
 * rather than a topic.
 */

/** Auxiliaries after a wh-word ("what is", "where was", "how old are"), "'s" included. */
export const AUXILIARIES: readonly string[] = ["is", "was", "are", "were", "'s", "will", "would", "does", "did", "do", "has", "have", "had", "can", "could"];

/** Auxiliaries that open a yes/no question ("Is the prison …", "Did a judge …"). */
export const YES_NO_OPENERS: readonly string[] = ["is", "was", "are", "were", "will", "would", "does", "did", "do", "has", "have", "had", "can", "could"];

/** The words a question asks with; counting them tells a question that asks two things. */
export const WH_WORDS: readonly string[] = ["when", "what", "who", "where", "which", "how"];

/** Question words a misspelling may be corrected to ("wat" → "what"), so they drop out instead of counting as unknown. */
export const COMMON_QUESTION_WORDS: readonly string[] = ["what", "when", "where", "which", "who", "whom", "whose", "why", "how", "does", "did", "will", "would", "about", "with", "there", "their", "the"];

/** Openings of a follow-up that leans on the previous question ("and when?", "what about Colombia?"). */
export const FOLLOW_UP_OPENERS: readonly string[] = ["and", "also", "but", "what about", "how about", "and what", "what else", "who else", "then", "so"];

/** Pronouns and pointing words that refer back to an earlier question. */
export const BACK_REFERENCES: readonly string[] = ["he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "that", "this", "those", "there", "then"];

/** Words that negate ("Who did not attend?", "Which country never …"); "-n't" and "failed to" are read besides. */
export const NEGATIONS: readonly string[] = ["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"];

/** "How ADJ is …": degree words that ask for something other than a property (counts, times, manner). */
export const NOT_PROPERTY: ReadonlySet<string> = new Set(["many", "much", "long", "often", "soon", "come", "do", "does", "did", "is", "was", "are", "were", "will", "can", "could", "would", "should"]);

/** The kinds of measure a "how ADJ" question asks for (see `DIMENSION_MEASURES`). */
export type Measure = "age" | "share" | "speed" | "distance" | "amount" | "duration" | "frequency";

/** Dimensions named by a noun, asked anywhere in a question ("What is X's age?"), not only after "how". */
const DIMENSION_NOUNS: ReadonlyArray<readonly [string, Measure]> = [
  ["age", "age"], ["percentage", "share"], ["proportion", "share"], ["speed", "speed"], ["distance", "distance"],
  ["total", "amount"], ["size", "amount"], ["amount", "amount"], ["sum", "amount"], ["frequency", "frequency"],
];

/** Is this dimension word a noun ("age"), rather than an adjective asked by "how ADJ"? */
export const isDimensionNoun = (word: string): boolean => DIMENSION_NOUNS.some(([noun]) => noun === word);

/**
 * "How ADJ is …" asks for a measure, which the article gives without the adjective: "How old is X?" →
 * "X, 58,"; "How full is the reservoir?" → "31 percent"; "How quickly did crews arrive?" → "within nine
 * minutes". The measure that answers each dimension word.
 */
export const DIMENSION_MEASURES: ReadonlyMap<string, Measure> = new Map<string, Measure>([
  ...(["old", "young"] as const).map((w) => [w, "age"] as const),
  ...(["full", "empty"] as const).map((w) => [w, "share"] as const),
  ...(["fast", "slow"] as const).map((w) => [w, "speed"] as const),
  ...(["far"] as const).map((w) => [w, "distance"] as const),
  ...(["large", "big", "small", "high", "low", "tall", "deep", "wide", "heavy", "expensive", "costly"] as const).map((w) => [w, "amount"] as const),
  ...(["quickly", "rapidly", "promptly"] as const).map((w) => [w, "duration"] as const),
  ...(["frequently"] as const).map((w) => [w, "frequency"] as const),
  // The same dimensions as nouns: "What is X's age?", "What is the total cost?".
  ...DIMENSION_NOUNS,
]);

/** Small words dropped from a focus slot ("the population of …" → "population"). */
export const FOCUS_FILLERS: readonly string[] = [
  "the", "a", "an", "of", "this", "that", "these", "those", "its", "his", "her", "their",
  // Said in passing at a question's end ("When was the pipe due to be replaced anyway?"), asking for nothing.
  "anyway", "anyhow", "actually", "exactly", "really", "again", "though",
];

/** "What did it say": subjects of a speech question that are not a person. */
export const NOT_A_SPEAKER: readonly string[] = ["it", "they", "the article", "the story", "the report", "this article", "this", "he", "she"];

/** Adverbs after a name in "what did Bukele actually say" (besides any "-ly" word): not part of the name. */
export const ADVERBS_AFTER_NAME: readonly string[] = ["ever", "also", "just", "even", "really", "exactly", "first", "last", "then"];

/**
 * Words naming the kind of answer rather than a topic ("what is X's job", "what is the name of …", "what
 * is the goal of …"): the answer is a title, a name or a purpose that the sentence need not call so.
 */
export const ANSWER_KIND_WORDS: ReadonlySet<string> = new Set([
  "job", "role", "title", "position", "occupation", "profession", "post", "name", "names", "kind", "type", "sort",
  "date", "day", "time", "year", "month", "place", "location", "number", "amount",
  // "Which part of the lake …": a part is told by its name ("Heron Bay"), not called a part.
  "part", "parts", "section", "area", "portion", "one", "ones",
  // "Where is the festival held?", "In which city is it based?": a place is told without these verbs.
  "held", "based", "located", "situated", "headquartered", "hosted", "staged",
  // Purposes and reasons: an article gives them ("… to solidify relationships") without naming them so.
  "goal", "goals", "purpose", "aim", "aims", "objective", "objectives", "reason", "reasons", "motive", "point", "intent", "intention",
]);
