/** Unit tests of the Slack layer's pure parts: parsing, rendering limits (the stores are tested in test/stores). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describeError, withSlackRetry } from "../../src/slack/errors";
import { renderHome } from "../../src/slack/blocks/home";
import { mrkdwnLink, quoteUrl } from "../../src/slack/blocks/links";
import { type KnownBlock, LIMITS, escapeMrkdwn, sections } from "../../src/slack/blocks/mrkdwn";
import { paginate } from "../../src/slack/blocks/pagination";
import { literal, literalQuote } from "../../src/slack/blocks/literal";
import { renderResult } from "../../src/slack/blocks/results";
import { parseCommand, parseDirectMessage, parseMention, slackToPlain } from "../../src/slack/input";
import { decodeShareValue, encodeShareValue } from "../../src/slack/stores";
import { FakeEngine } from "../helpers/slackFakeEngine";
import { allText } from "../helpers/slackFakeApi";

describe("reading what people typed", () => {
  test("Slack markup becomes plain words; the bot's own mention is dropped", () => {
    expect(slackToPlain("<@U0BOT> hi <@U2|bob> <@U3> <#C1|general> <!channel> <!here> <!subteam^S1|@devs>", "U0BOT")).toBe(
      "hi @bob @U3 #general @channel @here @devs",
    );
    expect(slackToPlain("see <https://x.example/a?b=1&amp;c=2|the report> &amp; <https://y.example> &lt;3")).toBe(
      "see the report & https://y.example <3",
    );
    expect(slackToPlain("  many\n\nlines\t here ")).toBe("many lines here");
  });

  test("questions are recognised by '?' or a question word", () => {
    const isQuestion = (text: string): boolean => parseDirectMessage(text).kind === "ask";
    expect(isQuestion("when did she arrive")).toBe(true);
    expect(isQuestion("Is it true?")).toBe(true);
    expect(isQuestion("hunt you down")).toBe(false);
    expect(isQuestion("whoever comes")).toBe(false);
  });

  test("slash command subcommands", () => {
    expect(parseCommand("summary")).toEqual({ kind: "summary" });
    expect(parseCommand("summary long")).toEqual({ kind: "summary", length: "long" });
    expect(parseCommand("Summary deportation flights short")).toEqual({ kind: "summary", topic: "deportation flights", length: "short" });
    expect(parseCommand("summary short prisons")).toEqual({ kind: "summary", topic: "prisons", length: "short" });
    expect(parseCommand("ask who?")).toEqual({ kind: "ask", question: "who?" });
    expect(parseCommand("quote lock you up")).toEqual({ kind: "quote", query: "lock you up" });
    expect(parseCommand("")).toEqual({ kind: "help" });
    expect(parseCommand("who visited?")).toEqual({ kind: "help", unknown: "who" });
    expect(parseCommand("quote")).toEqual({ kind: "help", missingFor: "quote" });
  });

  test("DMs: quote lookup by default, questions answered; mentions: questions", () => {
    expect(parseDirectMessage("lock you up")).toEqual({ kind: "quote", query: "lock you up" });
    expect(parseDirectMessage("why did she go?")).toEqual({ kind: "ask", question: "why did she go?" });
    expect(parseDirectMessage("HELP")).toEqual({ kind: "help" });
    expect(parseMention("tell me about the visit")).toEqual({ kind: "ask", question: "tell me about the visit" });
    expect(parseMention("summary prisons")).toEqual({ kind: "summary", topic: "prisons" });
  });
});

describe("rendering within Slack's limits", () => {
  test("escaping covers &, < and >", () => {
    expect(escapeMrkdwn("a & <b> <!channel>")).toBe("a &amp; &lt;b&gt; &lt;!channel&gt;");
  });

  test("splitting keeps every piece ≤ max, never cuts an entity, and keeps blockquotes quoted", () => {
    const long = escapeMrkdwn("x&".repeat(4000));
    const pieces = sections(long).map((b) => b.text?.text ?? "");
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p).not.toMatch(/&a?m?p?$/);
      expect(p).not.toMatch(/^m?p?;/);
    }
    expect(pieces.join("")).toBe(long);
    const quote = `> ${"word ".repeat(3000)}`;
    const quoted = sections(quote).map((b) => b.text?.text ?? "");
    expect(quoted.length).toBeGreaterThan(2);
    for (const p of quoted) expect(p.startsWith("> ")).toBe(true);
    expect(sections("").map((b) => b.text?.text)).toEqual([""]);
  });

  test("paginate keeps ≤ 50 blocks per message, puts the tail last, and cuts past maxMessages", () => {
    const body: KnownBlock[] = Array.from({ length: 120 }, (_, i) => sections(`block ${i}`)[0]!);
    const tail: KnownBlock[] = [{ type: "context", elements: [{ type: "mrkdwn", text: "tail" }] }];
    const pages = paginate(body, tail, "fallback");
    expect(pages).toHaveLength(3);
    for (const p of pages) expect(p.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(pages[2]?.blocks.at(-1)).toEqual(tail[0]);
    expect(pages[0]?.text).toBe("fallback");
    expect(pages[2]?.text).toBe("(continued, part 3 of 3)");
    const cut = paginate(body, tail, "fallback", { maxMessages: 2 });
    expect(cut).toHaveLength(2);
    expect(JSON.stringify(cut[1]?.blocks)).toContain("The rest was cut");
    expect(cut[1]?.blocks.at(-1)).toEqual(tail[0]);
    expect(cut[1]?.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  });

  test("the Home view lists documents and stays within 100 blocks", () => {
    const engine = new FakeEngine();
    const many = Array.from({ length: 150 }, (_, i) => ({ ...engine.documents()[0]!, id: `d${i}`, title: `Doc ${i}` }));
    const view = renderHome({ documents: many, status: engine.status(), command: "/article" });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toContain("…and 70 more.");
  });

  test("Share button values stay ≤ 2,000 chars and decode back", () => {
    const value = encodeShareValue({ id: "abc", job: { kind: "ask", question: '"'.repeat(1500) } });
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeShareValue(value)?.id).toBe("abc");
    expect(decodeShareValue("not json")).toBeUndefined();
    expect(decodeShareValue(JSON.stringify({ id: "x", job: { kind: "rm -rf" } }))).toBeUndefined();
  });
});

describe("Slack errors", () => {
  test("error shapes become log fields", () => {
    expect(describeError(Object.assign(new Error("x"), { code: "slack_webapi_platform_error", data: { error: "not_in_channel" } }))).toEqual(
      expect.objectContaining({ slackError: "not_in_channel", code: "slack_webapi_platform_error" }),
    );
    expect(describeError(Object.assign(new Error("y"), { code: "slack_webapi_rate_limited_error", retryAfter: 30 }))).toEqual(
      expect.objectContaining({ slackError: "ratelimited", retryAfterSec: 30 }),
    );
    expect(describeError("plain")).toEqual({ cause: "plain" });
  });

  test("withSlackRetry retries a short 429 once and gives up on a long one", async () => {
    const short = Object.assign(new Error("rl"), { code: "slack_webapi_rate_limited_error", retryAfter: 0 });
    let calls = 0;
    await expect(withSlackRetry(() => (++calls === 1 ? Promise.reject(short) : Promise.resolve("ok")), 3)).resolves.toBe("ok");
    const long = Object.assign(new Error("rl"), { code: "slack_webapi_rate_limited_error", retryAfter: 60 });
    calls = 0;
    await expect(withSlackRetry(() => (++calls, Promise.reject(long)), 3)).rejects.toBe(long);
    expect(calls).toBe(1);
  });
});

describe("source links", () => {
  test("the fragment holds the quote's first eight words, with -, & and , encoded as text fragments require", () => {
    expect(quoteUrl("https://x.example/a#old", "Well-known, rich & famous people said so on March 26 of 2025.")).toBe(
      "https://x.example/a#:~:text=Well%2Dknown%2C%20rich%20%26%20famous%20people%20said%20so%20on",
    );
    expect(quoteUrl("https://x.example/a")).toBe("https://x.example/a");
    for (const notWeb of [undefined, "", "Reuters", "javascript:alert(1)", "ftp://x.example/a"]) expect(quoteUrl(notWeb, "q")).toBeUndefined();
  });

  test("a link label is escaped; no URL means the label alone", () => {
    expect(mrkdwnLink("https://x.example/?a=1&b=2", "A <b> & c")).toBe("<https://x.example/?a=1&amp;b=2|A &lt;b&gt; &amp; c>");
    expect(mrkdwnLink(undefined, "A & B")).toBe("A &amp; B");
  });

  test("a long section is never cut inside a link", () => {
    const link = mrkdwnLink("https://x.example/long", "a title with several words");
    const pieces = sections(`${"word ".repeat(590)}${link} tail`).map((b) => b.text?.text ?? "");
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.some((p) => p.includes(link))).toBe(true);
  });
});

describe("manifest.yml", () => {
  const manifest = readFileSync(path.join(__dirname, "..", "..", "manifest.yml"), "utf8");
  const listed = (section: string): string[] => {
    const match = new RegExp(`${section}:\\n((?:\\s+- [^\\n]+\\n)+)`).exec(manifest);
    return (match?.[1] ?? "").split("\n").map((l) => l.replace(/#.*/, "").replace(/^\s*- /, "").trim()).filter((l) => l !== "");
  };

  test("subscribes to the events the listeners handle and asks for the scopes the bot uses", () => {
    expect(listed("bot_events").sort()).toEqual(["app_home_opened", "app_mention", "app_uninstalled", "message.im", "tokens_revoked"]);
    expect(listed("bot").sort()).toEqual([
      "app_mentions:read",
      "assistant:write",
      "chat:write",
      "chat:write.public",
      "commands",
      "im:history",
      "reactions:write",
    ]);
    expect(manifest).toMatch(/\n {2}agent_view:\n {4}agent_description: \S/);
    expect(manifest).not.toMatch(/assistant_view/);
    // Both message shortcuts, with the callback ids the listeners register.
    expect(manifest).toMatch(/- name: Find in the article\n\s+type: message\n\s+callback_id: find_in_article\n/);
    expect(manifest).toMatch(/- name: Ask article-bot\n\s+type: message\n\s+callback_id: ask_article_bot\n/);
    expect(manifest).toMatch(/- command: \/article\n/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
  });
});

