/**
 * The index's life on disk, through the real CLI in child processes: manifests that cannot be trusted,
 * leftovers of crashed builds, two builds at once, a cleanup that fails, and readers during a swap.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseManifest } from "../../src/index/manifest";
import { BIN, cliEnv, runCli, tempCorpus } from "../helpers/cli";

const SHORT = "The council approved the new bridge on Tuesday. Construction will cost 40 million dollars, the mayor said.\n\nWork starts in June and should end in 2027.\n";
const QUESTION = "How much will construction cost?";

function setup() {
  const dir = tempCorpus({ "a.txt": SHORT });
  return { ...dir, env: cliEnv({ CORPUS_DIR: dir.corpus, INDEX_DIR: dir.index }) };
}

/** The folder holding the index files, whatever the layout. */
function dataDir(index: string): string {
  const current = path.join(index, "current");
  return existsSync(current) ? realpathSync(current) : index;
}

function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", "0"]).pid;
  if (pid === undefined) throw new Error("no pid");
  return pid;
}

function editManifest(index: string, edit: (m: Record<string, unknown>) => unknown): void {
  const file = path.join(dataDir(index), "manifest.json");
  writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>)));
}

async function expectAnswered(env: NodeJS.ProcessEnv, rebuildNotice?: RegExp): Promise<string> {
  const result = await runCli(["ask", "--json", QUESTION], { env });
  expect(result.signal).toBeNull();
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("40 million dollars");
  if (rebuildNotice) expect(result.stderr).toMatch(rebuildNotice);
  return result.stderr;
}

describe("a manifest that cannot be trusted is rebuilt, never crashes a command", () => {
  test("`null`", async () => {
    const t = setup();
    expect((await runCli(["ingest"], { env: t.env })).code).toBe(0);
    editManifest(t.index, () => null);
    await expectAnswered(t.env, /cannot be trusted \(its manifest is invalid .*\): rebuilding it/);
    await expectAnswered(t.env);
    expect((await runCli(["ask", QUESTION], { env: t.env })).stderr).toBe("");
  }, 90000);

  test("emptied checksums next to a corrupt vector file", async () => {
    const t = setup();
    expect((await runCli(["ingest"], { env: t.env })).code).toBe(0);
    editManifest(t.index, (m) => ({ ...m, checksums: {} }));
    const vectors = path.join(dataDir(t.index), "vectors.hnsw");
    const bytes = readFileSync(vectors);
    bytes.fill(0xff, 16, 96);
    writeFileSync(vectors, bytes.subarray(0, bytes.length - 7));
    await expectAnswered(t.env, /cannot be trusted \(its manifest is invalid \(checksums\.vectors\.hnsw: Required\)\)/);
  }, 90000);

  test.each([
    ["an array", () => []],
    ["a missing checksum", (m: Record<string, unknown>) => ({ ...m, checksums: { ...(m.checksums as object), "chunks.json": undefined } })],
    ["an unknown data file", (m: Record<string, unknown>) => ({ ...m, checksums: { ...(m.checksums as object), "extra.bin": "0".repeat(64) } })],
    ["a checksum that is not SHA-256", (m: Record<string, unknown>) => ({ ...m, checksums: { ...(m.checksums as object), "hnsw.json": "abc" } })],
    ["counts as strings", (m: Record<string, unknown>) => ({ ...m, counts: { documents: "1", chunks: "1", sentences: "1" } })],
    ["no embeddings", (m: Record<string, unknown>) => ({ ...m, embeddings: null })],
  ])("parseManifest rejects %s", (_name, edit) => {
    const good = { formatVersion: 2, corpusHash: "a".repeat(64), embeddings: { provider: "local", model: "use", dimensions: 512 }, chunking: { maxSentences: 3, maxChars: 900, overlap: 1 }, hnsw: { m: 16, efConstruction: 200, efSearch: 64 }, counts: { documents: 1, chunks: 2, sentences: 3 }, checksums: Object.fromEntries(["vectors.hnsw", "hnsw.json", "docstore.json", "chunks.json", "sentences.f32"].map((f) => [f, "b".repeat(64)])), builtAt: "2026-12-01T00:00:00Z" };
    expect("manifest" in parseManifest(JSON.stringify(good))).toBe(true);
    expect("problem" in parseManifest(JSON.stringify(edit(good)))).toBe(true);
  });
});

test("leftovers of crashed builds are removed at the next build; the index in use is kept", async () => {
  const t = setup();
  expect((await runCli(["ingest"], { env: t.env })).code).toBe(0);
  const dead = deadPid();
  const leftovers = [path.join(t.index, `gen-zzz-${dead}`), `${t.index}.building-${dead}`, `${t.index}.old-${dead}`];
  for (const dir of leftovers) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "vectors.hnsw"), "half-written");
  }
  const ownerFile = path.join(t.index, `build.lock.owner-${dead}-0123abcd`);
  writeFileSync(ownerFile, JSON.stringify({ pid: dead }));
  leftovers.push(ownerFile);
  writeFileSync(path.join(t.root, "unrelated.txt"), "not ours");
  const result = await runCli(["ingest"], { env: t.env });
  expect(result.code).toBe(0);
  for (const dir of leftovers) expect(existsSync(dir)).toBe(false);
  expect(existsSync(path.join(t.root, "unrelated.txt"))).toBe(true);
  expect(readdirSync(t.index).filter((n) => n.startsWith("gen-"))).toHaveLength(1);
  await expectAnswered(t.env);
}, 90000);

