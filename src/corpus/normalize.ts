/**
 * Unicode normalisation without losing the file's offsets. A document whose text is not NFC (an accent
 * typed as a letter plus a combining mark, "Bra\u0301zil") is matched as its NFC form, like every
 * question, so "Brázil" in either form is one word; the file itself is never changed, and a citation maps
 * its offsets back to the text as stored so that `stored.slice(start, end)` is still the quote.
 */

/** The text as stored, and for each unit of the NFC text where its character starts and ends in it. */
export interface StoredText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

// A character and what composes with it under NFC: combining marks, and Hangul vowel/final jamo.
const CLUSTER = /[^\p{M}\u1160-\u11FF][\p{M}\u1160-\u11FF]*|[\p{M}\u1160-\u11FF]+/gu;

/** The NFC text and the way back to the stored one; `stored` is undefined when the file is NFC already. */
export function nfcView(stored: string): { text: string; stored?: StoredText } {
  const whole = stored.normalize("NFC");
  if (whole === stored) return { text: stored };
  // NFC composes only within a cluster, so the view is built cluster by cluster: then it and its map
  // agree by construction (for the exotic cases where whole-text NFC differs, the view is still NFC-ish).
  const starts = new Int32Array(whole.length + stored.length + 1);
  const ends = new Int32Array(whole.length + stored.length + 1);
  const pieces: string[] = [];
  let out = 0;
  const keep = (from: number, to: number): void => {
    for (let i = from; i < to; i++, out++) {
      starts[out] = i;
      ends[out] = i + 1;
    }
  };
  // Line by line: lines that are NFC already (nearly all) are copied unit for unit, cheaply.
  let lineStart = 0;
  while (lineStart < stored.length) {
    const newline = stored.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? stored.length : newline + 1;
    const line = stored.slice(lineStart, lineEnd);
    if (line.normalize("NFC") === line) {
      pieces.push(line);
      keep(lineStart, lineEnd);
    } else {
      for (const match of line.matchAll(CLUSTER)) {
        const start = lineStart + match.index;
        const end = start + match[0].length;
        const piece = match[0].normalize("NFC");
        pieces.push(piece);
        for (let k = 0; k < piece.length; k++, out++) {
          starts[out] = start;
          ends[out] = end;
        }
      }
    }
    lineStart = lineEnd;
  }
  starts[out] = stored.length;
  ends[out] = stored.length;
  return { text: pieces.join(""), stored: { text: stored, starts: starts.slice(0, out + 1), ends: ends.slice(0, out + 1) } };
}

/** Offsets of the NFC text → offsets of the stored text, widened to whole characters. */
export function storedSpan(stored: StoredText, start: number, end: number): { start: number; end: number } {
  return { start: stored.starts[start] ?? stored.text.length, end: end > start ? (stored.ends[end - 1] ?? stored.text.length) : (stored.starts[start] ?? stored.text.length) };
}
