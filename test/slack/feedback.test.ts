/**
 * Native feedback end to end (signed HTTP, the real Bolt app, the fake Web API): answers end with
 * Slack's feedback buttons; a first vote is recorded and shown with the store's counts, a second
 * click on the other button changes that vote, the same click again changes nothing and sends nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type RecordedCall, allText, blocksOf, feedbackButtons } from "../helpers/slackFakeApi";
import { Harness, feedbackClick, mentionEvent } from "../helpers/slackHarness";
import { fixture } from "../helpers/slackSigning";

let h: Harness;
beforeAll(async () => {
  h = await new Harness().start();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.api.reset());

const records = (): Record<string, unknown>[] =>
  readFileSync(path.join(h.dataDir, "feedback.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function answered(question: string, ts: string): Promise<{ post: RecordedCall; message: Record<string, unknown> & { ts: string } }> {
  await h.postEvent(mentionEvent(question));
  const [post] = await h.api.waitForCalls("chat.postMessage");
  return { post: post!, message: { type: "message", ts, text: post!.args.text, blocks: blocksOf(post!), bot_id: "B0BOT" } };
}

test("an answer ends with a context_actions block holding Slack's feedback buttons", async () => {
  const { post } = await answered("who is visiting El Salvador?", "1730002000.000001");
  const blocks = blocksOf(post);
  expect(blocks.at(-1)?.type).toBe("context_actions");
  const buttons = feedbackButtons(post)!;
  expect(JSON.parse(buttons.up)).toEqual(expect.objectContaining({ vote: "up", kind: "ask", input: "who is visiting El Salvador?" }));
  expect(JSON.parse(buttons.down)).toEqual(expect.objectContaining({ vote: "down" }));
  // No custom 👍/👎 buttons any more.
  expect(blocks.some((b) => b.type === "actions")).toBe(false);
});

test("new vote, changed vote, repeated vote: one vote per person, counts from the store", async () => {
  const { post, message } = await answered("who is visiting El Salvador?", "1730002000.000002");
  const buttons = feedbackButtons(post)!;

  // A new vote: recorded, and the message shows the store's counts under the buttons, which stay.
  expect((await h.postAction(feedbackClick(h, { value: buttons.up, blockId: buttons.blockId, message }))).status).toBe(200);
  const [first] = await h.api.waitForCalls("chat.update");
  expect(first?.args).toEqual(expect.objectContaining({ channel: "C0GENERAL", ts: message.ts, parse: "none" }));
  expect(allText(first!.args)).toContain("Thanks <@U0HUMAN1>, feedback counted · :thumbsup: 1 · :thumbsdown: 0");
  expect(allText(first!.args)).toContain("Kristi Noem is visiting");
  const updated = feedbackButtons(first!)!;
  expect(updated.blockId).not.toBe(buttons.blockId);
  expect(records().at(-1)).toEqual(
    expect.objectContaining({ vote: "up", user: "U0HUMAN1", channel: "C0GENERAL", messageTs: message.ts, kind: "ask", mode: "extractive" }),
  );

  // The same person clicks 👎: the vote changes, the counts say so.
  const after = { ...message, blocks: blocksOf(first!) };
  await h.postAction(feedbackClick(h, { value: updated.down, blockId: updated.blockId, message: after }));
  const updates = await h.api.waitForCalls("chat.update", 2);
  expect(allText(updates[1]!.args)).toContain("Thanks <@U0HUMAN1>, vote changed · :thumbsup: 0 · :thumbsdown: 1");
  expect(blocksOf(updates[1]!).filter((b) => b.block_id === "feedback_counted")).toHaveLength(1);

  // The same 👎 again, twice at once: nothing changes, nothing is sent, nothing more is written.
  const written = records().length;
  await Promise.all([1, 2].map(() => h.postAction(feedbackClick(h, { value: updated.down, blockId: updated.blockId, message: after }))));
  await h.drain();
  expect(h.api.callsOf("chat.update")).toHaveLength(2);
  expect(records()).toHaveLength(written);

  // Someone else votes 👍 on the stale copy of the message: the store's counts, not the message's, are shown.
  await h.postAction(feedbackClick(h, { value: buttons.up, blockId: buttons.blockId, message, user: "U0HUMAN2" }));
  const third = await h.api.waitForCalls("chat.update", 3);
  expect(allText(third[2]!.args)).toContain("Thanks <@U0HUMAN2>, feedback counted · :thumbsup: 1 · :thumbsdown: 1");
});

test("the legacy 👍 button of an older message still counts, and turns into native buttons", async () => {
  const base = fixture<Record<string, unknown>>("block_actions.payload.json");
  const value = JSON.stringify({ kind: "ask", input: "an old question", mode: "extractive" });
  const message = {
    type: "message",
    ts: "1730002000.000003",
    text: "old answer",
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: "old answer" } },
      { type: "actions", block_id: "feedback:0:0", elements: [{ type: "button", action_id: "feedback_up", value, text: { type: "plain_text", text: "x" } }] },
    ],
  };
  await h.postAction({
    ...base,
    container: { type: "message", message_ts: message.ts, channel_id: "C0GENERAL", is_ephemeral: false },
    message,
    response_url: h.api.responseUrl("legacy"),
    actions: [{ type: "button", action_id: "feedback_up", block_id: "feedback:0:0", value, text: { type: "plain_text", text: "x" }, action_ts: "1.1" }],
  });
  const [update] = await h.api.waitForCalls("chat.update");
  expect(allText(update!.args)).toContain(":thumbsup: 1 · :thumbsdown: 0");
  expect(blocksOf(update!).some((b) => b.type === "actions")).toBe(false);
  expect(feedbackButtons(update!)).toBeDefined();
  expect(records().at(-1)).toEqual(expect.objectContaining({ vote: "up", input: "an old question", messageTs: message.ts }));
});

test("an unreadable feedback value is acked and ignored", async () => {
  const res = await h.postAction(feedbackClick(h, { value: "not json", blockId: "feedback:0:0", message: { type: "message", ts: "1730002000.000004" } }));
  expect(res.status).toBe(200);
  await h.drain();
  expect(h.api.callsOf("chat.update")).toHaveLength(0);
  expect(h.logs.some((l) => l.msg === "feedback click with an unreadable value")).toBe(true);
});
