/**
 * The slash command (every subcommand), answered privately through response_url, and the
 * Share in channel button (feedback: feedback.test.ts).
 */
import { type RecordedCall, allText, blocksOf, feedbackButtons } from "../helpers/slackFakeApi";
import { FAKE_DOC_TITLE, HUNT_QUOTE, VISIT_QUOTE } from "../helpers/slackFakeEngine";
import { Harness, uniqueId } from "../helpers/slackHarness";
import { fixture } from "../helpers/slackSigning";

let h: Harness;

beforeAll(async () => {
  h = await new Harness({ progressDelayMs: 100 }).start();
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.api.reset();
  h.engine.calls.length = 0;
  h.engine.delayMs = 0;
});


/** Runs a slash command; returns the HTTP ack and the response_url posts it produced. */
async function slash(text: string, posts = 1): Promise<{ status: number; ackBody: string; responses: RecordedCall[] }> {
  const id = uniqueId("resp");
  const res = await h.postCommand(h.command(text, id));
  const responses = await h.api.waitFor(() => {
    const mine = h.api.callsOf("response_url").filter((c) => c.path.endsWith(id));
    return mine.length >= posts ? mine : undefined;
  });
  return { status: res.status, ackBody: res.body, responses };
}

function button(call: RecordedCall, actionId: string): { action_id: string; value: string } | undefined {
  for (const block of blocksOf(call)) {
    for (const element of (block.elements ?? []) as { action_id?: string; value?: string }[]) {
      if (element.action_id === actionId && element.value !== undefined) return { action_id: actionId, value: element.value };
    }
  }
  return undefined;
}

function blockAction(overrides: {
  actionId: string;
  value: string;
  blockId?: string;
  user?: string;
  message?: Record<string, unknown>;
  ephemeral?: boolean;
  responseId?: string;
}): Record<string, unknown> {
  const base = fixture<Record<string, unknown>>("block_actions.payload.json");
  const ephemeral = overrides.ephemeral ?? false;
  return {
    ...base,
    user: { id: overrides.user ?? "U0HUMAN1", username: "alice", name: "alice", team_id: "T0TEAM" },
    container: {
      type: "message",
      message_ts: (overrides.message?.ts as string | undefined) ?? "1730000001.000001",
      channel_id: "C0GENERAL",
      is_ephemeral: ephemeral,
    },
    ...(ephemeral ? { message: undefined } : { message: overrides.message }),
    response_url: h.api.responseUrl(overrides.responseId ?? uniqueId("act")),
    actions: [
      {
        action_id: overrides.actionId,
        block_id: overrides.blockId ?? "share",
        text: { type: "plain_text", text: "x", emoji: true },
        value: overrides.value,
        type: "button",
        action_ts: "1730000400.123456",
      },
    ],
  };
}

