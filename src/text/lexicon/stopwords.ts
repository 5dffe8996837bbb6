/**
 * Words that carry no topic: English stop words (the `stopword` package's list) plus the question
 * words and auxiliaries a question is made of, and the capitalised words that open sentences without
 * naming anyone. Data only.
 */
import { eng as englishStopwords } from "stopword";

/** Question words and auxiliaries carry no topic; `stopword`'s list keeps a few of them. */
const QUESTION_STOPWORDS: readonly string[] = [
  "what", "who", "whom", "whose", "when", "where", "why", "how", "which", "does", "did", "do",
  "is", "are", "was", "were", "will", "would", "can", "could", "should", "tell", "me", "say", "said",
  "article", "s",
];

/** Folded words that are never an index term. */
export const STOPWORDS: ReadonlySet<string> = new Set<string>([...englishStopwords, ...QUESTION_STOPWORDS]);

/** Capitalised words that start sentences or clauses without naming anyone ("Together", "According"). */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  "the", "this", "that", "these", "those", "a", "an", "in", "on", "at", "as", "for", "from", "with", "by", "and", "but",
  "or", "if", "when", "while", "after", "before", "during", "according", "notably", "together", "following", "among",
  "each", "it", "its", "he", "she", "they", "we", "i", "you", "our", "his", "her", "their", "there", "here", "however",
  "meanwhile", "also", "yet", "so", "to", "of", "what", "who", "why", "how", "where", "which",
]);
