/**
 * The Universal Sentence Encoder lite's tokenizer: SentencePiece pieces chosen by a Viterbi search over
 * the vocabulary's log-probabilities. The same algorithm, step for step, as `@energetic-ai/embeddings`'
 * `Tokenizer` (itself TensorFlow.js models' USE tokenizer, Apache-2.0), so the token ids are identical
 * (test/index/embeddings.test.ts compares them over every article the repo holds), with one change:
 * its trie stored every node's whole prefix as a fresh array, ~34 ms of a worker's start for 8,000
 * pieces. The trie only ever answers "which pieces start here", so a `Map` from piece to entry, asked
 * for each length up to the longest piece's, answers the same, shortest first: ~12 ms to build in a fresh
 * process (a trie of plain nodes still took ~20, mostly cold code), ~0.25 ms to encode a sentence
 * instead of ~0.2.
 */

/** `vocab.json`: [piece, log-probability] by token id. */
export type Vocabulary = ReadonlyArray<readonly [string, number]>;

/** SentencePiece's word boundary mark. */
const SEPARATOR = "\u2581";
/** Ids 0–5 are reserved (unknown, <s>, </s>, three extra tokens) and never matched. */
const RESERVED_SYMBOLS = 6;

interface Piece {
  score: number;
  index: number;
}

interface Match {
  /** Symbols (code points) the piece covers. */
  symbols: number;
  score: number;
  index: number;
}

export class UseTokenizer {
  /** Each piece's entry; a piece listed twice keeps its later entry, as the trie did. */
  private readonly pieces = new Map<string, Piece>();
  /** The longest piece in UTF-16 units: no piece has more symbols (code points) than that. */
  private readonly longest: number = 0;

  constructor(private readonly vocabulary: Vocabulary) {
    for (let i = RESERVED_SYMBOLS; i < vocabulary.length; i++) {
      const [piece, score] = vocabulary[i] ?? ["", 0];
      if (piece === "") continue;
      this.pieces.set(piece, { score, index: i });
      this.longest = Math.max(this.longest, piece.length);
    }
  }

  /** Token ids of `input`. */
  encode(input: string): number[] {
    const symbols = [...processInput(input)];
    const n = symbols.length;
    // lattice[end]: the pieces ending at `end`, in ascending order of their start (they are added so),
    // the order in which the original visited them (`for … in` over integer keys).
    const lattice: Match[][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++) {
      for (const match of this.prefixMatches(symbols, i)) lattice[i + match.symbols]?.push(match);
    }
    const best = new Array<number>(n + 1).fill(0);
    const words = new Array<number>(n + 1).fill(0);
    for (let end = 0; end <= n; end++) {
      // A later tie wins.
      for (const match of lattice[end] ?? []) {
        const score = match.score + (best[end - match.symbols] ?? 0);
        // 0 stands for "nothing yet" (as in the original, so a total of exactly 0 is overwritten too).
        if (best[end] === 0 || score >= (best[end] ?? 0)) {
          best[end] = score;
          words[end] = match.index;
        }
      }
    }
    const results: number[] = [];
    for (let at = words.length - 1; at > 0; ) {
      const id = words[at] ?? 0;
      results.push(id);
      // The original steps back by the piece's UTF-16 length, not its symbols: kept, for the same ids.
      at -= (this.vocabulary[id]?.[0] ?? "").length;
    }
    // Runs of unknown pieces (id 0) become one.
    const merged: number[] = [];
    let previousUnknown = false;
    for (const id of results) {
      if (!(previousUnknown && id === 0)) merged.push(id);
      previousUnknown = id === 0;
    }
    return merged.reverse();
  }

  /** The pieces that start at `symbols[start]`, shortest first; the symbol alone as unknown if none. */
  private prefixMatches(symbols: readonly string[], start: number): Match[] {
    const out: Match[] = [];
    let text = "";
    for (let length = 1; length <= this.longest && start + length <= symbols.length; length++) {
      text += symbols[start + length - 1] ?? "";
      const piece = this.pieces.get(text);
      if (piece) out.push({ symbols: length, score: piece.score, index: piece.index });
    }
    if (out.length === 0) out.push({ symbols: 1, score: 0, index: 0 });
    return out;
  }
}

/** NFKC, then SentencePiece's boundary mark before the text and for every space. */
function processInput(text: string): string {
  const normalized = text.normalize("NFKC");
  return normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
}
