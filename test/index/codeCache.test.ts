/**
 * V8's code cache for the embedding model's code (`src/index/codeCache.ts`): written once, used by the
 * next load, never trusted when damaged, replaced when the source changes; and in real embedding workers
 * the vectors are the same with the cache as without it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { WorkerPoolEmbeddings } from "../../src/index/poolEmbeddings";
import { requireWithCodeCache } from "../../src/index/codeCache";
import { EmbedWorkerPool } from "../../src/index/workerPool";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "code-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS module with enough code for V8 to cache, and a require of its own. */
function writeModule(file: string, factor: number): void {
  const helpers = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${factor}; }`).join("\n");
  writeFileSync(file, `"use strict";\nconst path = require("node:path");\n${helpers}\nexports.compute = (x) => f7(x) + path.basename("/a/b").length;\nexports.filename = __filename;\n`);
}

/** A load as a new process would make it (jest's own module registry never holds these files). */
function loadFresh(file: string) {
  const load = requireWithCodeCache(file, path.join(dir, "cache"));
  return { load, mod: load.exports as { compute(x: number): number; filename: string } };
}

test("the first load compiles from source and writes the cache; the next load uses it and behaves the same", () => {
  const file = path.join(dir, "module.js");
  writeModule(file, 3);
  const first = loadFresh(file);
  expect(first.load.outcome).toBe("missing");
  expect(first.mod.compute(2)).toBe(7 * 2 + 3 + 1);
  expect(first.mod.filename).toBe(file);
  expect(first.load.saveIfNew()).toBe(true);
  expect(first.load.saveIfNew()).toBe(false); // once
  expect(readdirSync(path.join(dir, "cache"))).toHaveLength(1);

  const second = loadFresh(file);
  expect(second.load.outcome).toBe("used");
  expect(second.mod.compute(2)).toBe(18);
  expect(second.load.saveIfNew()).toBe(false); // nothing new to write
});

test("a damaged cache is never handed to V8: the module compiles from source and the cache is rewritten", () => {
  const file = path.join(dir, "module.js");
  writeModule(file, 3);
  loadFresh(file).load.saveIfNew();
  const cacheDir = path.join(dir, "cache");
  const [name] = readdirSync(cacheDir);
  const cacheFile = path.join(cacheDir, name ?? "");
  const bytes = readFileSync(cacheFile);
  const last = bytes.length - 1;
  bytes[last] = (bytes[last] ?? 0) ^ 0xff;
  writeFileSync(cacheFile, bytes);

  const damaged = loadFresh(file);
  expect(damaged.load.outcome).toBe("unreadable");
  expect(damaged.mod.compute(1)).toBe(11);
  expect(damaged.load.saveIfNew()).toBe(true);
  expect(loadFresh(file).load.outcome).toBe("used");
});

test("a changed source gets a cache of its own, and the old one is removed", () => {
  const file = path.join(dir, "module.js");
  writeModule(file, 3);
  loadFresh(file).load.saveIfNew();
  const before = readdirSync(path.join(dir, "cache"));
  writeModule(file, 4); // the same length, other code
  const changed = loadFresh(file);
  expect(changed.load.outcome).toBe("missing");
  expect(changed.mod.compute(2)).toBe(19);
  changed.load.saveIfNew();
  const after = readdirSync(path.join(dir, "cache"));
  expect(after).toHaveLength(1);
  expect(after).not.toEqual(before);
});

test("a cache folder that cannot be written costs nothing but the time: the module works, nothing is thrown", () => {
  const file = path.join(dir, "module.js");
  writeModule(file, 3);
  writeFileSync(path.join(dir, "blocked"), "a file where the folder should be");
  const load = requireWithCodeCache(file, path.join(dir, "blocked"));
  expect(load.outcome).toBe("missing");
  expect(load.saveIfNew()).toBe(false);
});

test("embedding workers write the model code's cache after their first embedding; the next worker uses it, with the same vectors", async () => {
  const cacheDir = path.join(dir, "code-cache");
  const text = "The minister visited the prison on Wednesday.";
  const first = new EmbedWorkerPool({ size: 1, warmUpEmbedding: false, codeCacheDir: cacheDir });
  let before: number[];
  try {
    before = await new WorkerPoolEmbeddings(first).embedQuery(text);
    expect(first.codeCacheOutcomes).toEqual(["missing"]);
    // Written just after the answer is sent: wait for it (2 s at most).
    const caches = () => (readdirSync(dir).includes("code-cache") ? readdirSync(cacheDir).filter((n) => n.endsWith(".v8cache")) : []);
    for (let i = 0; i < 100 && caches().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(caches()).toHaveLength(1);
  } finally {
    await first.close();
  }
  const second = new EmbedWorkerPool({ size: 1, warmUpEmbedding: false, codeCacheDir: cacheDir });
  try {
    expect(await new WorkerPoolEmbeddings(second).embedQuery(text)).toEqual(before);
    expect(second.codeCacheOutcomes).toEqual(["used"]);
  } finally {
    await second.close();
  }
});
