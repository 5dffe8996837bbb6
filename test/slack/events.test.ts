/**
 * End to end over HTTP on loopback: the real Bolt app, signed requests shaped like Slack's, a fake
 * Web API recording what the bot sends. Mentions, threads, DMs, App Home, retries, bot echoes.
 */
import { FAKE_IDS, allText, blocksOf } from "../helpers/slackFakeApi";
import { FAKE_DOC_TITLE, HUNT_QUOTE, VISIT_QUOTE } from "../helpers/slackFakeEngine";
import { Harness, dmEvent, mentionEvent, uniqueId } from "../helpers/slackHarness";
import { TEST_SIGNING_SECRET, fixture, slackSignature } from "../helpers/slackSigning";

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


describe("request handling", () => {
  test("url_verification is answered with the challenge", async () => {
    const body = fixture("url_verification.json");
    const res = await h.postEvent(body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: body.challenge });
  });

  test("a bad signature is rejected with 401 and nothing runs", async () => {
    const res = await h.postEvent(mentionEvent("who visited?"), { signature: "v0=" + "0".repeat(64) });
    expect(res.status).toBe(401);
    const wrongSecret = await h.postEvent(mentionEvent("who visited?"), { secret: "0123456789abcdef0123456789abcdef" });
    expect(wrongSecret.status).toBe(401);
    await h.drain();
    expect(h.engine.calls).toHaveLength(0);
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(0);
  });

  test("a stale timestamp (older than 5 minutes) is rejected with 401, even when correctly signed", async () => {
    const body = JSON.stringify(mentionEvent("who visited?"));
    const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.postEvent(JSON.parse(body), { timestamp, signature: slackSignature(TEST_SIGNING_SECRET, timestamp, body) });
    expect(res.status).toBe(401);
    await h.drain();
    expect(h.engine.calls).toHaveLength(0);
  });

  test("GET /healthz reports the loaded index", async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expect.objectContaining({ ok: true, documents: 1, chunks: 2, llm: "off" }));
  });
});

describe("mentions", () => {
  test("a mention in a channel is answered in a new thread: answer, blockquote with ¶ and title, mode line, feedback", async () => {
    const event = mentionEvent("what did the minister say about inflation?");
    const res = await h.postEvent(event);
    expect(res.status).toBe(200);
    const [post] = await h.api.waitForCalls("chat.postMessage");
    expect(post?.args.channel).toBe("C0GENERAL");
    expect(post?.args.thread_ts).toBe(event.event.ts);
    expect(post?.args.parse).toBe("none");
    expect(post?.args.link_names).toBeUndefined();
    expect(post?.headers.authorization).toBe("Bearer xoxb-test-token");
    const text = allText(post?.args ?? {});
    expect(text).toContain("Kristi Noem is visiting");
    expect(text).toContain(`> ${VISIT_QUOTE}`);
    expect(text).toContain(`¶1 · _${FAKE_DOC_TITLE}_`);
    expect(text).toContain("Answered offline (extractive)");
    expect(typeof post?.args.text).toBe("string");
    const feedback = blocksOf(post!).find((b) => b.type === "context_actions");
    expect(JSON.stringify(feedback)).toContain("feedback_buttons");
    // The bot's own mention was stripped before the engine saw the question.
    expect(h.engine.asks()[0]?.question).toBe("what did the minister say about inflation?");
    expect(h.engine.asks()[0]?.history).toEqual([]);
  });

  test("a mention inside a thread gets the thread's earlier questions as history", async () => {
    const first = mentionEvent("who is visiting El Salvador?");
    await h.postEvent(first);
    await h.api.waitForCalls("chat.postMessage", 1);
    const thread = fixture<{ event: Record<string, unknown> }>("event_callback.app_mention.in_thread.json");
    const followUp = mentionEvent("and when?", { ...thread.event, text: `<@${FAKE_IDS.botUserId}> and when?`, thread_ts: first.event.ts, ts: "1730009999.000200" });
    await h.postEvent(followUp);
    const posts = await h.api.waitForCalls("chat.postMessage", 2);
    expect(posts[1]?.args.thread_ts).toBe(first.event.ts);
    expect(h.engine.asks()[1]).toEqual({ op: "ask", question: "and when?", history: ["who is visiting El Salvador?"] });
    // The engine completed the follow-up: the reply says which question it answered.
    expect(allText(posts[1]?.args ?? {})).toContain("_Answering: and when (about: who is visiting El Salvador?)_");
  });

  test("a mention with nothing but the bot's name gets the help", async () => {
    await h.postEvent(mentionEvent(""));
    const [post] = await h.api.waitForCalls("chat.postMessage");
    expect(allText(post?.args ?? {})).toContain("/article summary [topic] [short|long]");
    expect(h.engine.calls).toHaveLength(0);
  });

  test("a retried delivery of the same event is not answered twice", async () => {
    const event = mentionEvent("who is visiting?");
    const first = await h.postEvent(event);
    const retry = await h.postEvent(event, { retryNum: 1, retryReason: "http_timeout" });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    await h.api.waitForCalls("chat.postMessage", 1);
    await h.drain();
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(1);
    expect(h.engine.asks()).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === "duplicate delivery dropped" && l.retryNum === 1)).toBe(true);
  });

  test("an edited mention (subtype) and a bot's mention are ignored", async () => {
    await h.postEvent(mentionEvent("who?", { subtype: "message_changed" }));
    await h.postEvent(mentionEvent("who?", { bot_id: "B0OTHER" }));
    await h.drain();
    expect(h.engine.calls).toHaveLength(0);
    expect(h.api.calls).toHaveLength(0);
  });
});

