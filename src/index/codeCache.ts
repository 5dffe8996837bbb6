/**
 * V8's code cache for the one big file an embedding worker loads: `@energetic-ai/core` (TensorFlow.js
 * and its WASM backend, a 1.76 MB bundle) is compiled from source by every new worker, and its functions
 * are compiled again lazily the first time the model runs. A code cache made after the first embedding
 * holds both, so the next worker (the next `ask`, or `serve` after a restart) skips that work: measured in
 * a bare worker on the 2-core EPYC, median of 9, the first vector ~54 ms sooner (288 vs 342 ms).
 *
 * Node 22 has this built in (`module.enableCompileCache`); Node 20, which the project pins, has only
 * the primitive underneath: `vm.Script`'s `cachedData`. So the file is compiled here as Node would
 * compile it (the CommonJS wrapper, a `Module` of its own) and put in `require.cache`, where every later
 * `require` of the package finds it.
 *
 * The cache is code, so it is only ever read from the index folder the user owns (never a shared
 * temporary folder), under a name that changes with the source, V8's version and the CPU architecture,
 * and with a SHA-256 of its bytes checked before V8 sees it (V8 itself rejects a cache made by another
 * version or with other flags, and then compiles from source as usual). A cache that cannot be read or
 * written costs only the time it would have saved: it is never an error.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { Script } from "node:vm";

/** What became of the cache when the module was loaded. */
export type CodeCacheOutcome = "used" | "missing" | "rejected" | "unreadable" | "loaded-already";

export interface CachedModuleLoad {
  outcome: CodeCacheOutcome;
  /** The module's `module.exports`. */
  exports: unknown;
  /**
   * Writes a cache of everything compiled so far, when the one found was not used; once, so later calls
   * cost nothing. Call it after the module's code has run its common paths (here: after the first
   * embedding). Returns whether it wrote.
   */
  saveIfNew(): boolean;
}

const DIGEST_BYTES = 32;
const FILE_SUFFIX = ".v8cache";

/** `INDEX_DIR/code-cache`: beside the index generations, kept across builds (see lifecycle.ts). */
export function codeCacheDir(indexDir: string): string {
  return path.join(indexDir, "code-cache");
}

/** Loads the CommonJS module `specifier` (resolved from this file) through a code cache kept in `dir`. */
export function requireWithCodeCache(specifier: string, dir: string): CachedModuleLoad {
  const file = require.resolve(specifier);
  const loaded = require.cache[file];
  if (loaded) return { outcome: "loaded-already", exports: loaded.exports, saveIfNew: () => false };
  const source = readFileSync(file, "utf8");
  const key = createHash("sha256").update(`${process.versions.v8}\0${process.arch}\0`).update(source).digest("hex").slice(0, 16);
  const prefix = `${specifier.replace(/[^a-z0-9]+/gi, "-").replace(/^-/, "")}-`;
  const cacheFile = path.join(dir, `${prefix}${key}${FILE_SUFFIX}`);
  const found = readChecked(cacheFile);
  const script = new Script(Module.wrap(source), { filename: file, ...(found ? { cachedData: found } : {}) });
  const outcome: CodeCacheOutcome = found === undefined ? "missing" : found === null ? "unreadable" : script.cachedDataRejected === true ? "rejected" : "used";

  const mod = new Module(file, module);
  mod.filename = file;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  require.cache[file] = mod;

  let saved = false;
  return {
    outcome,
    exports: mod.exports,
    saveIfNew() {
      if (outcome === "used" || saved) return false;
      saved = true;
      try {
        const data = script.createCachedData();
        mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
        writeFileSync(tmp, Buffer.concat([createHash("sha256").update(data).digest(), data]));
        renameSync(tmp, cacheFile); // atomic: another worker reads the old file or the new one, never half
        removeOthers(dir, prefix, path.basename(cacheFile));
        return true;
      } catch {
        return false; // a read-only or full index folder: the next worker compiles from source again
      }
    },
  };
}

/** The cache's bytes when their digest checks out; undefined when there is none, null when it is damaged. */
function readChecked(file: string): Buffer | undefined | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  const digest = createHash("sha256").update(data).digest();
  return bytes.length > DIGEST_BYTES && digest.equals(bytes.subarray(0, DIGEST_BYTES)) ? data : null;
}

/** How old a temporary file must be to count as left by a worker stopped mid-write. */
const STALE_TMP_MS = 10 * 60_000;

/** This module's caches of an older package or Node version are never read again; nor are stale temporary files. */
function removeOthers(dir: string, prefix: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || name === keep) continue;
    const file = path.join(dir, name);
    const stale = name.endsWith(FILE_SUFFIX) || (name.includes(`${FILE_SUFFIX}.tmp-`) && Date.now() - statSync(file).mtimeMs > STALE_TMP_MS);
    if (stale) rmSync(file, { force: true });
  }
}
