/**
 * The command line as users run it: the compiled `bin/article-bot.js` in a child process
 * (`npm test` builds dist/ first). One shared index keeps the suite fast.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tempConfig } from "../helpers/engine";

const BIN = path.join(__dirname, "../../bin/article-bot.js");
const config = tempConfig();
const env = { ...process.env, LLM_PROVIDER: "none", CORPUS_DIR: config.corpusDir, INDEX_DIR: config.indexDir, OPENAI_API_KEY: "" };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, timeout: 60000, cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

beforeAll(async () => {
  const ingest = await run(["ingest"]);
  expect(ingest.code).toBe(0);
  expect(ingest.stderr).toMatch(/Indexed 1 document\(s\)/);
});

test("ask --json prints exactly the documented contract", async () => {
  const { code, stdout } = await run(["ask", "--json", "Who will Noem meet in Colombia?"]);
  expect(code).toBe(0);
  const lines = stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  const result = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
  expect(Object.keys(result)).toEqual(["question", "answerable", "answer", "citations", "short", "mode", "ms"]);
  expect(result).toMatchObject({ question: "Who will Noem meet in Colombia?", answerable: true, mode: "extractive" });
  expect(result.answer).toContain("Petro");
  const citations = result.citations as Array<Record<string, unknown>>;
  expect(Object.keys(citations[0] ?? {})).toEqual(["quote", "docId", "paragraph", "start", "end"]);
  expect(Object.keys(result.short ?? {})).toEqual(["text", "docId", "start", "end"]);
  expect(typeof result.ms).toBe("number");
});

test("ask --json carries the short answer of a typed question, the article's text at its offsets; null otherwise", async () => {
  const { code, stdout } = await run(["ask", "--json"], "How many Venezuelans were deported?\nWhat is the capital of France?\nWhy is Noem visiting El Salvador?\n");
  expect(code).toBe(0);
  const results = stdout.trim().split("\n").map((l) => JSON.parse(l) as { answerable: boolean; short: { text: string; docId: string; start: number; end: number } | null });
  expect(results.map((r) => [r.answerable, r.short?.text ?? null])).toEqual([
    [true, "101"],
    [false, null],
    [true, null],
  ]);
  const short = results[0]!.short!;
  const article = readFileSync(path.join(config.corpusDir, `${short.docId}.txt`), "utf8");
  expect(article.slice(short.start, short.end)).toBe(short.text);
});

test("ask with no question reads one per line from stdin", async () => {
  const { code, stdout } = await run(["ask", "--json"], "When will the trip end?\n\nWhat is the capital of France?\n");
  expect(code).toBe(0);
  const results = stdout.trim().split("\n").map((l) => JSON.parse(l) as { question: string; answerable: boolean });
  expect(results.map((r) => r.question)).toEqual(["When will the trip end?", "What is the capital of France?"]);
  expect(results[1]?.answerable).toBe(false);
});

test("terminal output shows the short answer first, then the answer, then each quote with its paragraph", async () => {
  const { code, stdout } = await run(["ask", "How many Venezuelans were deported?"]);
  expect(code).toBe(0);
  expect(stdout.split("\n")[0]).toBe("Short answer: 101");
  const open = await run(["ask", "Why is Noem visiting El Salvador?"]);
  expect(open.stdout).not.toContain("Short answer:");
  expect(stdout).toMatch(/101 were Venezuelans/);
  expect(stdout).toMatch(/\[1\] “.+”\n\s+— ¶4/);
  expect(stdout).toMatch(/offline, extractive/);
});

test("summary and quotes commands", async () => {
  const summary = await run(["summary", "--length", "short", "--json"]);
  expect(summary.code).toBe(0);
  const parsed = JSON.parse(summary.stdout) as { bullets: unknown[]; length: string; mode: string };
  expect(parsed).toMatchObject({ length: "short", mode: "extractive" });
  expect(parsed.bullets).toHaveLength(3);
  const quotes = await run(["quotes", "--json", "--limit", "2", "lock you up"]);
  const q = JSON.parse(quotes.stdout) as { matches: Array<{ quote: string; speaker: string | null }> };
  expect(q.matches[0]?.quote).toContain("lock you up");
  expect(q.matches.length).toBeLessThanOrEqual(2);
  const none = await run(["quotes", "ice cream recipes"]);
  expect(none.stdout).toMatch(/No passage in the article matches/);
});

test.each([
  [["ask", ""], /the question is empty/],
  [["ask", "--nope", "x"], /unknown option '--nope'/],
  [["summary", "--length", "huge"], /Allowed choices are short, medium, long/],
  [["quotes", "x", "--limit", "0"], /whole number/],
])("bad input %j: one clear line on stderr, non-zero exit", async (args, message) => {
  const { code, stderr, stdout } = await run(args);
  expect(code).not.toBe(0);
  expect(stderr).toMatch(message);
  expect(stdout).toBe("");
});

test("missing, empty and binary corpora are reported clearly", async () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), "article-bot-empty-"));
  const missing = await run(["ask", "--corpus", path.join(empty, "nope"), "q?"]);
  expect(missing.code).toBe(2);
  expect(missing.stderr.trim()).toMatch(/^article-bot: corpus folder .* does not exist/);
  expect((await run(["ask", "--corpus", empty, "q?"])).stderr).toMatch(/has no \.txt or \.md documents/);
  writeFileSync(path.join(empty, "bad.txt"), Buffer.from([0, 1, 2, 3]));
  expect((await run(["ask", "--corpus", empty, "q?"])).stderr).toMatch(/bad\.txt: looks like a binary file/);
});

test("a corrupt index is rebuilt with a notice, never read", async () => {
  writeFileSync(path.join(config.indexDir, "current", "vectors.hnsw"), "garbage");
  const { code, stderr, stdout } = await run(["ask", "--json", "When does Noem visit El Salvador?"]);
  expect(code).toBe(0);
  expect(stderr).toMatch(/could not be read .*rebuilding/);
  expect(stdout).toContain("March 26");
});

test("an invalid environment variable names itself", async () => {
  const { code, stderr } = await run(["ask", "x?"], undefined, { EMBEDDINGS_PROVIDER: "magic" });
  expect(code).toBe(2);
  expect(stderr).toMatch(/EMBEDDINGS_PROVIDER: .*'local' \| 'openai'/);
});

test("variables in ./.env are read, and what the shell exports wins", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "article-bot-dotenv-"));
  writeFileSync(path.join(dir, ".env"), "LLM_TIMEOUT_MS=soon\n");
  const bad = await run(["ask", "x?"], undefined, {}, dir);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/LLM_TIMEOUT_MS/);
  const overridden = await run(["ask", "--json", "When will the trip end?"], undefined, { LLM_TIMEOUT_MS: "5000" }, dir);
  expect(overridden.code).toBe(0);
});

test("--help for each command", async () => {
  for (const command of ["ask", "summary", "quotes", "ingest", "serve"]) {
    const { code, stdout } = await run([command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Usage: article-bot ${command}`));
  }
});

test("a question writes the model code's cache into INDEX_DIR once; the next one reads it and leaves it as it is", async () => {
  const { readdirSync, rmSync, statSync } = await import("node:fs");
  const cacheDir = path.join(config.indexDir, "code-cache");
  const caches = () => (readdirSync(config.indexDir).includes("code-cache") ? readdirSync(cacheDir).filter((n) => n.endsWith(".v8cache")) : []);
  rmSync(cacheDir, { recursive: true, force: true }); // the ingest wrote one already: this question must write its own
  expect((await run(["ask", "When does Noem visit El Salvador?"])).code).toBe(0);
  const [file] = caches();
  expect(caches()).toHaveLength(1);
  const written = statSync(path.join(cacheDir, file ?? "")).mtimeMs;
  const again = await run(["ask", "--json", "Who will Noem meet in Colombia?"]);
  expect(again.code).toBe(0);
  expect((JSON.parse(again.stdout) as { answer: string }).answer).toContain("Petro");
  expect(caches()).toEqual([file]);
  expect(statSync(path.join(cacheDir, file ?? "")).mtimeMs).toBe(written);
});

test("EMBED_WORKERS=0 answers the same with the model on the main thread (the booted worker thread is stopped unused)", async () => {
  const inThread = await run(["ask", "--json", "Who will Noem meet in Colombia?"], undefined, { EMBED_WORKERS: "0" });
  const withWorker = await run(["ask", "--json", "Who will Noem meet in Colombia?"]);
  expect(inThread.code).toBe(0);
  const strip = (out: string) => {
    const { ms: _ms, ...rest } = JSON.parse(out) as Record<string, unknown>;
    return rest;
  };
  expect(strip(inThread.stdout)).toEqual(strip(withWorker.stdout));
});
