/**
 * Vectors from earlier builds, keyed by (embedding provider, model, SHA-256 of the text), in one file
 * beside the index generations (`INDEX_DIR/vectors.cache`, see lifecycle.ts), so a rebuild embeds only
 * texts it has never embedded: an unchanged corpus costs seconds, one changed document that document.
 *
 * Kept outside the generations on purpose: a generation is replaced as a whole on every build, the cache
 * outlives builds; it is written under the build lock. It is only an accelerator: a missing, foreign
 * (other provider/model), truncated or corrupt file (its checksum is checked) is ignored and rebuilt,
 * never trusted. Vectors are stored as the model returned them (float32), so a reused vector is
 * bit-identical to the one first computed.
 *
 * Layout: one JSON header line, then `count` records of [32-byte SHA-256 of the text][dims × float32 LE].
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const FORMAT = 1;
const HASH_BYTES = 32;

interface Header {
  format: number;
  provider: string;
  model: string;
  dims: number;
  count: number;
  /** SHA-256 of everything after the header line. */
  sha256: string;
}

export function vectorCachePath(indexDir: string): string {
  return path.join(indexDir, "vectors.cache");
}

const textKey = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64");

export class VectorCache {
  /** Vectors read from the file, by text key. */
  private readonly previous: Map<string, Float32Array>;
  /** Vectors this build used (reused or new), in the order it asked for them: saved first. */
  private readonly used = new Map<string, Float32Array>();
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    readonly provider: string,
    readonly model: string,
    previous: Map<string, Float32Array>,
    /** Why the file was not used, when it was not (for a notice). */
    readonly ignoredBecause: string | undefined,
  ) {
    this.previous = previous;
  }

  /** An empty cache that never reads or writes a file (`ingest --no-cache`, the bench's old design). */
  static disabled(provider: string, model: string): VectorCache {
    return new VectorCache("", provider, model, new Map(), undefined);
  }

  static async open(indexDir: string, provider: string, model: string): Promise<VectorCache> {
    const file = vectorCachePath(indexDir);
    if (!existsSync(file)) return new VectorCache(file, provider, model, new Map(), undefined);
    try {
      return new VectorCache(file, provider, model, parse(await readFile(file), provider, model), undefined);
    } catch (err) {
      return new VectorCache(file, provider, model, new Map(), (err as Error).message);
    }
  }

  /** Entries read from the file. */
  get size(): number {
    return this.previous.size;
  }

  /** The stored vector of this exact text, if an earlier build embedded it with this provider and model. */
  lookup(text: string): Float32Array | undefined {
    const key = textKey(text);
    const vector = this.used.get(key) ?? this.previous.get(key);
    if (vector) {
      this.hits++;
      this.used.set(key, vector);
    } else this.misses++;
    return vector;
  }

  remember(text: string, vector: ArrayLike<number>): void {
    this.used.set(textKey(text), vector instanceof Float32Array ? vector : Float32Array.from(vector));
  }

  /**
   * Writes this build's vectors, then older ones up to as many again (so switching between two
   * corpora keeps both), atomically: a crash mid-write leaves the previous file.
   */
  async save(): Promise<void> {
    if (this.file === "" || this.used.size === 0) return;
    const entries: Array<[string, Float32Array]> = [...this.used];
    for (const [key, vector] of this.previous) {
      if (entries.length >= this.used.size * 2) break;
      if (!this.used.has(key)) entries.push([key, vector]);
    }
    const dims = entries[0]?.[1].length ?? 0;
    const kept = entries.filter(([, v]) => v.length === dims);
    const record = HASH_BYTES + dims * 4;
    const body = Buffer.alloc(kept.length * record);
    kept.forEach(([key, vector], i) => {
      const at = i * record;
      Buffer.from(key, "base64").copy(body, at);
      Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(body, at + HASH_BYTES);
    });
    const header: Header = { format: FORMAT, provider: this.provider, model: this.model, dims, count: kept.length, sha256: createHash("sha256").update(body).digest("hex") };
    const tmp = `${this.file}.tmp-${process.pid}`;
    try {
      await writeFile(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
      await rename(tmp, this.file);
    } finally {
      await rm(tmp, { force: true });
    }
  }
}

function parse(bytes: Buffer, provider: string, model: string): Map<string, Float32Array> {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new Error("the vector cache has no header");
  const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Header;
  if (header.format !== FORMAT) throw new Error(`the vector cache has format ${header.format}, this version reads ${FORMAT}`);
  if (header.provider !== provider || header.model !== model) throw new Error(`the vector cache holds ${header.provider}/${header.model} vectors`);
  const record = HASH_BYTES + header.dims * 4;
  const body = bytes.subarray(newline + 1);
  if (!Number.isInteger(header.dims) || header.dims <= 0 || body.length !== header.count * record) throw new Error("the vector cache is truncated");
  if (createHash("sha256").update(body).digest("hex") !== header.sha256) throw new Error("the vector cache does not match its checksum");
  // One aligned copy, so every vector can be a Float32Array view into it.
  const aligned = new Uint8Array(body.length);
  aligned.set(body);
  const out = new Map<string, Float32Array>();
  for (let i = 0; i < header.count; i++) {
    const at = i * record;
    const key = Buffer.from(aligned.buffer, at, HASH_BYTES).toString("base64");
    out.set(key, new Float32Array(aligned.buffer, at + HASH_BYTES, header.dims));
  }
  return out;
}
