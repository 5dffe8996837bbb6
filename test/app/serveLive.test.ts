/**
 * `serve` as a real process: it listens before the index is built (/healthz 503 "building" with progress,
 * then 200), logs progress, and picks up an edited corpus without a restart (generation in /healthz).
 */
import { cpSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FakeSlackApi, allText } from "../helpers/slackFakeApi";
import { mentionEvent } from "../helpers/slackHarness";
import { TEST_SIGNING_SECRET, postSigned } from "../helpers/slackSigning";
import { cliEnv, tempCorpus } from "../helpers/cli";
import { ServeProcess } from "../helpers/serveProcess";

const api = new FakeSlackApi();
beforeAll(() => api.start());
afterAll(() => api.close());

interface Health {
  status: number;
  body: { status?: string; generation?: number; progress?: { done: number; total: number; percent: number }; documents?: number; rebuilding?: boolean };
}

async function health(port: number): Promise<Health> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Health["body"] };
}

/** The article plus every eval article: long enough a build to be seen from outside. */
let documents = 0;
function fourArticles() {
  const dir = tempCorpus({});
  cpSync(path.join(__dirname, "../../corpus"), dir.corpus, { recursive: true });
  const corpora = path.join(__dirname, "../eval/corpora");
  const names = readdirSync(corpora);
  for (const name of names) cpSync(path.join(corpora, name, "corpus"), dir.corpus, { recursive: true });
  documents = names.length + 1;
  return dir;
}

test("listens at once, 503 'building' with progress until the index is ready, then answers; an edited corpus is picked up", async () => {
  const dir = fourArticles();
  const serve = new ServeProcess(
    cliEnv({
      SLACK_BOT_TOKEN: "xoxb-live-test",
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      PORT: "0",
      CORPUS_DIR: dir.corpus,
      INDEX_DIR: dir.index,
      DATA_DIR: path.join(dir.root, ".data"),
      CORPUS_WATCH_MS: "300",
      LOG_LEVEL: "info",
    }),
  );
  try {
    const port = await serve.port();
    const first = await health(port);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ status: "building", progress: { done: expect.any(Number) as number, total: expect.any(Number) as number } });

    // While building, a question is acked and told to try again; nothing is refused.
    const asked = await postSigned(`http://127.0.0.1:${port}/slack/events`, JSON.stringify(mentionEvent("who is visiting?")));
    expect(asked.status).toBe(200);

    const seen: Health[] = [first];
    for (;;) {
      const h = await health(port);
      seen.push(h);
      if (h.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen.some((h) => h.status === 503 && (h.body.progress?.done ?? 0) > 0)).toBe(true);
    expect(seen.at(-1)?.body).toMatchObject({ status: "ready", generation: 1, documents });
    expect(serve.lines.some((l) => l.op === "build" && typeof l.done === "number")).toBe(true);

    // Edit the corpus while serving: the rebuild happens in the background, /healthz stays 200.
    writeFileSync(path.join(dir.corpus, "zeppelin.txt"), "The zeppelin festival will be held in Tromsø on 12 August, the organisers said.\n\nTickets cost 30 euros.\n");
    const during: Health[] = [];
    for (let h = await health(port); h.body.generation !== 2; h = await health(port)) {
      during.push(h);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(during.every((h) => h.status === 200)).toBe(true);
    expect((await health(port)).body).toMatchObject({ status: "ready", generation: 2, documents: documents + 1 });
    expect(serve.lines.map((l) => l.msg)).toContain("corpus changed: rebuilding the index in the background");

    api.reset();
    await postSigned(`http://127.0.0.1:${port}/slack/events`, JSON.stringify(mentionEvent("When will the zeppelin festival be held?")));
    const [post] = await api.waitForCalls("chat.postMessage", 1, 20000);
    expect(allText(post!.args)).toContain("12 August");
  } finally {
    serve.kill();
    await serve.exited;
  }
}, 120000);
