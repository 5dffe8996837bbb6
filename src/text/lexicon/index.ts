/**
 * The engine's word lists, in one place and as data: roles and titles, speech verbs, numbers and
 * dates, stop words, question words. Nothing here names a particular article.
 */
export * from "./irregularVerbs";
export * from "./numbers";
export * from "./opposites";
export * from "./questionWords";
export * from "./rejection";
export * from "./roles";
export * from "./speechVerbs";
export * from "./stopwords";

/** A list as a regular-expression alternation, in its own order (the order alternatives are tried in). */
export function alternation(words: readonly string[]): string {
  return words.join("|");
}
