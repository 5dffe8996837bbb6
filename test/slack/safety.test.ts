/**
 * Reliability and safety, end to end over HTTP: no pings from user/article/model text, Slack's
 * size limits, the per-user rate limit, engine failures, Web API failures (ok:false, 429, 5xx),
 * and the progress indicator.
 */
import { allText, blocksOf, richText } from "../helpers/slackFakeApi";
import { Harness, dmEvent, mentionEvent, uniqueId } from "../helpers/slackHarness";
import { type Citation, EngineBusyError } from "../../src/contract";
import { FAKE_DOC_ID } from "../helpers/slackFakeEngine";

let h: Harness;

beforeAll(async () => {
  h = await new Harness({ rateLimitPerMinute: 3, progressDelayMs: 100, maxRateLimitWaitSec: 2 }).start();
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.api.reset();
  h.engine.calls.length = 0;
  h.engine.delayMs = 0;
  h.logs.length = 0;
});

const asUser = (user: string): Record<string, unknown> => ({ user });

describe("no pings", () => {
  test("<!channel>, <!here> and <@U…> in a question, an answer or a quote are never sent as mentions or markup", async () => {
    h.engine.nextAsk = {
      answer: "Model says: <!channel> <!here> <@U0HUMAN2> & <https://evil.example|click here>",
      citations: [{ quote: "They said <!everyone> & left", docId: FAKE_DOC_ID, paragraph: 2, start: 0, end: 28 }],
    };
    await h.postEvent(mentionEvent("what about <!channel> and <!here> and <@U0HUMAN2>?", asUser(uniqueId("U"))));
    const [post] = await h.api.waitForCalls("chat.postMessage");
    // The engine got plain words, not Slack markup.
    expect(h.engine.asks()[0]?.question).toBe("what about @channel and @here and @U0HUMAN2?");
    // The answer and the quote are literal rich text: each is one plain `text` element holding the words as
    // written. Mentions and links would be elements of their own (broadcast, user, link), and none is there.
    const blocks = blocksOf(post!);
    const elements = JSON.stringify(blocks.filter((b) => b.type === "rich_text"));
    expect(elements).toContain(JSON.stringify({ type: "text", text: "Model says: <!channel> <!here> <@U0HUMAN2> & <https://evil.example|click here>" }));
    expect(elements).toContain(JSON.stringify({ type: "text", text: "They said <!everyone> & left" }));
    for (const kind of ["broadcast", "user", "usergroup", "channel"]) expect(elements).not.toContain(`"type":"${kind}"`);
    expect(elements).not.toContain("evil.example\",\"type\":\"link");
    expect(elements.match(/"type":"link"/g) ?? []).toHaveLength(0);
    // Everything that is mrkdwn (our own wording, the question's echo, the notification text) is escaped.
    const mrkdwnText = [post!.args.text, ...blocks.filter((b) => b.type !== "rich_text").map((b) => JSON.stringify(b))].join("\n");
    for (const ping of ["<!channel>", "<!here>", "<!everyone>", "<@U0HUMAN2>", "<https://evil"]) expect(mrkdwnText).not.toContain(ping);
    expect(post!.args.text).toContain("Model says: &lt;!channel&gt; &lt;!here&gt; &lt;@U0HUMAN2&gt; &amp; &lt;https://evil.example|click here&gt;");
    expect(post!.args.parse).toBe("none");
    expect(post!.args.link_names).toBeUndefined();
    // verbatim: Slack must not auto-parse names or links in our text objects.
    for (const block of blocksOf(post!)) if (block.text?.type === "mrkdwn") expect(block.text.verbatim).toBe(true);
  });

  test("the short answer leads the blocks in bold, as written; mentions and mrkdwn markers in it stay words", async () => {
    // Article text as short answers may be: markup, mentions and mrkdwn markers stay words.
    const quote = "Smith <!here> & Jones <@U0HUMAN2> signed it, with *Acme* Co.";
    const citation = { quote, docId: FAKE_DOC_ID, paragraph: 2, start: 0, end: quote.length };
    const cases = [
      { short: "Smith <!here> & Jones", notified: "Smith &lt;!here&gt; &amp; Jones" },
      { short: "<@U0HUMAN2>", notified: "&lt;@U0HUMAN2&gt;" },
      // Literal rich text: the asterisks are characters, the bold is a style, so nothing ends it early.
      { short: "*Acme* Co", notified: "*Acme* Co" },
    ];
    for (const [i, c] of cases.entries()) {
      h.engine.nextAsk = { answer: "Model says so.", citations: [citation], short: { text: c.short, docId: FAKE_DOC_ID, start: quote.indexOf(c.short), end: quote.indexOf(c.short) + c.short.length } };
      await h.postEvent(mentionEvent("who signed it?", asUser(uniqueId("U"))));
      const post = (await h.api.waitForCalls("chat.postMessage", i + 1))[i]!;
      const [first, second] = blocksOf(post);
      expect(first).toEqual({ type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: c.short, style: { bold: true } }] }] });
      expect(JSON.stringify(second)).toContain(JSON.stringify({ type: "text", text: "Model says so." }));
      // Notifications lead with it too, escaped, without mrkdwn.
      expect(post.args.text).toBe(`${c.notified} — Model says so.`);
      for (const ping of ["<!here>", "<@U0HUMAN2>"]) expect(post.args.text).not.toContain(ping);
    }
  });
});