test("two builds at once: both succeed, one index remains, a waiter names whom it waits for", async () => {
  const t = setup();
  const [a, b] = await Promise.all([runCli(["ingest"], { env: t.env }), runCli(["ingest"], { env: t.env })]);
  expect([a?.code, b?.code]).toEqual([0, 0]);
  // Whether the second start finds the first still building depends on scheduling; if it waits, it
  // must say for which process (an owner file read half-written once made this "pid unknown").
  expect(`${a?.stderr}\n${b?.stderr}`).not.toMatch(/pid unknown/);
  expect(readdirSync(t.index).sort()).toEqual(["code-cache", "current", expect.stringMatching(/^gen-/), "vectors.cache"]);
  expect(await expectAnswered(t.env)).toBe("");
}, 90000);

test("a build waits while another live process holds the lock, says so once, then builds", async () => {
  const t = setup();
  mkdirSync(t.index, { recursive: true });
  const lock = path.join(t.index, "build.lock");
  writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: "heldbythetest" }));
  const child = spawn(process.execPath, [BIN, "ingest"], { env: t.env });
  let stderr = "";
  const waiting = new Promise<void>((resolve) => {
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (/Waiting for another build/.test(stderr)) resolve();
    });
  });
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  await waiting;
  await new Promise((resolve) => setTimeout(resolve, 600)); // several polls while still held
  expect(existsSync(path.join(t.index, "current"))).toBe(false);
  rmSync(lock);
  expect(await closed).toBe(0);
  expect(stderr.match(/Waiting for another build/g)).toHaveLength(1);
  expect(stderr).toContain(`(pid ${process.pid}) to finish`);
  expect(readdirSync(t.index).sort()).toEqual(["code-cache", "current", expect.stringMatching(/^gen-/), "vectors.cache"]);
  await expectAnswered(t.env);
}, 90000);

const chattr = spawnSync("chattr", ["--help"]).error === undefined;
(chattr ? test : test.skip)("a cleanup that fails after a successful swap is a warning, not a failed command", async () => {
  const t = setup();
  expect((await runCli(["ingest"], { env: t.env })).code).toBe(0);
  const stuck = path.join(dataDir(t.index), "docstore.json");
  execFileSync("chattr", ["+i", stuck]);
  try {
    const result = await runCli(["ingest"], { env: t.env });
    expect(result.stderr).toMatch(/Warning: could not remove the old index .* \(\w+\); it will be removed at the next build/);
    expect(result.code).toBe(0);
    expect(dataDir(t.index)).not.toBe(path.dirname(stuck));
    await expectAnswered(t.env);
  } finally {
    execFileSync("chattr", ["-i", stuck]);
  }
  expect((await runCli(["ingest"], { env: t.env })).code).toBe(0);
  expect(existsSync(stuck)).toBe(false);
}, 90000);

test("readers always find an index while builds replace it, and a killed build leaves the old one", async () => {
  const t = setup();
  expect((await runCli(["ingest"], { env: t.env })).code).toBe(0);
  // A separate process polls as fast as it can for a moment without a readable manifest.
  const poller = spawn(process.execPath, ["-e", `
    const fs = require("fs"), path = require("path");
    const index = ${JSON.stringify(t.index)};
    let misses = 0, reads = 0;
    const read = () => { for (const dir of [path.join(index, "current"), index]) { try { fs.readFileSync(path.join(dir, "manifest.json")); return true; } catch {} } return false; };
    const done = () => { process.stdout.write(JSON.stringify({ misses, reads })); process.exit(0); };
    process.on("SIGTERM", done);
    // Never outlives the test, even one that timed out: a stray poller would hold a core and jest open.
    setTimeout(done, 150000);
    const loop = () => { for (let i = 0; i < 500; i++) { reads++; if (!read()) misses++; } setImmediate(loop); };
    loop();`]);
  // Lowest priority: it uses idle CPU only, so the builds it watches (and the rest of the suite) are not slowed.
  if (poller.pid !== undefined) os.setPriority(poller.pid, 19);
  const pollerClosed = new Promise((resolve) => poller.once("close", resolve));
  let polled = "";
  poller.stdout.setEncoding("utf8").on("data", (d: string) => (polled += d));
  try {
    let buildMs = 0;
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      expect((await runCli(["ingest"], { env: t.env })).code).toBe(0);
      buildMs = Date.now() - started;
    }
    // Kill builds part-way: whatever moment they die at, the previous index stays in place. The moments
    // are fractions of a measured build (with the vector cache a rebuild takes well under a second).
    for (const fraction of [0.3, 0.7]) {
      const child = spawn(process.execPath, [BIN, "ingest"], { env: t.env, stdio: "ignore" });
      // Listen before waiting: a build that ends first must not leave this test waiting for a past event.
      const closed = new Promise((resolve) => child.once("close", resolve));
      await new Promise((resolve) => setTimeout(resolve, Math.round(buildMs * fraction)));
      child.kill("SIGKILL");
      await closed;
      expect(await expectAnswered(t.env)).not.toMatch(/building|rebuilding/);
    }
  } finally {
    poller.kill("SIGTERM");
    await pollerClosed;
  }
  const { misses, reads } = JSON.parse(polled) as { misses: number; reads: number };
  expect(reads).toBeGreaterThan(1000);
  expect(misses).toBe(0);
}, 240000);
