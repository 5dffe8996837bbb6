/**
 * Text from the article, a person or a model, shown exactly as written: `rich_text` blocks. Their `text`
 * elements are literal (no mrkdwn, so `*`, `_`, `~` and `` ` `` stay characters; no entities; no mentions
 * or links, which are elements of their own that only this file makes). mrkdwn has no escape for its
 * formatting markers, so a quote or a model answer holding one would otherwise be reformatted; and an
 * invisible separator would change the text a reader copies. Our own wording stays in mrkdwn.
 */
import type { types } from "@slack/bolt";
import { LIMITS } from "./mrkdwn";

export type RichTextBlock = types.RichTextBlock;
type Inline = types.RichTextText | types.RichTextLink | types.RichTextEmoji | types.RichTextUserMention;

/**
 * A run of text, optionally bold or italic, optionally a link (an http(s) URL our code made); or, with
 * empty text, an emoji by name or a mention of a Slack user id from Slack's own payload (our code's only).
 */
export interface Piece {
  text: string;
  bold?: boolean;
  italic?: boolean;
  url?: string;
  emoji?: string;
  user?: string;
}

/** A piece that is one element whatever its length: never cut, kept even with empty text. */
const atomic = (p: Piece): boolean => p.url !== undefined || p.emoji !== undefined || p.user !== undefined;
/** A piece that shows something (empty text alone shows nothing). */
const shown = (p: Piece): boolean => p.text !== "" || atomic(p);

/** Text per block, as for sections: long texts become several blocks, which pagination can spread over messages. */
const MAX_TEXT = LIMITS.sectionText;

/** Where to cut `text` at most `max` characters in: at a space if there is one in the second half, never inside a surrogate pair. */
function cutAt(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const space = text.lastIndexOf(" ", max - 1);
  let cut = space > max / 2 ? space + 1 : max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

function inline(piece: Piece): Inline {
  const styled = piece.bold === true || piece.italic === true;
  const style = styled ? { style: { ...(piece.bold === true ? { bold: true } : {}), ...(piece.italic === true ? { italic: true } : {}) } } : {};
  if (piece.emoji !== undefined) return { type: "emoji", name: piece.emoji };
  if (piece.user !== undefined) return { type: "user", user_id: piece.user };
  return piece.url !== undefined ? { type: "link", url: piece.url, text: piece.text, ...style } : { type: "text", text: piece.text, ...style };
}

/** `pieces` in runs of at most `max` characters of text (a long piece is cut; links are short and kept whole). */
function runs(pieces: Piece[], max: number): Piece[][] {
  const out: Piece[][] = [[]];
  let used = 0;
  for (const piece of pieces.filter(shown)) {
    if (atomic(piece)) {
      out[out.length - 1]!.push(piece);
      used += piece.text.length;
      continue;
    }
    let rest = piece.text;
    while (rest !== "") {
      if (used >= max) {
        out.push([]);
        used = 0;
      }
      const take = cutAt(rest, max - used);
      out[out.length - 1]!.push({ ...piece, text: rest.slice(0, take) });
      rest = rest.slice(take);
      // A piece cut short fills its run: what is left of it starts the next one.
      used = rest === "" ? used + take : max;
    }
  }
  return out.filter((run) => run.length > 0);
}

/** Literal text, as one paragraph (several blocks when it is long). */
export function literal(...pieces: Piece[]): RichTextBlock[] {
  return runs(pieces, MAX_TEXT).map((run) => ({ type: "rich_text", elements: [{ type: "rich_text_section", elements: run.map(inline) }] }));
}

/** A verbatim quote as quote blocks, with the line that says where it stands under the last of them. */
export function literalQuote(quote: string, attribution: Piece[]): RichTextBlock[] {
  const parts = runs([{ text: quote }], MAX_TEXT);
  return parts.map((run, i) => ({
    type: "rich_text",
    elements: [
      { type: "rich_text_quote", elements: run.map(inline) },
      ...(i === parts.length - 1 ? [{ type: "rich_text_section" as const, elements: attribution.filter(shown).map(inline) }] : []),
    ],
  }));
}
