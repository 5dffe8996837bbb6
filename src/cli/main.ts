/**
 * `article-bot`: the command line over the same engine as the Slack app.
 *
 *   article-bot ask ["QUESTION"] [--json]       (no QUESTION: one question per line from stdin; short answer first)
 *   article-bot summary [TOPIC] [--length short|medium|long] [--json]
 *   article-bot quotes "QUERY" [--limit N] [--speaker NAME] [--json]
 *   article-bot ingest
 *   article-bot serve
 *
 * Results go to stdout; notices, progress and errors to stderr, so `--json` output can be piped.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Config } from "../config";
import type { ArticleEngine } from "../engine";
import type { BootedWorker, EmbedWorkerPool } from "../index/workerPool";
import type { SummaryLength } from "../contract";
import { formatAsk, formatQuotes, formatSummary, type FormatContext } from "./format";

// Cold start: `--help`, `--version` and usage errors load only commander. Configuration (zod), the
// engine (LangChain) and the logger (pino) are required by the commands that use them, below; errors
// from those modules are recognised by name so that this file never has to import them.
const loadConfigModule = () => import("../config");

interface GlobalOptions {
  corpus?: string;
  index?: string;
}

/** An error the user can fix: printed as one line, exit code 2. */
class UsageError extends Error {}

/** Some lines of a stdin batch failed (each already reported on its own line): exit code 1. */
class BatchError extends Error {}

function writeLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function progressReporter(enabled: boolean): Promise<((done: number, total: number) => void) | undefined> {
  if (!enabled) return undefined;
  const { formatProgress, throttledProgress } = await import("../index/progress");
  const tty = process.stderr.isTTY === true;
  // A terminal gets one line redrawn in place (4 times a second); a log gets a line every 10 seconds.
  return throttledProgress(
    (p) => {
      const line = formatProgress(p);
      process.stderr.write(tty ? `\r${line}\x1b[K${p.done >= p.total ? "\n" : ""}` : `${line}\n`);
    },
    tty ? 250 : 10_000,
  );
}

interface OpenOptions {
  forceRebuild?: boolean;
  showProgress?: boolean;
  /** Embedding workers when EMBED_WORKERS is unset. */
  defaultWorkers: number;
  warmUp?: boolean;
  vectorCache?: boolean;
  /** A CLI run (ask, summary, quotes): its first embedding is a question someone waits for anyway (`PoolOptions.warmUpEmbedding`). */
  oneShot?: boolean;
}

async function openEngine(globals: GlobalOptions, opts: OpenOptions): Promise<{ engine: ArticleEngine; config: Config }> {
  const { loadConfig } = await loadConfigModule();
  const config = loadConfig(process.env, { corpusDir: globals.corpus, indexDir: globals.index });
  const workers = config.embeddings.workers ?? opts.defaultWorkers;
  // Cold start: the workers start loading the model now, in parallel with this thread loading the
  // engine's modules (LangChain, ~130 ms) and opening the index. The pool module itself is tiny.
  let embedPool: EmbedWorkerPool | undefined;
  const booted = bootedWorker;
  bootedWorker = undefined;
  if (config.embeddings.provider === "local" && workers > 0 && opts.warmUp !== false) {
    const [{ EmbedWorkerPool }, { codeCacheDir }] = await Promise.all([import("../index/workerPool"), import("../index/codeCache")]);
    embedPool = new EmbedWorkerPool({ size: workers, maxPending: config.embeddings.queueMax, warmUpEmbedding: !opts.oneShot, codeCacheDir: codeCacheDir(config.indexDir), ...(booted ? { booted } : {}) });
    embedPool.start();
  } else {
    booted?.discard();
  }
  const [{ createEngine }, { createLogger }, onProgress] = await Promise.all([import("../engine"), import("../log"), progressReporter(opts.showProgress ?? process.stderr.isTTY === true)]);
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : "warn");
  const engine = await createEngine(config, {
    logger,
    notify: (message) => process.stderr.write(`${message}\n`),
    onProgress,
    forceRebuild: opts.forceRebuild,
    embedWorkers: workers,
    ...(embedPool ? { embedPool } : {}),
    ...(opts.warmUp !== undefined ? { warmUp: opts.warmUp } : {}),
    ...(opts.vectorCache !== undefined ? { vectorCache: opts.vectorCache } : {}),
  });
  return { engine, config };
}

