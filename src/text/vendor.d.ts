// Type declarations for two small CommonJS packages that ship none.
declare module "wink-porter2-stemmer" {
  /** Porter2 stem of one lowercase English word. */
  function stem(word: string): string;
  export = stem;
}
declare module "stopword" {
  export const eng: string[];
}
