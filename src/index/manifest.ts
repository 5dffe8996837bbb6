/**
 * The manifest says what an index was built from and the checksum of every data file. It is read as
 * untrusted input: anything that does not have exactly this shape (a `null`, a missing or emptied
 * checksum, a count of the wrong type) means "rebuild", never a crash or a native reader fed a bad file.
 */
import { z } from "zod";

/** Bump when the on-disk layout or the meaning of its contents changes. */
// 2: offsets count a leading byte-order mark; generations under INDEX_DIR/current; validated manifest.
export const INDEX_FORMAT_VERSION = 2;

export const MANIFEST_FILE = "manifest.json";
export const SENTENCE_VECTORS_FILE = "sentences.f32";
/** Every data file of an index; each must have a checksum in the manifest. */
export const DATA_FILES = ["vectors.hnsw", "hnsw.json", "docstore.json", "chunks.json", SENTENCE_VECTORS_FILE] as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex");
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

export const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  corpusHash: sha256Hex,
  embeddings: z.object({ provider: z.string().min(1), model: z.string().min(1), dimensions: positive }),
  chunking: z.object({ maxSentences: positive, maxChars: positive, overlap: count }),
  hnsw: z.object({ m: positive, efConstruction: positive, efSearch: positive }),
  counts: z.object({ documents: positive, chunks: positive, sentences: positive }),
  checksums: z.object(Object.fromEntries(DATA_FILES.map((f) => [f, sha256Hex])) as Record<(typeof DATA_FILES)[number], typeof sha256Hex>).strict(),
  builtAt: z.string(),
});

export type Manifest = z.infer<typeof ManifestSchema>;

/** The manifest, or why it cannot be trusted (one short phrase for the rebuild notice). */
export function parseManifest(raw: string): { manifest: Manifest } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: "its manifest is not valid JSON" };
  }
  const parsed = ManifestSchema.safeParse(json);
  if (parsed.success) return { manifest: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { problem: `its manifest is invalid (${where}${issue?.message ?? "wrong shape"})` };
}