describe("article titles are the article's text", () => {
  // A title holding mrkdwn markers and a broadcast: mrkdwn cannot escape *, _ or ~, so it must not be mrkdwn.
  const title = "*Breaking* _news_ ~now~ <!channel> & `code`";
  const engine = new FakeEngine();
  const doc = { ...engine.documents()[0]!, title, source: "https://example.com/story", date: "2025-03-26" };
  /** Every mrkdwn text object in the blocks (sections, context elements). */
  const mrkdwnTexts = (blocks: unknown): string[] =>
    JSON.stringify(blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g) ?? [];
  const richTexts = (blocks: unknown): Array<{ type: string; text: string; url?: string }> => {
    const out: Array<{ type: string; text: string; url?: string }> = [];
    JSON.stringify(blocks, (_k, v: unknown) => {
      if (v !== null && typeof v === "object" && "text" in v && typeof (v).text === "string" && ((v as { type?: string }).type === "text" || (v as { type?: string }).type === "link")) out.push(v as { type: string; text: string });
      return v;
    });
    return out;
  };

  test("on the Home tab the title is one literal element, linked to its source, never mrkdwn", () => {
    const view = renderHome({ documents: [doc], status: engine.status(), command: "/article" });
    expect(richTexts(view.blocks)).toContainEqual(expect.objectContaining({ type: "link", text: title, url: "https://example.com/story" }));
    for (const m of mrkdwnTexts(view.blocks)) expect(m).not.toContain("Breaking");
  });

  test("in a summary's From line the title is literal, and the mode line stays our mrkdwn", () => {
    const quote = "Noem visits on March 26, 2025.";
    const citation = { quote, docId: doc.id, paragraph: 1, start: 0, end: quote.length };
    const [message] = renderResult(
      { kind: "summary", result: { topic: null, length: "short", bullets: [{ text: quote, citations: [citation] }], documents: [doc], mode: "extractive", ms: 5, found: true } },
      { documents: [doc] },
      { actions: { kind: "none" } },
    );
    expect(richTexts(message?.blocks)).toContainEqual(expect.objectContaining({ type: "link", text: title }));
    for (const m of mrkdwnTexts(message?.blocks)) {
      expect(m).not.toContain("Breaking");
      expect(m).not.toContain("<!channel>");
    }
  });
});

