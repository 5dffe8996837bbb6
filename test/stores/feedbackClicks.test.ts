/**
 * Feedback through the real Bolt app (signed HTTP, fake Web API): clicking 👍 five times, or five
 * times at once, counts one vote; switching to 👎 replaces it; the counts shown come from the
 * store, not from the (possibly stale) message that was clicked; and with PostgreSQL down the
 * person who clicked is told the vote was not saved.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type PostgresServer, startPostgres } from "../../scripts/services";
import { silentLogger } from "../../src/log";
import { VOTE_NOT_SAVED } from "../../src/slack/interactions/feedback";
import { PgFeedbackStore } from "../../src/slack/stores/pg";
import { PgDatabase } from "../../src/slack/stores/pgDatabase";
import { type RecordedCall, allText, blocksOf } from "../helpers/slackFakeApi";
import { Harness, mentionEvent, uniqueId } from "../helpers/slackHarness";
import { fixture } from "../helpers/slackSigning";

let h: Harness;
beforeAll(async () => {
  h = await new Harness().start();
});
afterAll(async () => {
  await h.close();
});

const settle = (ms = 200): Promise<void> => new Promise((r) => setTimeout(r, ms));

function buttonValue(call: RecordedCall, actionId: string): string {
  for (const block of blocksOf(call)) {
    for (const element of (block.elements ?? []) as { action_id?: string; value?: string }[]) {
      if (element.action_id === actionId && element.value !== undefined) return element.value;
    }
  }
  throw new Error(`no ${actionId} button`);
}

function click(actionId: "feedback_up" | "feedback_down", value: string, message: Record<string, unknown>, user = "U0HUMAN1", responseId = uniqueId("act")) {
  const base = fixture<Record<string, unknown>>("block_actions.payload.json");
  return {
    ...base,
    user: { id: user, username: user, name: user, team_id: "T0TEAM" },
    container: { type: "message", message_ts: message.ts, channel_id: "C0GENERAL", is_ephemeral: false },
    message,
    response_url: h.api.responseUrl(responseId),
    actions: [{ action_id: actionId, block_id: "feedback:0:0", text: { type: "plain_text", text: "x" }, value, type: "button", action_ts: "1730000400.1" }],
  };
}

const lines = (): string[] => readFileSync(path.join(h.dataDir, "feedback.jsonl"), "utf8").trim().split("\n");

test("one person cannot stuff the counts; a changed vote replaces the old one; counts come from the store", async () => {
  await h.postEvent(mentionEvent("who is visiting El Salvador?"));
  const [answer] = await h.api.waitForCalls("chat.postMessage");
  const message = { type: "message", ts: "1730009000.000001", text: answer!.args.text, blocks: blocksOf(answer!), bot_id: "B0BOT" };
  const up = buttonValue(answer!, "feedback_up");

  for (let i = 0; i < 3; i++) expect((await h.postAction(click("feedback_up", up, message))).status).toBe(200);
  await Promise.all(Array.from({ length: 5 }, () => h.postAction(click("feedback_up", up, message))));
  await h.api.waitForCalls("chat.update");
  await settle();
  expect(h.api.callsOf("chat.update")).toHaveLength(1);
  expect(allText(h.api.callsOf("chat.update")[0]!.args)).toContain(":thumbsup: 1 · :thumbsdown: 0");
  expect(lines()).toHaveLength(1);

  await h.postAction(click("feedback_down", buttonValue(answer!, "feedback_down"), message));
  const updates = await h.api.waitForCalls("chat.update", 2);
  expect(allText(updates[1]!.args)).toContain(":thumbsup: 0 · :thumbsdown: 1");
  expect(lines().map((l) => (JSON.parse(l) as { vote: string }).vote)).toEqual(["up", "down"]);

  // A second person clicks on the original message, whose blocks still say 0 · 0: the store knows better.
  await h.postAction(click("feedback_up", up, message, "U0HUMAN2"));
  const third = await h.api.waitForCalls("chat.update", 3);
  expect(allText(third[2]!.args)).toContain(":thumbsup: 1 · :thumbsdown: 1");
});

test("PostgreSQL down: the vote is retried, then the person who clicked is told privately that it was not saved", async () => {
  const pg: PostgresServer = await startPostgres();
  const db = await PgDatabase.open(pg.url, silentLogger);
  const withPg = await new Harness({ stores: { feedback: new PgFeedbackStore(db, silentLogger, { attempts: 2, firstDelayMs: 50 }) } }).start();
  try {
    await withPg.postEvent(mentionEvent("who is visiting El Salvador?"));
    const [answer] = await withPg.api.waitForCalls("chat.postMessage");
    const message = { type: "message", ts: "1730009100.000001", text: answer!.args.text, blocks: blocksOf(answer!), bot_id: "B0BOT" };
    await pg.stop();
    const responseId = uniqueId("down");
    const payload = click("feedback_up", buttonValue(answer!, "feedback_up"), message, "U0HUMAN1", responseId);
    // The click's response_url points at this harness's fake Slack.
    payload.response_url = withPg.api.responseUrl(responseId);
    expect((await withPg.postAction(payload)).status).toBe(200);
    const notice = await withPg.api.waitFor(() => withPg.api.callsOf("response_url").find((c) => c.path.endsWith(responseId)));
    expect(notice.args).toEqual(expect.objectContaining({ response_type: "ephemeral", text: VOTE_NOT_SAVED }));
    expect(withPg.api.callsOf("chat.update")).toHaveLength(0);
    expect(withPg.logs.some((l) => l.level === 50 && l.msg === "feedback could not be saved")).toBe(true);
  } finally {
    await withPg.close();
    await db.close();
    await pg.close();
  }
});
