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
import { type RecordedCall, allText, blocksOf, feedbackButtons } from "../helpers/slackFakeApi";
import { Harness, feedbackClick, mentionEvent, uniqueId } from "../helpers/slackHarness";

let h: Harness;
beforeAll(async () => {
  h = await new Harness().start();
});
afterAll(async () => {
  await h.close();
});

/** The native feedback buttons' values: Slack sends the clicked one's value as the action's value. */
function buttonValue(call: RecordedCall, vote: "up" | "down"): string {
  const buttons = feedbackButtons(call);
  if (buttons === undefined) throw new Error("no feedback buttons");
  return vote === "up" ? buttons.up : buttons.down;
}

function click(vote: "up" | "down", value: string, message: Record<string, unknown> & { ts: string }, user = "U0HUMAN1", responseId = uniqueId("act")) {
  if ((JSON.parse(value) as { vote?: string }).vote !== vote) throw new Error(`not the ${vote} button's value`);
  return { ...feedbackClick(h, { value, blockId: "feedback:0:0", message, user }), response_url: h.api.responseUrl(responseId) };
}

const lines = (): string[] => readFileSync(path.join(h.dataDir, "feedback.jsonl"), "utf8").trim().split("\n");

test("one person cannot stuff the counts; a changed vote replaces the old one; counts come from the store", async () => {
  await h.postEvent(mentionEvent("who is visiting El Salvador?"));
  const [answer] = await h.api.waitForCalls("chat.postMessage");
  const message = { type: "message", ts: "1730009000.000001", text: answer!.args.text, blocks: blocksOf(answer!), bot_id: "B0BOT" };
  const up = buttonValue(answer!, "up");

  for (let i = 0; i < 3; i++) expect((await h.postAction(click("up", up, message))).status).toBe(200);
  await Promise.all(Array.from({ length: 5 }, () => h.postAction(click("up", up, message))));
  await h.api.waitForCalls("chat.update");
  await h.drain();
  expect(h.api.callsOf("chat.update")).toHaveLength(1);
  expect(allText(h.api.callsOf("chat.update")[0]!.args)).toContain(":thumbsup: 1 · :thumbsdown: 0");
  expect(lines()).toHaveLength(1);

  await h.postAction(click("down", buttonValue(answer!, "down"), message));
  const updates = await h.api.waitForCalls("chat.update", 2);
  expect(allText(updates[1]!.args)).toContain(":thumbsup: 0 · :thumbsdown: 1");
  expect(lines().map((l) => (JSON.parse(l) as { vote: string }).vote)).toEqual(["up", "down"]);

  // A second person clicks on the original message, whose blocks still say 0 · 0: the store knows better.
  await h.postAction(click("up", up, message, "U0HUMAN2"));
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
    const payload = click("up", buttonValue(answer!, "up"), message, "U0HUMAN1", responseId);
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
