/** Suggested prompts for the Messages tab: drawn from the corpus, at most four, plain text. */
import { PromptCache, suggestPrompts } from "../../src/slack/prompts";
import { FakeEngine, HUNT_QUOTE, citationOf } from "../helpers/slackFakeEngine";

test("a summary, the quoted people, then the documents' titles; never more than four", async () => {
  const engine = new FakeEngine();
  engine.nextQuotes = { matches: [{ ...citationOf(HUNT_QUOTE), speaker: "Tricia McLaughlin", score: 0.9 }] };
  const prompts = await suggestPrompts(engine);
  expect(prompts).toEqual([
    { title: "Summarize the article", message: "summary short" },
    { title: "What did Tricia McLaughlin say?", message: "What did Tricia McLaughlin say?" },
    { title: `About: ${engine.documents()[0]!.title}`, message: `What is “${engine.documents()[0]!.title}” about?` },
  ]);
});

test("titles with Slack markup are made plain, long ones cut, and an empty corpus has no prompts", async () => {
  const engine = new FakeEngine();
  const doc = { ...engine.documents()[0]!, title: `<!channel> ${"very long title ".repeat(10)}` };
  engine.documents = () => [doc, { ...doc, id: "b", date: "2026-01-01" }, { ...doc, id: "c", date: "2024-01-01" }];
  const prompts = await suggestPrompts(engine);
  expect(prompts.length).toBeLessThanOrEqual(4);
  for (const p of prompts) {
    expect(p.title.length).toBeLessThanOrEqual(75);
    expect(`${p.title}${p.message}`).not.toMatch(/[<>]/);
  }
  engine.documents = () => [];
  expect(await suggestPrompts(engine)).toEqual([]);
});

test("the cache recomputes only when the documents change", async () => {
  const engine = new FakeEngine();
  const cache = new PromptCache(engine);
  await cache.get();
  await cache.get();
  expect(engine.calls.filter((c) => c.op === "findQuotes")).toHaveLength(1);
  const [doc] = engine.documents();
  engine.documents = () => [{ ...doc!, id: "changed" }];
  await cache.get();
  expect(engine.calls.filter((c) => c.op === "findQuotes")).toHaveLength(2);
});
