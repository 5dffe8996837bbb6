/**
 * One end-to-end pass with the real engine over the real corpus (/corpus), index built in a temp
 * folder with the bundled local embedding model: a mention (led by its short answer), its follow-up in the
 * thread, a DM quote.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { createEngine } from "../../src/engine";
import { memoryStores } from "../../src/slack/stores";
import { type SlackAppHandle, createSlackApp } from "../../src/slack/app";
import type { Engine } from "../../src/contract";
import { FAKE_IDS, FakeSlackApi, allText, blocksOf } from "../helpers/slackFakeApi";
import { dmEvent, memoryLogger, mentionEvent } from "../helpers/slackHarness";
import { TEST_SIGNING_SECRET, postSigned } from "../helpers/slackSigning";

const root = path.join(__dirname, "..", "..");
const api = new FakeSlackApi();
let indexDir: string;
let engine: Engine;
let handle: SlackAppHandle;
let eventsUrl: string;

beforeAll(async () => {
  await api.start();
  indexDir = mkdtempSync(path.join(tmpdir(), "article-bot-index-"));
  const config = loadConfig(
    { CORPUS_DIR: path.join(root, "corpus"), INDEX_DIR: indexDir, DATA_DIR: indexDir, LLM_PROVIDER: "none" },
    {},
    root,
  );
  engine = await createEngine(config);
  handle = createSlackApp({
    engine,
    config: { ...config.slack, botToken: "xoxb-real", signingSecret: TEST_SIGNING_SECRET, apiUrl: api.apiUrl, port: 0 },
    stores: memoryStores({ dataDir: indexDir, rateLimitPerMinute: config.slack.rateLimitPerMinute }),
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
  await api.close();
  rmSync(indexDir, { recursive: true, force: true });
});

test("a mention is answered from the article with verbatim quotes, and a follow-up uses the thread", async () => {
  const first = mentionEvent("Who is visiting El Salvador?");
  await postSigned(eventsUrl, JSON.stringify(first));
  const [answer] = await api.waitForCalls("chat.postMessage", 1, 15_000);
  const text = allText(answer!.args);
  expect(text).toContain("Kristi Noem");
  // "Who" asks for a name: the message leads with it in bold, the article's words; the notification too.
  expect(blocksOf(answer!)[0]).toMatchObject({ type: "rich_text", elements: [{ elements: [{ type: "text", text: "Secretary of Homeland Security Kristi Noem", style: { bold: true } }] }] });
  expect(answer!.args.text).toMatch(/^Secretary of Homeland Security Kristi Noem — /);
  expect(text).toMatch(/— ¶\d+ · _[^_]+_/);
  expect(text).toContain("Answered offline (extractive)");
  // Every blockquote is a verbatim slice of the document.
  const doc = engine.documents()[0]!;
  const source = engine.documentText(doc.id) ?? "";
  const quoted = text.split("\n").filter((l) => l.startsWith("> ")).map((l) => l.slice(2));
  expect(quoted.length).toBeGreaterThan(0);
  for (const q of quoted) expect(source).toContain(q);

  const followUp = mentionEvent("and when?", { thread_ts: first.event.ts, ts: "1730077777.000100" });
  await postSigned(eventsUrl, JSON.stringify(followUp));
  const posts = await api.waitForCalls("chat.postMessage", 2, 15_000);
  expect(posts[1]?.args.thread_ts).toBe(first.event.ts);
  expect(allText(posts[1]!.args)).toContain("March 26, 2025");
  // Under the line naming the completed question, "and when?" is answered with its date first.
  const [answering, lead] = blocksOf(posts[1]!);
  expect(answering).toMatchObject({ type: "rich_text", elements: [{ elements: [{ type: "text", style: { italic: true } }] }] });
  expect(lead).toMatchObject({ type: "rich_text", elements: [{ elements: [{ type: "text", text: "March 26, 2025", style: { bold: true } }] }] });
}, 30_000);

test("a DM with words someone remembers finds the passage, speaker and paragraph", async () => {
  await postSigned(eventsUrl, JSON.stringify(dmEvent("hunt you down")));
  const posts = await api.waitForCalls("chat.postMessage", 3, 15_000);
  const text = allText(posts[2]!.args);
  expect(text).toContain("> If you come to our country and break our laws, we will hunt you down, and lock you up.");
  expect(text).toContain("— *Tricia McLaughlin* · ¶3");
}, 30_000);