/** One worker for a question: the model loads on it while this thread opens the index. */
const QUESTION_WORKERS = 1;
/** The commands that ask one question of a model that loads for it (`QUESTION_WORKERS`). */
const QUESTION_COMMANDS = new Set(["ask", "summary", "quotes"]);

/**
 * The embedding worker thread `main` boots for a question command before commander and the
 * configuration are loaded (`BootedWorker`, ~30 ms sooner); `openEngine` hands it to its pool, or stops it.
 */
let bootedWorker: BootedWorker | undefined;

function formatContext(engine: ArticleEngine): FormatContext {
  return { docTitles: new Map(engine.documents().map((d) => [d.id, d.title])) };
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError("expected a whole number from 1 to 100");
  return n;
}

async function askCommand(question: string | undefined, options: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  if (question !== undefined && question.trim() === "") throw new UsageError("the question is empty");
  const { engine } = await openEngine(globals, { defaultWorkers: QUESTION_WORKERS, oneShot: true });
  const ctx = formatContext(engine);
  const answerOne = async (q: string) => {
    const result = await engine.ask(q);
    writeLine(options.json ? JSON.stringify({ question: result.question, answerable: result.answerable, answer: result.answer, citations: result.citations, short: result.short, mode: result.mode, ms: result.ms, ...(result.model ? { model: result.model } : {}), ...(result.notice ? { notice: result.notice } : {}) }) : formatAsk(result, ctx));
  };
  if (question !== undefined) return answerOne(question);

  // No question: one per line from stdin, model and index loaded once. A line that fails gets its own
  // error (a JSON line with --json) and the batch goes on; the exit code then says that some failed.
  if (process.stdin.isTTY) process.stderr.write("Type a question and press Enter (Ctrl-D to finish).\n");
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let asked = 0;
  let failed = 0;
  for await (const line of lines) {
    if (line.trim() === "") continue;
    if (asked++ > 0 && !options.json) writeLine("");
    try {
      await answerOne(line);
    } catch (err) {
      failed += 1;
      const message = err instanceof Error ? err.message : String(err);
      if (options.json) writeLine(JSON.stringify({ question: line, error: message }));
      else process.stderr.write(`article-bot: question ${asked}: ${message}\n`);
    }
  }
  if (asked === 0) throw new UsageError("no question given (pass one as an argument or one per line on stdin)");
  if (failed > 0) throw new BatchError(`${failed} of ${asked} question(s) could not be answered`);
}

async function summaryCommand(topic: string | undefined, options: { length: SummaryLength; json?: boolean }, globals: GlobalOptions): Promise<void> {
  const { engine } = await openEngine(globals, { defaultWorkers: QUESTION_WORKERS, oneShot: true });
  const result = await engine.summarize({ topic, length: options.length });
  writeLine(options.json ? JSON.stringify({ topic: result.topic, length: result.length, bullets: result.bullets, documents: result.documents.map((d) => ({ id: d.id, title: d.title })), found: result.found, mode: result.mode, ms: result.ms, ...(result.model ? { model: result.model } : {}), ...(result.notice ? { notice: result.notice } : {}) }) : formatSummary(result, formatContext(engine)));
}

async function quotesCommand(query: string, options: { limit?: number; speaker?: string; json?: boolean }, globals: GlobalOptions): Promise<void> {
  if (query.trim() === "") throw new UsageError("the query is empty");
  const { engine } = await openEngine(globals, { defaultWorkers: QUESTION_WORKERS, oneShot: true });
  const result = await engine.findQuotes(query, { limit: options.limit, speaker: options.speaker });
  writeLine(options.json ? JSON.stringify(result) : formatQuotes(result, formatContext(engine)));
}

async function ingestCommand(globals: GlobalOptions, options: { cache: boolean }): Promise<void> {
  const started = performance.now();
  // Every core embeds; workers start only if some text is not in the vector cache.
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const { engine, config } = await openEngine(globals, { forceRebuild: true, showProgress: true, defaultWorkers: cores, warmUp: false, vectorCache: options.cache });
  const status = engine.status();
  process.stderr.write(
    `Indexed ${status.documents} document(s), ${status.chunks} chunks with ${status.embeddings.provider} embeddings (${status.embeddings.dimensions} dimensions) into ${config.indexDir} in ${Math.round(performance.now() - started)} ms.\n`,
  );
}

