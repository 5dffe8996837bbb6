/**
 * Source links: a document whose front matter has `source: https://…` links its title, and in a
 * citation the link carries a text fragment (`#:~:text=`) of the quote's first words so that the
 * browser scrolls to the sentence and highlights it. Anything that is not an http(s) URL stays text.
 */
import { escapeMrkdwn } from "./mrkdwn";

/** Enough words to find the sentence, few enough to survive small differences in the page. */
const FRAGMENT_WORDS = 8;

function httpUrl(source: string | undefined): URL | undefined {
  if (source === undefined) return undefined;
  try {
    const url = new URL(source.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Text-fragment encoding: percent-encoded, and `-`, `&`, `,` must be encoded too (they are syntax there). */
function fragmentText(text: string): string {
  return encodeURIComponent(text).replace(/-/g, "%2D");
}

/** The source URL pointing at `quote`'s first words, or undefined when the source is not a web address. */
export function quoteUrl(source: string | undefined, quote?: string): string | undefined {
  const url = httpUrl(source);
  if (url === undefined) return undefined;
  url.hash = "";
  const words = (quote ?? "").split(/\s+/).filter((w) => w !== "").slice(0, FRAGMENT_WORDS).join(" ");
  return words === "" ? url.href : `${url.href}#:~:text=${fragmentText(words)}`;
}

/**
 * `<url|label>` in mrkdwn, or the escaped label alone when there is no URL. Inside `<…>` the URL
 * must not hold `|`, `<` or `>` (they would end it), and `&` is written `&amp;` as everywhere.
 */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const text = escapeMrkdwn(label);
  if (url === undefined) return text;
  const safe = url.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E");
  return `<${escapeMrkdwn(safe)}|${text}>`;
}