describe("direct messages", () => {
  test("words someone remembers get the matching verbatim passages with speaker and ¶, in the message's own thread", async () => {
    const dm = dmEvent("hunt you down");
    await h.postEvent(dm);
    const [post] = await h.api.waitForCalls("chat.postMessage");
    expect(post?.args.channel).toBe("D0DMCHAN");
    expect(post?.args.thread_ts).toBe(dm.event.ts);
    const text = allText(post?.args ?? {});
    expect(text).toContain("1 passage matches “hunt you down”");
    expect(text).toContain(`> ${HUNT_QUOTE}`);
    expect(text).toContain("— *Tricia McLaughlin* · ¶2");
    expect(h.engine.calls[0]).toEqual({ op: "findQuotes", query: "hunt you down", options: { limit: 5 } });
  });

  test("the sample DM (a link and an ampersand) is decoded for the engine and escaped in the reply", async () => {
    const event = fixture<{ event: Record<string, unknown> }>("event_callback.message_im.json");
    await h.postEvent({ ...event, event_id: uniqueId("EvDM") });
    const [post] = await h.api.waitForCalls("chat.postMessage");
    // "quote …" is the explicit keyword; the link is reduced to its label and &amp; decoded.
    expect(h.engine.calls[0]).toEqual({ op: "findQuotes", query: 'about the report & "inflation"', options: { limit: 5 } });
    // Nothing matches in the fake: the reply says so clearly, with the words escaped again.
    expect(allText(post?.args ?? {})).toContain("No passage in the article matches “about the report &amp; \"inflation\"”");
  });

  test("a question in a DM gets an answer", async () => {
    await h.postEvent(dmEvent("Who is visiting El Salvador?"));
    const [post] = await h.api.waitForCalls("chat.postMessage");
    expect(h.engine.asks()[0]?.question).toBe("Who is visiting El Salvador?");
    expect(allText(post?.args ?? {})).toContain("Kristi Noem is visiting");
  });

  test("help explains quote lookup and questions", async () => {
    await h.postEvent(dmEvent("help"));
    const [post] = await h.api.waitForCalls("chat.postMessage");
    const text = allText(post?.args ?? {});
    expect(text).toContain("send words you remember");
    expect(text).toContain("Send a question");
    expect(h.engine.calls).toHaveLength(0);
  });

  test("a mention inside a DM, which also arrives as message.im, is answered once", async () => {
    const dm = dmEvent(`<@${FAKE_IDS.botUserId}> who is visiting?`);
    const mention = mentionEvent("who is visiting?", { channel: "D0DMCHAN", ts: dm.event.ts, event_ts: dm.event.ts });
    await h.postEvent(mention);
    await h.postEvent(dm);
    await h.api.waitForCalls("chat.postMessage");
    await h.drain();
    expect(h.api.callsOf("chat.postMessage")).toHaveLength(1);
    expect(h.engine.asks().map((a) => a.question)).toEqual(["who is visiting?"]);
  });

  test("the bot's own echo, other bots and edits are ignored (no loops)", async () => {
    const echo = fixture<Record<string, unknown>>("event_callback.message_im.bot_echo.json");
    const edit = fixture<Record<string, unknown>>("event_callback.message_im.message_changed.json");
    expect((await h.postEvent({ ...echo, event_id: uniqueId("EvE") })).status).toBe(200);
    expect((await h.postEvent({ ...edit, event_id: uniqueId("EvE") })).status).toBe(200);
    await h.postEvent(dmEvent("hunt you down", { bot_id: "B0OTHER" }));
    await h.drain();
    expect(h.engine.calls).toHaveLength(0);
    expect(h.api.calls).toHaveLength(0);
  });
});