async function serveCommand(globals: GlobalOptions): Promise<void> {
  const { loadConfig } = await loadConfigModule();
  const config = loadConfig(process.env, { corpusDir: globals.corpus, indexDir: globals.index });
  const [{ runServe }, { createLogger }] = await Promise.all([import("../app/serve"), import("../log")]);
  // One embedding worker measured best for serve on 2 cores (issue 14): the event loop stays free to ack.
  const workers = config.embeddings.workers ?? 1;
  try {
    await runServe({ ...config, embeddings: { ...config.embeddings, workers } }, createLogger(config.logLevel));
  } finally {
    // runServe has drained (up to its deadline): whatever is still pending (a hung socket, a library's
    // timer) must not keep a stopped server alive. The grace lets the exit code and last lines out.
    setTimeout(() => process.exit(), 500).unref();
  }
}

export function buildProgram(): Command {
  const program = new Command("article-bot")
    .description("Answer questions about news articles with quotes copied word for word from them.")
    .option("--corpus <dir>", "folder of .txt/.md articles (default: $CORPUS_DIR or ./corpus)")
    .option("--index <dir>", "index folder (default: $INDEX_DIR or ./.index)")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command("ask")
    .description(
      "answer a question with cited quotes, led by a line \"Short answer: …\" when it asks for a name, number, date, time, place, duration or sum; with no QUESTION, answer one per line from stdin",
    )
    .argument("[question]", "the question, in quotes")
    .option("--json", "print one JSON object per question: question, answerable, answer, citations, short ({text, docId, start, end} or null), mode, ms")
    .action((question: string | undefined, options: { json?: boolean }) => askCommand(question, options, globals()));

  program
    .command("summary")
    .description("summarize the article, or what it says on TOPIC, in verbatim bullets")
    .argument("[topic]", "focus the summary on this topic")
    .addOption(new Option("--length <length>", "how many bullets").choices(["short", "medium", "long"]).default("medium"))
    .option("--json", "print the result as JSON")
    .action((topic: string | undefined, options: { length: SummaryLength; json?: boolean }) => summaryCommand(topic, options, globals()));

  program
    .command("quotes")
    .description("find the passages that match words you remember, or what a person said")
    .argument("<query>", "words you remember, or e.g. \"what did Bukele say\"")
    .option("--limit <n>", "most matches to show (default 5)", parsePositiveInt)
    .option("--speaker <name>", "only statements by this speaker")
    .option("--json", "print the result as JSON")
    .action((query: string, options: { limit?: number; speaker?: string; json?: boolean }) => quotesCommand(query, options, globals()));

  program
    .command("ingest")
    .description("build the index from the corpus (other commands build it when missing or stale)")
    .option("--no-cache", "embed every text again instead of reusing vectors from earlier builds")
    .action((options: { cache: boolean }) => ingestCommand(globals(), options));

  program
    .command("serve")
    .description("run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on $PORT)")
    .action(() => serveCommand(globals()));

  return program;
}

/** Variables from `./.env`, when there is one; what the shell already exports wins (Node's own parser). */
function loadDotEnv(): void {
  const file = path.resolve(".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Entry point: never throws; sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  // `ask --help` and the like never start a worker; `--corpus DIR ask …` just misses the head start.
  if (QUESTION_COMMANDS.has(argv[0] ?? "") && !argv.some((a) => a === "--help" || a === "-h")) {
    const { BootedWorker } = await import("../index/workerPool");
    bootedWorker = new BootedWorker();
  }
  const program = buildProgram();
  try {
    loadDotEnv();
    if (argv.length === 0) {
      program.outputHelp();
      return;
    }
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has printed its message already (help and version exit with code 0).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const name = err instanceof Error ? err.name : "";
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof UsageError || name === "EngineInputError") {
      process.stderr.write(`article-bot: ${message}\n`);
      process.exitCode = 2;
      return;
    }
    if (name === "ConfigError" || name === "CorpusError") {
      process.stderr.write(`article-bot: ${message.split("\n").join("\narticle-bot: ")}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`article-bot: ${message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(err as Error).stack ?? ""}\n`);
    process.exitCode = 1;
  }
}
