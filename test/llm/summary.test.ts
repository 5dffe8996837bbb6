/** LLM-mode summaries over HTTP with the real @langchain/openai client and a scripted local server. */
import { createChatClient } from "../../src/answer/llm/client";
import { summarizeWithLlm } from "../../src/answer/llm/summary";
import type { LlmConfig } from "../../src/config";
import type { SummaryLength } from "../../src/contract";
import type { FakeOpenAI } from "../helpers/fakeOpenAI";
import { startFakeOpenAI } from "../helpers/fakeOpenAI";
import {
  ARTICLE,
  DEPORTED,
  DOC_ID,
  MCLAUGHLIN,
  TITLE,
  captureLogger,
  citationOf,
  docs,
  extractiveSummary,
  llmConfig,
  passages,
} from "./fixtures";

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

const DOCUMENTS = [
  { id: DOC_ID, title: TITLE, paragraphs: 9, sentences: 30 },
  { id: "other-doc", title: "Another article", paragraphs: 4, sentences: 12 },
];

async function summarize(config: Partial<LlmConfig> = {}, topic: string | null = null, length: SummaryLength = "short") {
  const { logger } = captureLogger();
  const fallback = jest.fn(() => Promise.resolve(extractiveSummary(topic)));
  const client = createChatClient(llmConfig(fake.baseURL, config), logger);
  const result = await summarizeWithLlm(
    { client, docs, logger },
    { topic, length, passages: passages(1, 3, 4), documents: DOCUMENTS, fallback },
  );
  return { result, fallback };
}

describe("summarizeWithLlm", () => {
  it("keeps bullets with a verified quote, drops the rest, and cites the article's own text", async () => {
    fake.script({
      json: {
        bullets: [
          { text: "Noem visits El Salvador's mega-prison.", quotes: ["Secretary of Homeland Security Kristi Noem is set to visit El Salvador's Terrorism Confinement Center"] },
          { text: "An invented claim.", quotes: ["Noem signed a treaty with Bukele on the spot."] },
          { text: "DHS warned offenders.", quotes: ["“If you come to our country and break our laws, we will hunt you down, and lock you up.”", "not a real quote at all, no"] },
          { text: "  ", quotes: [DEPORTED] },
          { text: "261 people were deported.", quotes: [DEPORTED] },
        ],
      },
    });
    const { result, fallback } = await summarize({ structuredOutput: "functionCalling" });
    expect(fallback).not.toHaveBeenCalled();
    expect(result).toMatchObject({ mode: "llm", model: "test-model", found: true, topic: null, length: "short" });
    expect(result.bullets.map((b) => b.text)).toEqual([
      "Noem visits El Salvador's mega-prison.",
      "DHS warned offenders.",
      "261 people were deported.",
    ]);
    expect(result.bullets[1]?.citations).toEqual([citationOf(MCLAUGHLIN)]);
    for (const c of result.bullets.flatMap((b) => b.citations)) expect(ARTICLE.slice(c.start, c.end)).toBe(c.quote);
    // Only the documents the bullets cite.
    expect(result.documents.map((d) => d.id)).toEqual([DOC_ID]);
    expect(fake.requests[0]?.body.tool_choice).toEqual({ type: "function", function: { name: "summary" } });
  });

  it("keeps no more bullets than the length asks for, and says how many in the prompt", async () => {
    const bullet = { text: "Deportations.", quotes: [DEPORTED] };
    fake.script({ json: { bullets: [bullet, bullet, bullet, bullet, bullet] } });
    const { result } = await summarize({}, "deportations", "short");
    expect(result.bullets).toHaveLength(3);
    const messages = JSON.stringify(fake.requests[0]?.body.messages);
    expect(messages).toContain("Write about 3 bullets");
    expect(messages).toContain("<topic>\\ndeportations\\n</topic>");
  });

  it("no bullet survives verification: the offline summary with a notice", async () => {
    fake.script({ json: { bullets: [{ text: "Made up.", quotes: ["This sentence is nowhere in the article."] }] } });
    const { result, fallback } = await summarize();
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ mode: "extractive", bullets: extractiveSummary().bullets });
    expect(result.notice).toMatch(/offline summary/);
  });

  it("a server error: the offline summary with a notice", async () => {
    fake.script({ status: 503 });
    const { result } = await summarize();
    expect(fake.requests).toHaveLength(2);
    expect(result.mode).toBe("extractive");
    expect(result.notice).toBe("The language model was unavailable (server error); this is the offline summary.");
  });
});