describe("App Home", () => {
  test("opening the Home tab publishes documents, usage and examples", async () => {
    await h.postEvent({
      type: "event_callback",
      team_id: FAKE_IDS.team,
      api_app_id: FAKE_IDS.appId,
      event_id: uniqueId("EvH"),
      event_time: 1730000000,
      authorizations: [{ team_id: FAKE_IDS.team, user_id: FAKE_IDS.botUserId, is_bot: true }],
      event: { type: "app_home_opened", user: "U0HUMAN1", channel: "D0DMCHAN", tab: "home", event_ts: "1730000000.000001" },
    });
    const [publish] = await h.api.waitForCalls("views.publish");
    expect(publish?.args.user_id).toBe("U0HUMAN1");
    const view = publish?.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const text = allText(publish?.args ?? {});
    expect(text).toContain(FAKE_DOC_TITLE);
    expect(text).toContain("DHS · 2025-03-26 · 2 paragraphs");
    expect(text).toContain("/article summary [topic] [short|long]");
    expect(text).toContain(`<@${FAKE_IDS.botUserId}> who is quoted in the article?`);
  });

  test("opening the Messages tab sets suggested prompts from the corpus, without thread_ts, and publishes no view", async () => {
    await h.postEvent({
      type: "event_callback",
      team_id: FAKE_IDS.team,
      event_id: uniqueId("EvH"),
      authorizations: [{ team_id: FAKE_IDS.team, user_id: FAKE_IDS.botUserId, is_bot: true }],
      event: { type: "app_home_opened", user: "U0HUMAN1", channel: "D0DMCHAN", tab: "messages", event_ts: "1730000000.000002" },
    });
    const [call] = await h.api.waitForCalls("assistant.threads.setSuggestedPrompts");
    await h.drain();
    expect(call?.args.channel_id).toBe("D0DMCHAN");
    // With a thread_ts the call silently does nothing under the agent view.
    expect(call?.args.thread_ts).toBeUndefined();
    const prompts = call?.args.prompts as { title: string; message: string }[];
    expect(prompts.length).toBeGreaterThan(1);
    expect(prompts.length).toBeLessThanOrEqual(4);
    expect(prompts[0]).toEqual({ title: "Summarize the article", message: "summary short" });
    expect(prompts.some((p) => p.message === `What is “${FAKE_DOC_TITLE}” about?`)).toBe(true);
    expect(h.api.callsOf("views.publish")).toHaveLength(0);
  });
});

describe("source links", () => {
  afterEach(() => {
    h.engine.source = "DHS";
  });

  test("a document with a web source links its title to the quote's first words (#:~:text=), and links never unfurl", async () => {
    h.engine.source = "https://news.example.org/story?id=7&lang=en#top";
    await h.postEvent(mentionEvent("who is visiting?"));
    const [post] = await h.api.waitForCalls("chat.postMessage");
    const text = allText(post?.args ?? {});
    // The title is a link element of literal rich text: the URL is a field, not mrkdwn to escape.
    expect(text).toContain(
      `¶1 · _<https://news.example.org/story?id=7&lang=en#:~:text=Kristi%20Noem%20is%20set%20to%20visit%20El%20Salvador's|${FAKE_DOC_TITLE}>_`,
    );
    expect(post?.args.unfurl_links).toBe("false");
    expect(post?.args.unfurl_media).toBe("false");
  });

  test("a source that is not a web address stays plain text, and a hostile one cannot break out of the link", async () => {
    await h.postEvent(mentionEvent("who is visiting?"));
    const [plain] = await h.api.waitForCalls("chat.postMessage");
    expect(allText(plain?.args ?? {})).toContain(`¶1 · _${FAKE_DOC_TITLE}_`);
    h.engine.source = "https://evil.example/a|<!channel>>b";
    await h.postEvent(mentionEvent("who is visiting?"));
    const posts = await h.api.waitForCalls("chat.postMessage", 2);
    const text = allText(posts[1]?.args ?? {});
    expect(text).not.toContain("<!channel>");
    // The URL is the parsed source's: no raw "<" or ">" can end up in it, and it names the source's host.
    const links = JSON.stringify(posts[1]?.args.blocks).match(/"type":"link","url":"[^"]*"/g) ?? [];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^"type":"link","url":"https:\/\/evil\.example\/a\|%3C!channel%3E%3Eb#:~:text=[^"<>]*"$/);
  });
});

describe("threads in DMs (agent view)", () => {
  test("a reply in a DM message's thread is a follow-up of that message; a new DM message starts afresh", async () => {
    const first = dmEvent("Who is visiting El Salvador?");
    await h.postEvent(first);
    await h.api.waitForCalls("chat.postMessage", 1);
    await h.postEvent(dmEvent("and when?", { thread_ts: first.event.ts }));
    const posts = await h.api.waitForCalls("chat.postMessage", 2);
    expect(posts[1]?.args.thread_ts).toBe(first.event.ts);
    expect(h.engine.asks()[1]).toEqual({ op: "ask", question: "and when?", history: ["Who is visiting El Salvador?"] });
    await h.postEvent(dmEvent("and when?"));
    await h.api.waitForCalls("chat.postMessage", 3);
    expect(h.engine.asks()[2]?.history).toEqual([]);
  });
});

describe("logs", () => {
  test("info-level logs carry ids and sizes but never the message text", async () => {
    const secret = "zebra-quartz-unique-phrase";
    await h.postEvent(mentionEvent(`who said ${secret}?`));
    await h.postEvent(dmEvent(`${secret} words`));
    await h.api.waitForCalls("chat.postMessage", 2);
    await h.drain();
    const info = h.infoLogs();
    expect(info.some((l) => l.msg === "answered" && l.surface === "mention" && typeof l.chars === "number")).toBe(true);
    expect(JSON.stringify(info)).not.toContain(secret);
    // At debug level the text is available for troubleshooting.
    expect(h.logs.some((l) => l.level === 20 && JSON.stringify(l).includes(secret))).toBe(true);
  });
});
