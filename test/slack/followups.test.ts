/**
 * Follow-ups without a re-mention (SLACK_THREAD_FOLLOWUPS=true), end to end over signed HTTP: a
 * question-shaped reply in a thread the bot answered in is answered there with the thread's
 * history; chatter, other threads and replies that mention the bot get nothing extra; and with
 * the setting off (the default) thread replies are never read.
 */
import { FAKE_IDS, allText } from "../helpers/slackFakeApi";
import { Harness, dmEvent, mentionEvent } from "../helpers/slackHarness";

/** A message.channels event: a reply in #general's thread `threadTs`. */
function threadReply(text: string, threadTs: string, ts: string): Record<string, unknown> {
  const base = dmEvent(text);
  return { ...base, event: { ...base.event, channel: "C0GENERAL", channel_type: "channel", thread_ts: threadTs, ts, event_ts: ts } };
}

describe("with SLACK_THREAD_FOLLOWUPS=true", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await new Harness({ threadFollowups: true }).start();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.api.reset();
    h.engine.calls.length = 0;
  });

  test("a question in the bot's thread is a follow-up; thanks and chatter are not", async () => {
    const mention = mentionEvent("who is visiting El Salvador?");
    await h.postEvent(mention);
    await h.api.waitForCalls("chat.postMessage", 1);
    await h.postEvent(threadReply("thanks, that helps", mention.event.ts as string, "1730004000.000100"));
    await h.postEvent(threadReply("and when?", mention.event.ts as string, "1730004000.000200"));
    const posts = await h.api.waitForCalls("chat.postMessage", 2);
    await h.drain();
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(2);
    expect(posts[1]?.args.thread_ts).toBe(mention.event.ts);
    expect(h.engine.asks().map((a) => [a.question, a.history])).toEqual([
      ["who is visiting El Salvador?", []],
      ["and when?", ["who is visiting El Salvador?"]],
    ]);
    expect(allText(posts[1]!.args)).toContain("_Answering: and when (about: who is visiting El Salvador?)_");
  });

  test("a thread the bot never answered in is not read, and a reply that mentions the bot is answered once", async () => {
    await h.postEvent(threadReply("who is visiting?", "1730004100.000100", "1730004100.000200"));
    await h.drain();
    expect(h.engine.calls).toHaveLength(0);

    const mention = mentionEvent("who is visiting El Salvador?");
    await h.postEvent(mention);
    await h.api.waitForCalls("chat.postMessage", 1);
    const ts = "1730004200.000300";
    const text = `<@${FAKE_IDS.botUserId}> and when?`;
    await h.postEvent(mentionEvent("and when?", { thread_ts: mention.event.ts, ts, event_ts: ts, text }));
    await h.postEvent(threadReply(text, mention.event.ts as string, ts));
    await h.api.waitForCalls("chat.postMessage", 2);
    await h.drain();
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(2);
  });
});

describe("with SLACK_THREAD_FOLLOWUPS off (the default)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await new Harness().start();
  });
  afterAll(async () => {
    await h.close();
  });

  test("a question-shaped reply without a mention is ignored, even in the bot's thread", async () => {
    const mention = mentionEvent("who is visiting El Salvador?");
    await h.postEvent(mention);
    await h.api.waitForCalls("chat.postMessage", 1);
    await h.postEvent(threadReply("and when?", mention.event.ts as string, "1730004300.000100"));
    await h.drain();
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(1);
    expect(h.engine.asks()).toHaveLength(1);
  });
});
