/**
 * Message shortcuts end to end over signed HTTP: *Find in the article* (private passages with a
 * Share button, or that the article has nothing like the message) and *Ask article-bot* (the
 * message answered as a question in its thread).
 */
import { allText, blocksOf, feedbackButtons } from "../helpers/slackFakeApi";
import { HUNT_QUOTE } from "../helpers/slackFakeEngine";
import { Harness, uniqueId } from "../helpers/slackHarness";

let h: Harness;
beforeAll(async () => {
  h = await new Harness().start();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.api.reset();
  h.engine.calls.length = 0;
});

/** A message_action payload, shaped like Slack's, for a message by someone else in #general. */
function shortcut(callbackId: string, text: string, responseId: string, message: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "message_action",
    token: "legacy-verification-token",
    action_ts: "1730003000.000001",
    team: { id: "T0TEAM", domain: "fake" },
    user: { id: "U0HUMAN1", username: "alice", name: "alice", team_id: "T0TEAM" },
    channel: { id: "C0GENERAL", name: "general" },
    is_enterprise_install: false,
    callback_id: callbackId,
    trigger_id: "123.456.abc",
    response_url: h.api.responseUrl(responseId),
    message_ts: "1730002900.000100",
    message: { type: "message", user: "U0HUMAN2", ts: "1730002900.000100", text, ...message },
  };
}

const responsesTo = (id: string) => h.api.callsOf("response_url").filter((c) => c.path.endsWith(id));

describe("Find in the article", () => {
  test("a message with nothing like it in the article: said privately, nothing posted, nothing to share", async () => {
    const id = uniqueId("find");
    const res = await h.postAction(shortcut("find_in_article", "The moon is made of green cheese, <@U0HUMAN3> told me", id));
    expect(res.status).toBe(200);
    const [reply] = await h.api.waitFor(() => (responsesTo(id).length > 0 ? responsesTo(id) : undefined));
    await h.drain();
    expect(reply!.args.response_type).toBe("ephemeral");
    expect(allText(reply!.args)).toContain("The article has nothing like this message");
    expect(blocksOf(reply!).some((b) => b.type === "actions")).toBe(false);
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(0);
    // The message's Slack markup was decoded before the search, and only once.
    expect(h.engine.calls).toEqual([{ op: "findQuotes", query: "The moon is made of green cheese, @U0HUMAN3 told me", options: { limit: 5 } }]);
  });

  test("a message the article speaks to: the closest verbatim passages, privately, with a Share button", async () => {
    const id = uniqueId("find");
    await h.postAction(shortcut("find_in_article", "DHS said they will hunt people down & lock them up", id));
    const [reply] = await h.api.waitFor(() => (responsesTo(id).length > 0 ? responsesTo(id) : undefined));
    const text = allText(reply!.args);
    expect(text).toContain("What the article says closest to this message, word for word");
    expect(text).toContain(`> ${HUNT_QUOTE}`);
    expect(text).toContain(":mag: checking: DHS said they will hunt people down & lock them up");
    expect(JSON.stringify(blocksOf(reply!))).toContain("share_result");
  });

  test("a message without text is answered with a short private notice", async () => {
    const id = uniqueId("find");
    await h.postAction(shortcut("find_in_article", "", id));
    const [reply] = await h.api.waitFor(() => (responsesTo(id).length > 0 ? responsesTo(id) : undefined));
    expect(allText(reply!.args)).toContain("no text");
    expect(h.engine.calls).toHaveLength(0);
  });
});

describe("Ask article-bot", () => {
  test("answers the message as a question in its thread, with the feedback buttons", async () => {
    const id = uniqueId("ask");
    await h.postAction(shortcut("ask_article_bot", "Who is visiting El Salvador?", id));
    const [post] = await h.api.waitForCalls("chat.postMessage");
    expect(post?.args).toEqual(expect.objectContaining({ channel: "C0GENERAL", thread_ts: "1730002900.000100", parse: "none" }));
    expect(allText(post!.args)).toContain("Kristi Noem is visiting");
    expect(feedbackButtons(post!)).toBeDefined();
    expect(h.engine.asks()[0]).toEqual({ op: "ask", question: "Who is visiting El Salvador?", history: [] });
  });

  test("a message inside a thread is answered in that thread, with its earlier questions", async () => {
    await h.postAction(shortcut("ask_article_bot", "Who is visiting El Salvador?", uniqueId("ask"), { ts: "1730002950.000100", thread_ts: "1730002940.000100" }));
    await h.api.waitForCalls("chat.postMessage");
    await h.postAction(shortcut("ask_article_bot", "and when?", uniqueId("ask"), { ts: "1730002960.000100", thread_ts: "1730002940.000100" }));
    const posts = await h.api.waitForCalls("chat.postMessage", 2);
    expect(posts.map((p) => p.args.thread_ts)).toEqual(["1730002940.000100", "1730002940.000100"]);
    expect(h.engine.asks()[1]?.history).toEqual(["Who is visiting El Salvador?"]);
  });

  test("where the bot may not post, the person is told privately to invite it", async () => {
    h.api.failNext("chat.postMessage", { kind: "error", error: "not_in_channel" });
    const id = uniqueId("ask");
    await h.postAction(shortcut("ask_article_bot", "Who is visiting?", id));
    const [reply] = await h.api.waitFor(() => (responsesTo(id).length > 0 ? responsesTo(id) : undefined));
    expect(reply!.args.response_type).toBe("ephemeral");
    expect(allText(reply!.args)).toContain("Invite me first");
    expect(h.api.callsOf("chat.postEphemeral")).toHaveLength(0);
  });
});
