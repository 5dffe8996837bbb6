/**
 * How news prose and questions talk about speech: the verbs that attribute a statement ("Bukele
 * stated"), the verbs and nouns of a question about what someone said ("what did X say", "X's
 * response"), and the verbs of a remembered quote ("the mayor said she won't …"). Data only.
 */

/** Verbs (lowercase: "United States" is not one) that attribute speech in narration. "according to" is a phrase. */
export const ATTRIBUTION_VERBS: readonly string[] = [
  "said", "says", "say", "saying", "stated", "states", "stating", "told", "tells", "added", "adds", "adding", "echoed", "echoing",
  "mentioned", "announced", "declared", "noted", "explained", "wrote", "writes", "asked", "asks", "replied", "warned", "insisted",
  "argued", "claimed", "tweeted", "posted", "remarked", "commented", "according to", "underscored", "emphasized", "emphasised",
  "stressed", "urged", "vowed", "promised",
];

/** Verbs closing "what did X …" in a question about a statement. */
export const SPEECH_QUESTION_VERBS: readonly string[] = [
  "say", "said", "says", "state", "stated", "tell", "told", "mention", "mentioned", "announce", "announced", "claim", "claimed",
  "comment", "commented", "respond", "responded", "think", "thinks", "argue", "argued", "warn", "warned",
];

/** Nouns of "what was X's …" in a question about a statement. */
export const SPEECH_QUESTION_NOUNS: readonly string[] = ["response", "reaction", "statement", "statements", "quote", "quotes", "words", "comment", "comments", "view", "position"];

/** Verbs of a remembered quote: "the mayor said …". "told" takes an object first ("told reporters"). */
export const RECALL_VERBS: readonly string[] = ["said", "says", "claimed", "argued", "warned", "stated", "insisted"];
export const RECALL_VERBS_WITH_OBJECT: readonly string[] = ["told"];
