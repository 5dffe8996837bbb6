/**
 * Optional front matter at the top of a document:
 *
 *   ---
 *   title: Noem visits El Salvador
 *   source: https://example.com/story
 *   date: 2025-03-26
 *   ---
 *
 * Only flat `key: value` lines are read; the body starts after the closing `---`, and its offset is kept
 * so that every citation still points into the file's original text.
 */
export interface FrontMatter {
  fields: Record<string, string>;
  /** Offset of the first character after the front matter (0 when there is none). */
  bodyStart: number;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function parseFrontMatter(text: string): FrontMatter {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { fields: {}, bodyStart: 0 };
  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? "").split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = (kv[1] ?? "").toLowerCase();
    const value = (kv[2] ?? "").trim().replace(/^(["'])(.*)\1$/, "$2");
    if (value) fields[key] = value;
  }
  return { fields, bodyStart: match[0].length };
}
