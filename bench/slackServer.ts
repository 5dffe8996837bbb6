/**
 * The bot's side of the Slack benchmark, in its own process (as in production, and so that timing the
 * client is not disturbed by the engine's work on the same event loop): the real engine and the real
 * Bolt app from `src/slack`, on 127.0.0.1, its Web API pointed at the benchmark's fake.
 * Started with `fork`; says `{ type: "listening", port }` and stops on `{ type: "stop" }`.
 */
import { createEngine } from "../src/engine";
import { silentLogger } from "../src/log";
import { memoryStores } from "../src/slack/stores";
import { createSlackApp } from "../src/slack/app";
import { ARTICLE_CORPUS, offlineConfig } from "./lib/setup";

async function main(): Promise<void> {
  const indexDir = process.env.BENCH_INDEX_DIR;
  if (indexDir === undefined) throw new Error("BENCH_INDEX_DIR is not set");
  const config = offlineConfig(ARTICLE_CORPUS, indexDir);
  const engine = await createEngine(config);
  await engine.ask("Who is Kristi Noem?"); // the model loads here, not on the first request
  const handle = createSlackApp({
    engine,
    config: config.slack,
    stores: memoryStores({ dataDir: config.dataDir, rateLimitPerMinute: config.slack.rateLimitPerMinute }),
    logger: silentLogger,
    botId: "B0BOT",
    botUserId: "U0BOTUSER",
    host: "127.0.0.1",
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const info = await handle.start();
  if (info.mode !== "http") throw new Error("expected HTTP mode");
  process.on("message", (message: { type?: string }) => {
    if (message.type !== "stop") return;
    void handle.stop().finally(() => process.exit(0));
  });
  process.send?.({ type: "listening", port: info.port });
}

main().catch((err: unknown) => {
  process.stderr.write(`slack server: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