describe("/article subcommands", () => {
  test("summary [topic] [short|long]: acked at once, answered privately with bullets, quotes and a Share button", async () => {
    const { status, ackBody, responses } = await slash("summary visit short");
    expect(status).toBe(200);
    expect(ackBody).toBe("");
    expect(h.engine.calls[0]).toEqual({ op: "summarize", options: { topic: "visit", length: "short" } });
    const reply = responses[0]!;
    expect(reply.args.response_type).toBe("ephemeral");
    expect(reply.headers["content-type"]).toContain("application/json");
    const text = allText(reply.args);
    expect(text).toContain("Summary: visit");
    expect(text).toContain("• Noem visits the Terrorism Confinement Center on March 26, 2025.");
    expect(text).toContain(`> ${HUNT_QUOTE}`);
    expect(text).toContain(`From _${FAKE_DOC_TITLE}_ (DHS, 2025-03-26)`);
    expect(text).toContain("offline (extractive) · short");
    expect(button(reply, "share_result")).toBeDefined();
    expect(blocksOf(reply).some((b) => b.type === "context_actions")).toBe(false);
  });

  test("summary with no topic, and with a topic the article does not cover", async () => {
    await slash("summary");
    expect(h.engine.calls[0]).toEqual({ op: "summarize", options: {} });
    const { responses } = await slash("summary unicorns long");
    expect(h.engine.calls[1]).toEqual({ op: "summarize", options: { topic: "unicorns", length: "long" } });
    expect(allText(responses[0]!.args)).toContain("I found nothing about “unicorns” in the article.");
  });

  test("ask <question>: an answer with the question repeated above it", async () => {
    const { responses } = await slash("ask who is visiting El Salvador?");
    expect(h.engine.asks()[0]).toEqual({ op: "ask", question: "who is visiting El Salvador?", history: [] });
    const text = allText(responses[0]!.args);
    expect(text).toContain(":speech_balloon: who is visiting El Salvador?");
    expect(text).toContain("Kristi Noem is visiting");
    expect(text).toContain(`> ${VISIT_QUOTE}`);
  });

  test("quote <words>: verbatim passages, and a clear reply when none match", async () => {
    const { responses } = await slash("quote hunt you down");
    expect(allText(responses[0]!.args)).toContain(`> ${HUNT_QUOTE}`);
    const none = await slash("quote zzzz qqqq");
    expect(allText(none.responses[0]!.args)).toContain("No passage in the article matches “zzzz qqqq”");
  });

  test.each([
    ["help", "I answer questions about the articles"],
    ["", "I answer questions about the articles"],
    ["frobnicate the thing", "I don't know “frobnicate”"],
    ["ask", "Tell me the question too"],
    ["quote", "Tell me the words you remember too"],
  ])("help for %p", async (input, expected) => {
    const { responses } = await slash(input);
    const text = allText(responses[0]!.args);
    expect(text).toContain(expected);
    expect(text).toContain("/article summary [topic] [short|long]");
    expect(h.engine.calls).toHaveLength(0);
  });

  test("a slow answer is acked at once, shows Thinking…, then replaces it", async () => {
    h.engine.delayMs = 600;
    const id = uniqueId("slow");
    const started = Date.now();
    const res = await h.postCommand(h.command("ask who is visiting?", id));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    const posts = await h.api.waitFor(() => {
      const mine = h.api.callsOf("response_url").filter((c) => c.path.endsWith(id));
      return mine.length >= 2 ? mine : undefined;
    });
    expect(posts[0]?.args.text).toContain("Thinking…");
    expect(posts[1]?.args.replace_original).toBe(true);
    expect(allText(posts[1]!.args)).toContain("Kristi Noem is visiting");
  });
});

describe("Share in channel", () => {
  test("posts the same result visibly in the channel and removes the private copy", async () => {
    const { responses } = await slash("ask who is visiting El Salvador?");
    const share = button(responses[0]!, "share_result")!;
    const responseId = uniqueId("share");
    expect((await h.postAction(blockAction({ actionId: share.action_id, value: share.value, ephemeral: true, responseId }))).status).toBe(200);
    const [post] = await h.api.waitForCalls("chat.postMessage");
    expect(post?.args.channel).toBe("C0GENERAL");
    expect(post?.args.parse).toBe("none");
    const text = allText(post!.args);
    expect(text).toContain("<@U0HUMAN1> shared · :speech_balloon: who is visiting El Salvador?");
    expect(text).toContain("Kristi Noem is visiting");
    expect(feedbackButtons(post!)).toBeDefined();
    expect(button(post!, "share_result")).toBeUndefined();
    const removed = await h.api.waitFor(() => h.api.callsOf("response_url").find((c) => c.path.endsWith(responseId)));
    expect(removed.args).toEqual({ delete_original: true });
    // The stored result was used: the engine ran once, for the slash command.
    expect(h.engine.asks()).toHaveLength(1);
  });

  test("after a restart (unknown id) the request is run again", async () => {
    const value = JSON.stringify({ id: "gone", job: { kind: "quote", query: "hunt you down" } });
    await h.postAction(blockAction({ actionId: "share_result", value, ephemeral: true }));
    const [post] = await h.api.waitForCalls("chat.postMessage");
    expect(allText(post!.args)).toContain(`> ${HUNT_QUOTE}`);
    expect(h.engine.calls).toEqual([{ op: "findQuotes", query: "hunt you down", options: { limit: 5 } }]);
  });

  test("where the bot cannot post, the person is told how to fix it", async () => {
    h.api.failNext("chat.postMessage", { kind: "error", error: "not_in_channel" });
    const value = JSON.stringify({ id: "gone", job: { kind: "ask", question: "who?" } });
    const responseId = uniqueId("share");
    await h.postAction(blockAction({ actionId: "share_result", value, ephemeral: true, responseId }));
    const notice = await h.api.waitFor(() => h.api.callsOf("response_url").find((c) => c.path.endsWith(responseId)));
    expect(notice.args.text).toContain("Invite me first");
    expect(notice.args.response_type).toBe("ephemeral");
  });
});