describe("answers and summaries that are quotes", () => {
  const engine = new FakeEngine();
  const ctx = { documents: engine.documents() };
  const quote = "If you come to our country and break our laws, we will hunt you down, and lock you up.";
  const citation = { quote, docId: engine.documents()[0]!.id, paragraph: 3, start: 0, end: quote.length };

  test("an extractive answer identical to its first quote is shown once, as the attributed blockquote", () => {
    const [message] = renderResult(
      { kind: "ask", result: { question: "q", answerable: true, answer: ` ${quote}`, citations: [citation], short: null, mode: "extractive", ms: 1 } },
      ctx,
      { actions: { kind: "none" } },
    );
    const text = allText({ blocks: message?.blocks });
    expect(text.split("we will hunt you down").length - 1).toBe(1);
    expect(text).toContain(`> ${quote}\n— ¶3 · _`);
    expect(message?.text).toBe(quote);
  });

  test("the short answer leads an answer in bold, and never a refusal", () => {
    const short = { text: "our country", docId: citation.docId, start: 12, end: 23 };
    const render = (answerable: boolean) =>
      renderResult({ kind: "ask", result: { question: "q", answerable, answer: "Some answer.", citations: [citation], short, mode: "extractive", ms: 1 } }, ctx, { actions: { kind: "none" } })[0]!;
    const answered = render(true);
    expect(answered.blocks[0]).toMatchObject({ type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "our country", style: { bold: true } }] }] });
    expect(answered.text).toBe("our country — Some answer.");
    const refused = render(false);
    expect(JSON.stringify(refused.blocks)).not.toContain('"bold":true');
    expect(refused.text).toBe("Some answer.");
  });

  test("a verbatim summary bullet gets its attribution under it instead of a repeated quote; nothing found has no buttons", () => {
    const summary = {
      topic: null,
      length: "short" as const,
      bullets: [{ text: quote, citations: [citation] }],
      documents: engine.documents(),
      mode: "extractive" as const,
      ms: 1,
      found: true,
    };
    const [message] = renderResult({ kind: "summary", result: summary }, ctx, { actions: { kind: "share", value: "v" } });
    const text = allText({ blocks: message?.blocks });
    expect(text.split("we will hunt you down").length - 1).toBe(1);
    expect(text).toContain(`• ${quote}\n— ¶3 · _`);
    expect(message?.blocks.some((b) => b.type === "actions")).toBe(true);
    const [none] = renderResult({ kind: "summary", result: { ...summary, topic: "unicorns", bullets: [], found: false } }, ctx, { actions: { kind: "share", value: "v" } });
    expect(none?.blocks.some((b) => b.type === "actions")).toBe(false);
  });
});

describe("literal rich text", () => {
  test("text is kept as written, styles and links are structure, and long text is split at spaces into blocks", () => {
    const [one] = literal({ text: "a *b* <!here> & c" }, { text: "Title", italic: true, url: "https://x.example/?a=1&b=2" });
    expect(one).toEqual({
      type: "rich_text",
      elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "a *b* <!here> & c" }, { type: "link", url: "https://x.example/?a=1&b=2", text: "Title", style: { italic: true } }] }],
    });
    const long = Array.from({ length: 1500 }, (_, i) => `word${i} 😀`).join(" ");
    const blocks = literal({ text: long });
    expect(blocks.length).toBeGreaterThan(1);
    const texts = blocks.map((b) => (b.elements[0] as { elements: Array<{ text: string }> }).elements.map((e) => e.text).join(""));
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(texts.join("")).toBe(long);
    // Cut after a space, never inside a word or a surrogate pair.
    for (const t of texts.slice(0, -1)) expect(t.endsWith(" ")).toBe(true);
    const [quote] = literalQuote("They said *this*.", [{ text: "— ¶2" }]);
    expect(quote?.elements.map((e) => e.type)).toEqual(["rich_text_quote", "rich_text_section"]);
  });
});
