/**
 * Socket Mode against a local WebSocket server: apps.connections.open with the xapp- token,
 * `hello`, an events_api envelope (acked, answered), its retry (acked, not answered twice), a slash
 * command envelope, and a clean shutdown that waits for the socket to close.
 */
import { memoryStores } from "../../src/slack/stores";
import { createSlackApp, type SlackAppHandle } from "../../src/slack/app";
import { FakeSlackApi, allText } from "../helpers/slackFakeApi";
import { FakeEngine } from "../helpers/slackFakeEngine";
import { FakeSocketModeServer } from "../helpers/slackFakeSocket";
import { memoryLogger, uniqueId } from "../helpers/slackHarness";
import { fixtureLines } from "../helpers/slackSigning";

const api = new FakeSlackApi();
const socket = new FakeSocketModeServer();
const engine = new FakeEngine();
const { logger } = memoryLogger();
let handle: SlackAppHandle;

beforeAll(async () => {
  await api.start();
  await socket.start();
  api.socketUrl = socket.url;
  const config = { botToken: "xoxb-test-token", appToken: "xapp-1-A0APP-test", apiUrl: api.apiUrl, command: "/article", rateLimitPerMinute: 100, port: 0, responseUrlHosts: ["127.0.0.1"] };
  handle = createSlackApp({
    engine,
    config,
    stores: memoryStores({ dataDir: "/nonexistent-not-written", rateLimitPerMinute: config.rateLimitPerMinute }),
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
  });
});

afterAll(async () => {
  await handle.stop();
  await socket.waitForClientClose();
  await socket.close();
  await api.close();
});

const [, eventFrame, commandFrame] = fixtureLines("socket_mode.frames.jsonl") as [
  unknown,
  { envelope_id: string; payload: Record<string, unknown> & { event: Record<string, unknown> } },
  { envelope_id: string; payload: Record<string, unknown> },
];

test("start: auth.test with the bot token, apps.connections.open with the app token, then hello", async () => {
  const info = await handle.start();
  expect(info).toEqual({ mode: "socket" });
  expect(handle.mode).toBe("socket");
  expect(api.callsOf("auth.test")[0]?.headers.authorization).toBe("Bearer xoxb-test-token");
  expect(api.callsOf("apps.connections.open")[0]?.headers.authorization).toBe("Bearer xapp-1-A0APP-test");
  expect(socket.connected).toBe(true);
});

test("an events_api envelope is acked and the mention answered in its thread; its retry is acked but not answered again", async () => {
  const eventId = uniqueId("EvS");
  const envelope = { ...eventFrame, envelope_id: uniqueId("env"), payload: { ...eventFrame.payload, event_id: eventId } };
  socket.send(envelope);
  const ack = await socket.waitForMessage((m) => m.envelope_id === envelope.envelope_id);
  expect(ack).toEqual(expect.objectContaining({ envelope_id: envelope.envelope_id }));
  const [post] = await api.waitForCalls("chat.postMessage");
  expect(post?.args.thread_ts).toBe(eventFrame.payload.event.ts);
  expect(allText(post!.args)).toContain("Kristi Noem is visiting");

  const retry = { ...envelope, envelope_id: uniqueId("env"), retry_attempt: 1, retry_reason: "timeout" };
  socket.send(retry);
  await socket.waitForMessage((m) => m.envelope_id === retry.envelope_id);
  await new Promise((r) => setTimeout(r, 200));
  expect(api.callsOf("chat.postMessage")).toHaveLength(1);
  expect(engine.asks()).toHaveLength(1);
});

test("a slash_commands envelope is acked and answered through response_url", async () => {
  const id = uniqueId("sock");
  const envelope = {
    ...commandFrame,
    envelope_id: uniqueId("env"),
    payload: { ...commandFrame.payload, command: "/article", text: "quote hunt you down", response_url: api.responseUrl(id) },
  };
  socket.send(envelope);
  await socket.waitForMessage((m) => m.envelope_id === envelope.envelope_id);
  const reply = await api.waitFor(() => api.callsOf("response_url").find((c) => c.path.endsWith(id)));
  expect(allText(reply.args)).toContain("we will hunt you down");
  expect(reply.args.response_type).toBe("ephemeral");
});