describe("Slack limits", () => {
  test("an oversize answer is split across messages: every section ≤ 3,000 chars, ≤ 50 blocks, fallback text set", async () => {
    const words = Array.from({ length: 2500 }, (_, i) => `w${i}&`);
    const quote = (n: number): Citation => ({
      quote: Array.from({ length: 700 }, (_, i) => `q${n}x${i}`).join(" "),
      docId: FAKE_DOC_ID,
      paragraph: n,
      start: 0,
      end: 10,
    });
    h.engine.nextAsk = { answer: words.join(" "), citations: [quote(1), quote(2), quote(3)] };
    await h.postEvent(mentionEvent("tell me everything", asUser(uniqueId("U"))));
    await h.api.waitForCalls("chat.postMessage", 2);
    await h.drain();
    const posts = h.api.callsOf("chat.postMessage");
    expect(posts.length).toBeGreaterThan(1);
    let all = "";
    posts.forEach((post, i) => {
      const blocks = blocksOf(post);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(blocks).length).toBeLessThan(13_000);
      expect(typeof post.args.text).toBe("string");
      expect((post.args.text as string).length).toBeGreaterThan(0);
      expect((post.args.text as string).length).toBeLessThanOrEqual(3000);
      for (const block of blocks) if (block.text !== undefined) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      // Only the last message carries the mode line and the feedback buttons.
      expect(blocks.some((b) => b.type === "context_actions")).toBe(i === posts.length - 1);
      all += `${allText({ blocks })}\n`;
    });
    // Nothing was lost in the split: every word once, in order, none cut in half.
    const answerWords = all.split(/\s+/).filter((w) => /^w\d+&$/.test(w));
    expect(answerWords).toEqual(words);
    for (const q of ["q1x0", "q2x350", "q3x699"]) expect(all).toContain(q);
    // A quote continued in the next block is still a quote, and every text element is within the limit.
    const quoteBlocks = posts.flatMap((p) => blocksOf(p)).filter((b) => b.type === "rich_text" && JSON.stringify(b).includes("q2x"));
    expect(quoteBlocks.length).toBeGreaterThan(1);
    for (const b of quoteBlocks) expect(richText(b as never).startsWith("> ")).toBe(true);
    const texts = JSON.stringify(posts.map((p) => p.args.blocks)).match(/"text":"[^"]*"/g) ?? [];
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000 + 9);
  });

  test("a summary with more than 50 blocks is spread over several messages", async () => {
    const citation: Citation = { quote: "short quote", docId: FAKE_DOC_ID, paragraph: 1, start: 0, end: 11 };
    h.engine.nextSummary = { bullets: Array.from({ length: 40 }, (_, i) => ({ text: `bullet ${i}`, citations: [citation, citation] })) };
    await h.postEvent(mentionEvent("summary long", asUser(uniqueId("U"))));
    await h.api.waitForCalls("chat.postMessage", 3);
    await h.drain();
    const posts = h.api.callsOf("chat.postMessage");
    for (const post of posts) expect(blocksOf(post).length).toBeLessThanOrEqual(50);
    expect(posts.reduce((n, p) => n + blocksOf(p).length, 0)).toBeGreaterThan(120);
    expect(posts[1]?.args.text).toMatch(/^\(continued, part 2 of \d\)$/);
  });
});

