/**
 * LLM mode end to end: the CLI and the engine with the real @langchain/openai client pointed at a local
 * OpenAI-compatible server through OPENAI_BASE_URL. Every quote shown is the article's own text.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { createEngine } from "../../src/engine";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fakeOpenAI";
import { tempConfig } from "../helpers/engine";

const BIN = path.join(__dirname, "../../bin/article-bot.js");
let server: FakeOpenAI;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60000 }, (error, stdout, stderr) =>
      resolve({ code: error ? 1 : 0, stdout, stderr }),
    );
  });
}

test("npx article-bot ask --json answers in llm mode with only verified quotes", async () => {
  server.script({
    json: {
      answer: "She meets President Gustavo Petro in Colombia on March 27, 2025.",
      answerable: true,
      // A straight apostrophe where the article has none to differ, one exact quote and one invented quote.
      quotes: ["Noem will head to Colombia on March 27, 2025, where she will meet with President Gustavo Petro", "Petro promised to build a wall"],
    },
  });
  const config = tempConfig();
  const { code, stdout, stderr } = await runCli(["ask", "--json", "Who will Noem meet in Colombia?"], {
    CORPUS_DIR: config.corpusDir,
    INDEX_DIR: config.indexDir,
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: server.baseURL,
    LLM_PROVIDER: "",
    OPENAI_CHAT_MODEL: "fake-model",
  });
  expect(stderr).not.toMatch(/Error/);
  expect(code).toBe(0);
  const result = JSON.parse(stdout.trim()) as { mode: string; answer: string; citations: Array<{ quote: string; start: number; end: number }>; short: { text: string; start: number; end: number } | null };
  expect(result.mode).toBe("llm");
  expect(result.answer).toContain("Petro");
  expect(result.citations).toHaveLength(1);
  expect(result.citations[0]?.quote).toContain("Gustavo Petro");
  expect(result.citations.some((c) => c.quote.includes("wall"))).toBe(false);
  // The short answer is picked inside the model's first verified quote: the article's words, not the model's.
  expect(result.short?.text).toBe("President Gustavo Petro");
  const quoted = result.citations[0]!;
  expect(quoted.quote.slice(result.short!.start - quoted.start, result.short!.end - quoted.start)).toBe("President Gustavo Petro");
  const request = server.requests.at(-1);
  expect(request?.headers.authorization).toBe("Bearer test-key");
  expect(JSON.stringify(request?.body)).toContain("Who will Noem meet in Colombia?");
});

test("a model's refusal has no short answer", async () => {
  server.script({ json: { answer: "Not in the passages.", answerable: false, quotes: [] } });
  const engine = await createEngine(tempConfig({ LLM_PROVIDER: "openai", OPENAI_BASE_URL: server.baseURL, LLM_TIMEOUT_MS: "3000" }));
  const result = await engine.ask("How many Venezuelans were deported?");
  expect(result).toMatchObject({ mode: "llm", answerable: false, short: null });
  await engine.close();
});

test("a server that fails gives the offline answer with a notice", async () => {
  server.script({ status: 500 });
  const engine = await createEngine(tempConfig({ LLM_PROVIDER: "openai", OPENAI_BASE_URL: server.baseURL, LLM_TIMEOUT_MS: "3000" }));
  const result = await engine.ask("When does Noem visit El Salvador?");
  expect(result.mode).toBe("extractive");
  expect(result.notice).toMatch(/offline answer/);
  expect(result.answer).toContain("March 26");
  // The offline answer shown keeps its short answer.
  expect(result.short?.text).toBe("March 26, 2025");
});

test("summaries in llm mode keep only bullets with verified quotes", async () => {
  server.script({
    json: {
      bullets: [
        { text: "Noem tours El Salvador's mega-prison.", quotes: ["set to visit El Salvador's Terrorism Confinement Center"] },
        { text: "An invented bullet.", quotes: ["Noem adopted a puppy"] },
      ],
    },
  });
  const engine = await createEngine(tempConfig({ LLM_PROVIDER: "openai", OPENAI_BASE_URL: server.baseURL }));
  const summary = await engine.summarize({ length: "short" });
  expect(summary.mode).toBe("llm");
  expect(summary.bullets).toHaveLength(1);
  const citation = summary.bullets[0]?.citations[0];
  expect(citation && engine.documentText(citation.docId)?.slice(citation.start, citation.end)).toBe(citation?.quote);
});
