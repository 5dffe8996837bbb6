/**
 * LLM mode end to end: the real engine (real corpus, local embeddings, the real @langchain/openai
 * client against the local fake OpenAI server), the real Bolt app over signed HTTP, the fake Web
 * API. The model's output holds one real and one invented quote: Slack sees the steps as task
 * updates, never any model text before verification, and the final blocks hold only the real quote.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import type { Engine } from "../../src/contract";
import { createEngine } from "../../src/engine";
import { type SlackAppHandle, createSlackApp } from "../../src/slack/app";
import { memoryStores } from "../../src/slack/stores";
import { tempConfig } from "../helpers/engine";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/fakeOpenAI";
import { FAKE_IDS, FakeSlackApi, type RecordedCall, allText } from "../helpers/slackFakeApi";
import { dmEvent, memoryLogger, mentionEvent } from "../helpers/slackHarness";
import { TEST_SIGNING_SECRET, postSigned } from "../helpers/slackSigning";

const REAL = "Noem will head to Colombia on March 27, 2025, where she will meet with President Gustavo Petro";
const INVENTED = "Petro promised to build a wall";
const MODEL_ANSWER = "She meets President Gustavo Petro in Colombia on March 27, 2025.";

const api = new FakeSlackApi();
let openai: FakeOpenAI;
let engine: Engine;
let handle: SlackAppHandle;
let eventsUrl: string;
let root: string;

beforeAll(async () => {
  await api.start();
  openai = await startFakeOpenAI();
  const config = tempConfig({ LLM_PROVIDER: "openai", OPENAI_BASE_URL: openai.baseURL, OPENAI_CHAT_MODEL: "fake-model" });
  root = path.dirname(config.corpusDir);
  engine = await createEngine(config);
  handle = createSlackApp({
    engine,
    config: { ...config.slack, botToken: "xoxb-stream", signingSecret: TEST_SIGNING_SECRET, apiUrl: api.apiUrl, port: 0 },
    stores: memoryStores({ dataDir: root, rateLimitPerMinute: 100 }),
    logger: memoryLogger().logger,
    host: "127.0.0.1",
    botId: FAKE_IDS.botId,
    botUserId: FAKE_IDS.botUserId,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const info = await handle.start();
  if (info.mode !== "http") throw new Error("expected HTTP");
  eventsUrl = `http://127.0.0.1:${info.port}/slack/events`;
}, 60_000);

afterAll(async () => {
  await handle?.stop();
  await openai?.close();
  await api.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  api.reset();
  openai.script({ json: { answer: MODEL_ANSWER, answerable: true, quotes: [REAL, INVENTED] } });
});

const STREAM_METHODS = ["chat.startStream", "chat.appendStream", "chat.stopStream"];
const chunksOf = (call: RecordedCall): { type: string; title?: string; status?: string; details?: string }[] =>
  (call.args.chunks as { type: string }[] | undefined) ?? [];

async function drain(): Promise<void> {
  if (!(await handle.inflight.drain(15_000))) throw new Error("still running");
}

test("a mention in LLM mode streams its steps, then the verified answer; the invented quote never reaches Slack", async () => {
  const event = mentionEvent("Who will Noem meet in Colombia?");
  await postSigned(eventsUrl, JSON.stringify(event));
  const [stop] = await api.waitForCalls("chat.stopStream", 1, 20_000);
  await drain();

  const [start] = api.callsOf("chat.startStream");
  // Outside a DM Slack needs the thread and whom the stream is for.
  expect(start?.args).toEqual(
    expect.objectContaining({ channel: "C0GENERAL", thread_ts: event.event.ts, recipient_user_id: "U0HUMAN1", recipient_team_id: "T0TEAM" }),
  );
  const order = api.calls.map((c) => c.method).filter((m) => m === "assistant.threads.setStatus" || STREAM_METHODS.includes(m));
  expect(order[0]).toBe("assistant.threads.setStatus");
  expect(order.at(-1)).toBe("chat.stopStream");

  // Everything streamed is a task update with the bot's own words: no model text, no quote, verified or not.
  const streamed = api.calls.filter((c) => STREAM_METHODS.includes(c.method));
  const chunks = streamed.flatMap(chunksOf);
  expect(chunks.length).toBeGreaterThan(2);
  for (const chunk of chunks) expect(chunk.type).toBe("task_update");
  const streamedText = JSON.stringify(streamed.map((c) => c.args.chunks));
  for (const modelText of ["Gustavo Petro", "wall", "Colombia"]) expect(streamedText).not.toContain(modelText);
  expect(chunks.map((c) => c.title)).toEqual(expect.arrayContaining(["Searching the article", "Checking 2 quotes against the article"]));
  expect(chunks.find((c) => c.status === "complete" && c.title?.startsWith("Checking"))?.details).toBe("1 of 2 found word for word");

  // The stream ends with the final blocks: the model's answer and the one verified quote, word for word.
  const final = allText({ blocks: stop!.args.blocks });
  expect(final).toContain(MODEL_ANSWER);
  expect(final).toContain(`> ${REAL}`);
  expect(final).toContain("Answered by fake-model · 1 quote");
  expect(api.callsOf("chat.postMessage")).toHaveLength(0);
  // The invented quote appears nowhere in anything sent to Slack.
  expect(api.calls.some((c) => JSON.stringify(c.args).includes(INVENTED))).toBe(false);
}, 30_000);

test("a DM in LLM mode streams in the message's own thread", async () => {
  const dm = dmEvent("Who will Noem meet in Colombia?");
  await postSigned(eventsUrl, JSON.stringify(dm));
  const [stop] = await api.waitForCalls("chat.stopStream", 1, 20_000);
  await drain();
  expect(api.callsOf("chat.startStream")[0]?.args).toEqual(expect.objectContaining({ channel: "D0DMCHAN", thread_ts: dm.event.ts }));
  expect(allText({ blocks: stop!.args.blocks })).toContain(`> ${REAL}`);
}, 30_000);

test("where Slack refuses the stream, the verified answer is posted as usual", async () => {
  api.failNext("chat.startStream", { kind: "error", error: "not_allowed" });
  await postSigned(eventsUrl, JSON.stringify(mentionEvent("Who will Noem meet in Colombia?")));
  const [post] = await api.waitForCalls("chat.postMessage", 1, 20_000);
  await drain();
  expect(allText(post!.args)).toContain(`> ${REAL}`);
  expect(api.callsOf("chat.stopStream")).toHaveLength(0);
  expect(api.calls.some((c) => JSON.stringify(c.args).includes(INVENTED))).toBe(false);
}, 30_000);

test("a summary in LLM mode streams its steps too, and only bullets with a verified quote are shown", async () => {
  const BULLET = "Noem meets Petro in Colombia.";
  const MADE_UP = "Noem cancels the whole trip.";
  openai.script({ json: { bullets: [{ text: BULLET, quotes: [REAL] }, { text: MADE_UP, quotes: [INVENTED] }] } });
  await postSigned(eventsUrl, JSON.stringify(mentionEvent("summary short")));
  const [stop] = await api.waitForCalls("chat.stopStream", 1, 20_000);
  await drain();

  const streamed = api.calls.filter((c) => STREAM_METHODS.includes(c.method));
  const chunks = streamed.flatMap(chunksOf);
  for (const chunk of chunks) expect(chunk.type).toBe("task_update");
  expect(chunks.map((c) => c.title)).toEqual(expect.arrayContaining(["Searching the article", "Writing the summary (fake-model)", "Checking 2 quotes against the article"]));
  expect(chunks.find((c) => c.status === "complete" && c.title?.startsWith("Checking"))?.details).toBe("1 of 2 found word for word");
  const streamedText = JSON.stringify(streamed.map((c) => c.args.chunks));
  for (const modelText of [BULLET, MADE_UP, "Petro", "wall"]) expect(streamedText).not.toContain(modelText);

  const final = allText({ blocks: stop!.args.blocks });
  expect(final).toContain(BULLET);
  expect(final).toContain(REAL);
  expect(final).not.toContain(MADE_UP);
  expect(api.calls.some((c) => JSON.stringify(c.args).includes(INVENTED))).toBe(false);
}, 30_000);
