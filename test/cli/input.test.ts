/**
 * Clumsy and hostile input through the real CLI (a child process): files with a byte-order mark,
 * oversized corpora, and stdin batches with bad lines.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { cliEnv, runCli, tempCorpus } from "../helpers/cli";

const ARTICLE = readFileSync(path.join(__dirname, "../../corpus/noem-el-salvador-visit.txt"), "utf8");
const SHORT = "The council approved the new bridge on Tuesday. Construction will cost 40 million dollars, the mayor said.\n\nWork starts in June and should end in 2027.\n";

interface Cited {
  question?: string;
  error?: string;
  answerable?: boolean;
  citations?: Array<{ quote: string; docId: string; start: number; end: number }>;
}

const parseLines = (stdout: string): Cited[] => stdout.trim().split("\n").map((l) => JSON.parse(l) as Cited);

test("a file with a UTF-8 byte-order mark: every offset indexes the file as stored", async () => {
  const dir = tempCorpus({ "bom.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SHORT)]) });
  const env = cliEnv({ CORPUS_DIR: dir.corpus, INDEX_DIR: dir.index });
  const stored = readFileSync(path.join(dir.corpus, "bom.txt"), "utf8");
  expect(stored.charCodeAt(0)).toBe(0xfeff);
  const ask = await runCli(["ask", "--json"], { env, input: "How much will construction cost?\nWhen does work start?\n" });
  expect(ask.code).toBe(0);
  const answers = parseLines(ask.stdout);
  const citations = answers.flatMap((a) => a.citations ?? []);
  expect(citations.length).toBeGreaterThanOrEqual(2);
  for (const c of citations) expect(stored.slice(c.start, c.end)).toBe(c.quote);
  const quotes = await runCli(["quotes", "--json", "approved the new bridge"], { env });
  const matches = (JSON.parse(quotes.stdout) as { matches: Array<{ quote: string; start: number; end: number }> }).matches;
  expect(matches.length).toBeGreaterThan(0);
  for (const m of matches) expect(stored.slice(m.start, m.end)).toBe(m.quote);
}, 90000);

describe("MAX_CORPUS_MB", () => {
  test("a corpus above the cap is refused in one line, before any index is built", async () => {
    const dir = tempCorpus({ "big.txt": ARTICLE.repeat(3), "small.txt": SHORT });
    const result = await runCli(["ask", "--json", "Who will Noem meet?"], { env: cliEnv({ CORPUS_DIR: dir.corpus, INDEX_DIR: dir.index, MAX_CORPUS_MB: "0.01" }) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^article-bot: corpus folder .* holds \d+\.\d KB in 2 document\(s\), largest big\.txt \(\d+\.\d KB\), above the MAX_CORPUS_MB cap of 10\.2 KB: split/);
  });

  test("a corpus above half the cap (or 1 MB) is indexed with a warning", async () => {
    const dir = tempCorpus({ "a.txt": SHORT.repeat(12) });
    const result = await runCli(["ask", "--json", "When does work start?"], { env: cliEnv({ CORPUS_DIR: dir.corpus, INDEX_DIR: dir.index, MAX_CORPUS_MB: "0.002" }) });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Warning: corpus folder .* holds .* building its index may take many minutes/);
    expect(parseLines(result.stdout)[0]?.answerable).toBe(true);
  }, 90000);

  test("MAX_CORPUS_MB must be a positive number", async () => {
    const result = await runCli(["ask", "x?"], { env: cliEnv({ MAX_CORPUS_MB: "lots" }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/MAX_CORPUS_MB: /);
  });
});

test("a bad line in a stdin batch gets its own error line and the batch goes on; the exit code says so", async () => {
  const dir = tempCorpus({ "a.txt": SHORT });
  const env = cliEnv({ CORPUS_DIR: dir.corpus, INDEX_DIR: dir.index });
  const tooLong = `Why ${"really ".repeat(400)}?`;
  const input = ["When does work start?", tooLong, "\u0001\u0002", "How much will construction cost?", ""].join("\n");
  const json = await runCli(["ask", "--json"], { env, input });
  expect(json.code).toBe(1);
  const lines = parseLines(json.stdout);
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatchObject({ question: "When does work start?", answerable: true });
  expect(lines[1]).toEqual({ question: tooLong, error: "the question is longer than 2000 characters" });
  expect(lines[2]).toEqual({ question: "\u0001\u0002", error: "the question is empty" });
  expect(lines[3]).toMatchObject({ question: "How much will construction cost?", answerable: true });
  expect(json.stderr).toMatch(/article-bot: 2 of 4 question\(s\) could not be answered/);

  const text = await runCli(["ask"], { env, input });
  expect(text.code).toBe(1);
  expect(text.stdout).toMatch(/June/);
  expect(text.stdout).toMatch(/40 million/);
  expect(text.stderr).toMatch(/question 2: the question is longer than 2000 characters/);

  const allGood = await runCli(["ask", "--json"], { env, input: "When does work start?\n" });
  expect(allGood.code).toBe(0);
}, 90000);

test("NFC: a decomposed accent in a question or a document matches the composed one; offsets index the file as stored", async () => {
  const story = [
    "Héctor Ramírez, the mayor of São José, said the bridge to Brázil would reopen in June. “We will not wait any longer,” Ramírez said.",
    "The engineer José Núñez told reporters that repairs would cost 4 million reais.",
    "",
  ].join("\n\n");
  const composed = tempCorpus({ "a.txt": story });
  const decomposed = tempCorpus({ "a.txt": story.normalize("NFD") });
  const questions = ["What did Ramírez say?", "What did José Núñez tell reporters?", "When will the bridge to Brázil reopen?"];
  const input = [...questions, ...questions.map((q) => q.normalize("NFD"))].join("\n");
  const answers = async (dir: { corpus: string; index: string }) => {
    const result = await runCli(["ask", "--json"], { env: cliEnv({ CORPUS_DIR: dir.corpus, INDEX_DIR: dir.index }), input });
    expect(result.code).toBe(0);
    const stored = readFileSync(path.join(dir.corpus, "a.txt"), "utf8");
    return parseLines(result.stdout).map((r) => {
      for (const c of r.citations ?? []) expect(stored.slice(c.start, c.end)).toBe(c.quote);
      return { answerable: r.answerable, quotes: (r.citations ?? []).map((c) => c.quote.normalize("NFC")), answer: (r as { answer?: string }).answer?.normalize("NFC") };
    });
  };
  const fromComposed = await answers(composed);
  expect(fromComposed.every((a) => a.answerable)).toBe(true);
  // A question typed with combining accents gets the answer of the same question typed composed.
  expect(fromComposed.slice(3)).toEqual(fromComposed.slice(0, 3));
  expect(fromComposed[2]?.answer).not.toMatch(/doesn't mention Bra/);
  // A document stored decomposed answers like its composed copy, quoting its own (decomposed) text.
  expect(await answers(decomposed)).toEqual(fromComposed);
}, 90000);
