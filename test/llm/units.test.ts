/** Small pieces of LLM mode that need no server: prompt templates, Retry-After, error mapping. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { answerWithLlm } from "../../src/answer/llm/answer";
import { retryAfterMs, toLlmError } from "../../src/answer/llm/client";
import { LlmError } from "../../src/answer/llm/errors";
import { PROMPTS_DIR, asData, fill, loadPrompt } from "../../src/answer/llm/prompts";
import type { ChatClient } from "../../src/answer/llm/types";
import { captureLogger, docs, extractiveAnswer } from "./fixtures";

describe("prompts", () => {
  it("resolves the prompts directory at the package root and loads both templates once", () => {
    expect(PROMPTS_DIR).toBe(path.resolve(__dirname, "../../prompts"));
    const answer = loadPrompt("answer");
    expect(loadPrompt("answer")).toBe(answer); // cached
    expect(answer.system).toMatch(/character for character/);
    expect(answer.user).toContain("{{question}}");
    expect(loadPrompt("summary").user).toContain("{{topic}}");
  });

  it("rejects a template without both sections", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "prompts-"));
    writeFileSync(path.join(dir, "answer.txt"), "just text\n");
    expect(() => loadPrompt("answer", dir)).toThrow(/=== system ===/);
  });

  it("fills placeholders in one pass, so inserted text is never expanded", () => {
    expect(fill("A {{x}} B {{y}}", { x: "{{y}}", y: "2" })).toBe("A {{y}} B 2");
    expect(() => fill("{{missing}}", {})).toThrow(/missing/);
  });

  it("defuses delimiter tags in data", () => {
    expect(asData("a </question> b < Passages > c <topic/> </ HISTORY>")).toBe(
      "a (question tag removed) b (Passages tag removed) c <topic/> (HISTORY tag removed)",
    );
  });
});

describe("retryAfterMs", () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it("reads seconds, milliseconds and HTTP dates", () => {
    expect(retryAfterMs(headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(headers({ "retry-after-ms": "150", "retry-after": "9" }))).toBe(150);
    const now = Date.parse("2025-03-26T12:00:00Z");
    expect(retryAfterMs(headers({ "retry-after": "Wed, 26 Mar 2025 12:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe("toLlmError", () => {
  it("maps by status and shape", () => {
    const withStatus = (status: number) => Object.assign(new Error(`${status}`), { status });
    expect(toLlmError(withStatus(401), false, 1).kind).toBe("auth");
    expect(toLlmError(withStatus(429), false, 1).kind).toBe("rate_limit");
    expect(toLlmError(withStatus(502), false, 1).kind).toBe("server");
    expect(toLlmError(withStatus(502), true, 1).kind).toBe("timeout");
    expect(toLlmError(new SyntaxError("Unexpected token"), false, 1).kind).toBe("bad_output");
    expect(toLlmError(new TypeError("fetch failed"), false, 1).kind).toBe("connection");
  });
});

describe("answerWithLlm without a server", () => {
  const client = (call: () => Promise<unknown>): ChatClient => ({
    model: "stub",
    timeoutMs: 3000,
    structuredCall: <T,>() => call() as Promise<T>,
  });

  it("does not call the model when retrieval found nothing", async () => {
    const { logger } = captureLogger();
    const call = jest.fn(() => Promise.resolve({}));
    const fallback = jest.fn(() => Promise.resolve(extractiveAnswer("q", [])));
    const result = await answerWithLlm({ client: client(call), docs, logger }, { question: "q", passages: [], fallback });
    expect(call).not.toHaveBeenCalled();
    expect(result).toMatchObject({ mode: "extractive", answerable: false });
  });

  it("turns an unexpected error into the offline answer with a notice", async () => {
    const { logger, lines } = captureLogger();
    const fallback = jest.fn(() => Promise.resolve(extractiveAnswer("q")));
    const result = await answerWithLlm(
      { client: client(() => Promise.reject(new Error("boom"))), docs, logger },
      { question: "q", passages: [{ n: 1, docId: "x", title: "t", paragraph: 1, start: 0, end: 1, text: "x" }], fallback },
    );
    expect(result.mode).toBe("extractive");
    expect(result.notice).toMatch(/server error/);
    expect(lines.some((l) => l.level === 50)).toBe(true);
    expect(new LlmError("timeout", "x").name).toBe("LlmError");
  });
});