describe("rate limit", () => {
  test("past the per-user limit, one polite private notice; others are unaffected", async () => {
    const user = uniqueId("U");
    for (let i = 0; i < 5; i += 1) await h.postEvent(mentionEvent(`question ${i}?`, asUser(user)));
    await h.api.waitForCalls("chat.postMessage", 3);
    const [notice] = await h.api.waitForCalls("chat.postEphemeral", 1);
    await h.drain();
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(3);
    expect(h.api.callsOf("chat.postEphemeral")).toHaveLength(1);
    expect(notice?.args.user).toBe(user);
    expect(notice?.args.channel).toBe("C0GENERAL");
    expect(allText(notice!.args)).toMatch(/You're asking faster than I can keep up \(3 requests a minute\)\. Please try again in about \d+ s\./);
    expect(h.engine.asks()).toHaveLength(3);
    // Another person is still answered.
    await h.postEvent(mentionEvent("question?", asUser(uniqueId("U"))));
    await h.api.waitForCalls("chat.postMessage", 4);
  });
});

describe("failures never crash and never go silent", () => {
  test("an engine error: a short apology to the person, a log line with the cause, and the next request works", async () => {
    const user = uniqueId("U");
    h.engine.failNext = new Error("index file is corrupt");
    await h.postEvent(mentionEvent("who is visiting?", asUser(user)));
    const [apology] = await h.api.waitForCalls("chat.postEphemeral");
    expect(apology?.args.user).toBe(user);
    expect(allText(apology!.args)).toContain("Sorry, something went wrong");
    const line = h.logs.find((l) => l.msg === "request failed");
    expect(line).toMatchObject({ phase: "engine", err: { cause: "index file is corrupt" } });
    expect(line?.level).toBe(50);
    await h.postEvent(mentionEvent("who is visiting?", asUser(user)));
    await h.api.waitForCalls("chat.postMessage", 1);
  });

  test("a busy engine (full embedding queue): 'busy, try again in a moment', logged as a warning, not an error", async () => {
    const user = uniqueId("U");
    h.engine.failNext = new EngineBusyError();
    await h.postEvent(mentionEvent("who is visiting?", asUser(user)));
    const [notice] = await h.api.waitForCalls("chat.postEphemeral");
    expect(notice?.args.user).toBe(user);
    expect(allText(notice!.args)).toContain("please try again in a moment");
    expect(allText(notice!.args)).not.toContain("Sorry, something went wrong");
    expect(h.logs.find((l) => l.msg === "engine busy: request refused")?.level).toBe(40);
    expect(h.logs.find((l) => l.msg === "request failed")).toBeUndefined();
  });

  test("an engine error in a DM is apologised for in the DM", async () => {
    h.engine.failNext = new Error("boom");
    await h.postEvent(dmEvent("who is visiting?", asUser(uniqueId("U"))));
    const [apology] = await h.api.waitForCalls("chat.postMessage");
    expect(apology?.args.channel).toBe("D0DMCHAN");
    expect(allText(apology!.args)).toContain("Sorry, something went wrong");
  });

  test("an engine error on the slash command is apologised for privately", async () => {
    h.engine.failNext = new Error("boom");
    const id = uniqueId("r");
    await h.postCommand({ ...h.command("ask who?", id), user_id: uniqueId("U") });
    const reply = await h.api.waitFor(() => h.api.callsOf("response_url").find((c) => c.path.endsWith(id)));
    expect(reply.args.response_type).toBe("ephemeral");
    expect(allText(reply.args)).toContain("Sorry, something went wrong");
  });

  test("a Slack API error (ok: false) is logged with Slack's error, apologised for, and the app keeps working", async () => {
    h.api.failNext("chat.postMessage", { kind: "error", error: "channel_not_found" });
    await h.postEvent(mentionEvent("who is visiting?", asUser(uniqueId("U"))));
    const [apology] = await h.api.waitForCalls("chat.postEphemeral");
    expect(allText(apology!.args)).toContain("Sorry");
    expect(h.logs.find((l) => l.msg === "request failed")).toMatchObject({ phase: "slack", err: { slackError: "channel_not_found" } });
    await h.postEvent(mentionEvent("who is visiting?", asUser(uniqueId("U"))));
    const posts = await h.api.waitForCalls("chat.postMessage", 2);
    expect(allText(posts[1]!.args)).toContain("Kristi Noem is visiting");
  });

  test("a short 429 (Retry-After: 1) is waited out once and the answer arrives", async () => {
    h.api.failNext("chat.postMessage", { kind: "ratelimited", retryAfterSec: 1 });
    await h.postEvent(mentionEvent("who is visiting?", asUser(uniqueId("U"))));
    const posts = await h.api.waitForCalls("chat.postMessage", 2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(allText(posts[1]!.args)).toContain("Kristi Noem is visiting");
    expect(h.api.callsOf("chat.postEphemeral")).toHaveLength(0);
  });

  test("a long 429 (Retry-After: 120) is not waited for: apology at once, logged with retryAfter", async () => {
    h.api.failNext("chat.postMessage", { kind: "ratelimited", retryAfterSec: 120 });
    const started = Date.now();
    await h.postEvent(mentionEvent("who is visiting?", asUser(uniqueId("U"))));
    await h.api.waitForCalls("chat.postEphemeral");
    expect(Date.now() - started).toBeLessThan(1500);
    expect(h.logs.find((l) => l.msg === "request failed")).toMatchObject({ err: { slackError: "ratelimited", retryAfterSec: 120 } });
  });

  test("a 5xx from the Web API, and a failing apology too: both logged, nothing crashes", async () => {
    h.api.failNext("chat.postMessage", { kind: "http", status: 503 });
    h.api.failNext("chat.postEphemeral", { kind: "error", error: "user_not_in_channel" });
    await h.postEvent(mentionEvent("who is visiting?", asUser(uniqueId("U"))));
    await h.api.waitFor(() => h.logs.find((l) => l.msg === "apology could not be delivered"));
    expect(h.logs.find((l) => l.msg === "request failed")).toMatchObject({ err: { status: 503 } });
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe("progress indicator", () => {
  test("the thread gets the assistant status, with loading messages, from the moment the question is taken", async () => {
    h.engine.delayMs = 300;
    const event = mentionEvent("who is visiting?", asUser(uniqueId("U")));
    await h.postEvent(event);
    const [status] = await h.api.waitForCalls("assistant.threads.setStatus");
    // Set before the engine has finished: nothing is posted yet.
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(0);
    expect(status?.args).toEqual(
      expect.objectContaining({ channel_id: "C0GENERAL", thread_ts: event.event.ts, status: "is reading the article…" }),
    );
    expect((status?.args.loading_messages as string[]).length).toBeGreaterThan(1);
    await h.api.waitForCalls("chat.postMessage");
    await h.drain();
    // Slack clears the status when the reply lands; no reaction where the status works.
    expect(h.api.callsOf("assistant.threads.setStatus")).toHaveLength(1);
    expect(h.api.callsOf("reactions.add")).toHaveLength(0);
  });

  test("where the status is refused, a slow answer gets an :hourglass_flowing_sand: reaction on the question, removed when done", async () => {
    h.engine.delayMs = 400;
    h.api.failNext("assistant.threads.setStatus", { kind: "error", error: "missing_scope" });
    const event = mentionEvent("who is visiting?", asUser(uniqueId("U")));
    await h.postEvent(event);
    await h.api.waitForCalls("chat.postMessage");
    await h.drain();
    const [added] = h.api.callsOf("reactions.add");
    const [removed] = h.api.callsOf("reactions.remove");
    expect(added?.args).toEqual(expect.objectContaining({ channel: "C0GENERAL", timestamp: event.event.ts, name: "hourglass_flowing_sand" }));
    expect(removed?.args).toEqual(added?.args);
    const order = h.api.calls.map((c) => c.method);
    expect(order.indexOf("reactions.add")).toBeLessThan(order.indexOf("reactions.remove"));
  });

  test("a fast answer shows no reaction even without status; a failing reaction does not cost the answer", async () => {
    h.api.failNext("assistant.threads.setStatus", { kind: "error", error: "missing_scope" }, { kind: "error", error: "missing_scope" });
    await h.postEvent(mentionEvent("who is visiting?", asUser(uniqueId("U"))));
    await h.api.waitForCalls("chat.postMessage");
    await h.drain();
    expect(h.api.callsOf("reactions.add")).toHaveLength(0);
    h.engine.delayMs = 300;
    h.api.failNext("reactions.add", { kind: "error", error: "missing_scope" });
    await h.postEvent(dmEvent("who is visiting?", asUser(uniqueId("U"))));
    await h.api.waitForCalls("chat.postMessage", 2);
    await h.drain();
    expect(h.api.callsOf("reactions.remove")).toHaveLength(0);
    expect(h.logs.some((l) => l.msg === "progress indicator failed")).toBe(true);
  });

  test("when the answer fails, the status is cleared and the apology sent", async () => {
    h.engine.failNext = new Error("boom");
    await h.postEvent(mentionEvent("who is visiting?", asUser(uniqueId("U"))));
    await h.api.waitForCalls("chat.postEphemeral");
    await h.drain();
    const statuses = h.api.callsOf("assistant.threads.setStatus").map((c) => c.args.status);
    expect(statuses).toEqual(["is reading the article…", ""]);
  });
});
