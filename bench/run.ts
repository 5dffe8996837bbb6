/**
 * `npm run bench [-- --quick] [-- --large] [-- --only ingest,query,...] [-- --keep-temp]`
 *
 * Measures speed, memory and scale on this machine and writes bench/results/latest.md and latest.json
 * (issue #6). Each section runs in its own process with a timeout (see lib/child.ts); all work happens
 * in a temporary folder (never the repository's .index), on loopback only. `--quick` is a smoke run of
 * a few iterations for CI (under a minute once dist/ is built).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BackendsResult, runBackends } from "./sections/backends";
import type { ColdStartInput, ColdStartResult } from "./sections/coldStart";
import type { HopInput, HopResult } from "./sections/hop";
import type { IngestInput, IngestResult } from "./sections/ingest";
import type { MemoryInput, MemoryResult } from "./sections/memory";
import type { QueryInput, QueryResult } from "./sections/query";
import type { ScaleInput, ScaleResult } from "./sections/scale";
import type { SlackInput, SlackResult } from "./sections/slack";
import { type BeforeBuild, BEFORE_COMMIT, buildBefore } from "./lib/before";
import { type BuildInfo, ensureBuilt } from "./lib/build";
import { BENCH_DIR, REPO_ROOT, runWorker } from "./lib/child";
import { progress } from "./lib/log";
import { machineInfo } from "./lib/machine";
import { type BenchResults, type SectionName, type Sections, checkTargets, renderMarkdown } from "./lib/report";
import { removeDir, tempDir } from "./lib/setup";
import { now } from "./lib/stats";

const ALL: SectionName[] = ["ingest", "query", "hop", "backends", "scale", "coldStart", "slack", "memory"];
const NEEDS_DIST: SectionName[] = ["coldStart", "memory", "slack"];

interface Args {
  /** Re-render markdown (and targets) from an existing results file; measure nothing. */
  render?: string;
  quick: boolean;
  /** Also build and query a 10,000-chunk synthetic corpus (about 15 minutes more on 2 quiet cores). */
  large: boolean;
  only: SectionName[];
  keepTemp: boolean;
  outDir: string;
  /** The commit whose build is the cold-start "before" (issue 14). */
  before: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, large: false, only: ALL, keepTemp: false, outDir: path.join(BENCH_DIR, "results"), before: BEFORE_COMMIT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--quick") args.quick = true;
    else if (a === "--large") args.large = true;
    else if (a === "--keep-temp") args.keepTemp = true;
    else if (a === "--render" || a.startsWith("--render=")) args.render = path.resolve(a.includes("=") ? a.slice("--render=".length) : (argv[++i] ?? ""));
    else if (a === "--only" || a.startsWith("--only=")) {
      const list = a.includes("=") ? a.slice("--only=".length) : (argv[++i] ?? "");
      const names = list.split(",").map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !ALL.includes(n as SectionName));
      if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}; known: ${ALL.join(", ")}`);
      args.only = names as SectionName[];
    } else if (a === "--out" || a.startsWith("--out=")) {
      args.outDir = path.resolve(a.includes("=") ? a.slice("--out=".length) : (argv[++i] ?? ""));
    } else if (a === "--before" || a.startsWith("--before=")) {
      args.before = a.includes("=") ? a.slice("--before=".length) : (argv[++i] ?? "");
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`usage: npm run bench [-- --quick] [-- --large] [-- --only ${ALL.join(",")}] [-- --keep-temp] [-- --out DIR] [-- --before COMMIT] [-- --render RESULTS.json]\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

const MIN = 60_000;

function plan(quick: boolean, large: boolean, workDir: string) {
  const articleIndex = path.join(workDir, "article-index");
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return {
    // The 1,000-chunk corpus (ten documents) is built in the old-design comparison; 10,000 only with --large.
    ingest: { workDir, articleIndexDir: articleIndex, syntheticChunks: quick ? [20] : large ? [10_000] : [], askSample: quick ? 20 : 1000, workers: cores, compareChunks: quick ? 100 : 1_000, compareRounds: quick ? 1 : 2 } satisfies IngestInput,
    query: { indexDir: articleIndex, warmupRounds: quick ? 1 : 3, rounds: quick ? 1 : 5, partRounds: quick ? 1 : 3, ...(quick ? { questionLimit: 30 } : {}) } satisfies QueryInput,
    hop: { indexDir: articleIndex, warmupRounds: quick ? 1 : 2, rounds: quick ? 1 : 5, ...(quick ? { questionLimit: 30 } : {}) } satisfies HopInput,
    scale: {
      articleIndexDir: articleIndex,
      sizes: quick ? [1_000] : [10_000, 100_000],
      queries: quick ? 20 : 200,
      efSearch: [16, 32, 64, 128, 256],
      mValues: quick ? [16] : [8, 16, 32],
      sets: quick ? ["clustered", "random"] : ["clustered", "diffuse", "random"],
    } satisfies ScaleInput,
    coldStart: { workDir, articleIndexDir: articleIndex, question: "When does Kristi Noem visit El Salvador?", runsBuilt: quick ? 2 : 7, runsFresh: quick ? 1 : 3, runsBaseline: quick ? 2 : 7, timeoutMs: 2 * MIN } satisfies Omit<ColdStartInput, "before">,
    slack: {
      indexDir: articleIndex,
      dataDir: path.join(workDir, "slack-data"),
      mentions: quick ? 20 : 200,
      commands: quick ? 10 : 100,
      warmup: quick ? 2 : 5,
      bursts: quick
        ? [{ size: 1, rounds: 5 }, { size: 20, rounds: 1 }, { size: 50, rounds: 1 }, { size: 150, rounds: 1 }]
        : [{ size: 1, rounds: 50 }, { size: 20, rounds: 10 }, { size: 50, rounds: 6 }, { size: 150, rounds: 3 }],
      answerTimeoutMs: 30_000,
    } satisfies SlackInput,
    memory: { indexDir: articleIndex, questions: quick ? 50 : 1_000, sampleEvery: quick ? 10 : 100, cliTimeoutMs: 10 * MIN } satisfies MemoryInput,
    backends: { workDir, ...(quick ? { questionLimit: 30 } : { strategies: true }), warmupRounds: quick ? 0 : 2, rounds: quick ? 1 : 3, batchRepeats: quick ? 1 : 3, timeoutMs: 10 * MIN },
    timeouts: {
      ingest: quick ? 15 * MIN : 90 * MIN,
      scale: quick ? 5 * MIN : 120 * MIN,
      other: quick ? 5 * MIN : 20 * MIN,
    },
  };
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** `--render FILE.json`: rewrite FILE.md from FILE.json (after a change to the report's wording). */
function rerender(file: string): void {
  const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  results.targets = checkTargets(results.sections, results.mode);
  const markdown = renderMarkdown(results);
  writeAtomic(file, `${JSON.stringify(results, null, 2)}\n`);
  writeAtomic(file.replace(/\.json$/, ".md"), markdown);
  process.stdout.write(markdown);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.render !== undefined) {
    rerender(args.render);
    return;
  }
  const started = now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo(REPO_ROOT);
  const workDir = tempDir("run");
  const p = plan(args.quick, args.large, workDir);
  progress(`${args.quick ? "quick" : "full"} run of ${args.only.join(", ")} in ${workDir}`);

  let build: BuildInfo | null = null;
  if (args.only.some((s) => NEEDS_DIST.includes(s))) {
    build = await ensureBuilt(REPO_ROOT, 5 * MIN);
    progress(`build: ${build.message}`);
  }
  let before: BeforeBuild | null = null;
  if (args.only.includes("coldStart") || args.only.includes("slack")) {
    before = await buildBefore(REPO_ROOT, workDir, args.before, 5 * MIN);
    progress(`before: ${before.message}`);
  }

  const sections: Sections = {};
  const errors: BenchResults["errors"] = {};
  const sectionMs: BenchResults["sectionMs"] = {};
  const worker = <T>(task: string, input: unknown, timeoutMs: number) => runWorker<T>(task, input, workDir, { timeoutMs, nodeFlags: ["--expose-gc"] });
  const runners: Record<SectionName, () => Promise<void>> = {
    ingest: async () => void (sections.ingest = await worker<IngestResult>("ingest", p.ingest, p.timeouts.ingest)),
    query: async () => void (sections.query = await worker<QueryResult>("query", p.query, p.timeouts.other)),
    hop: async () => void (sections.hop = await worker<HopResult>("hop", p.hop, p.timeouts.other)),
    backends: async () => void (sections.backends = (await runBackends({ ...p.backends, variants: args.quick ? ["default"] : undefined })) satisfies BackendsResult),
    scale: async () => void (sections.scale = await worker<ScaleResult>("scale", p.scale, p.timeouts.scale)),
    coldStart: async () =>
      void (sections.coldStart = await worker<ColdStartResult>("cold-start", { ...p.coldStart, ...(before?.ok ? { before: { dir: before.dir, commit: before.commit } } : {}) } satisfies ColdStartInput, p.timeouts.other)),
    slack: async () => void (sections.slack = await worker<SlackResult>("slack", { ...p.slack, ...(before?.ok ? { before: { dir: before.dir, commit: before.commit } } : {}) } satisfies SlackInput, p.timeouts.other)),
    memory: async () => void (sections.memory = await worker<MemoryResult>("memory", p.memory, p.timeouts.other)),
  };
  try {
    for (const name of ALL.filter((s) => args.only.includes(s))) {
      progress(`section ${name}…`);
      const t0 = now();
      try {
        if (NEEDS_DIST.includes(name) && build && !build.ok && !build.rebuilt) throw new Error(`dist/ could not be built: ${build.message}`);
        await runners[name]();
      } catch (err) {
        errors[name] = (err as Error).message;
        progress(`section ${name} failed: ${(err as Error).message}`);
      }
      sectionMs[name] = Math.round(now() - t0);
      progress(`section ${name} done in ${(sectionMs[name] / 1000).toFixed(1)} s`);
    }
  } finally {
    if (!args.keepTemp) removeDir(workDir);
  }

  const mode = args.quick ? "quick" : "full";
  const results: BenchResults = {
    formatVersion: 1,
    mode,
    machine,
    startedAt,
    durationMs: Math.round(now() - started),
    loadAverageEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    build,
    before,
    sectionMs,
    errors,
    sections,
    targets: checkTargets(sections, mode),
  };
  mkdirSync(args.outDir, { recursive: true });
  const markdown = renderMarkdown(results);
  const base = args.quick ? "quick" : "latest";
  writeAtomic(path.join(args.outDir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeAtomic(path.join(args.outDir, `${base}.md`), markdown);
  process.stdout.write(markdown);
  progress(`wrote ${path.join(args.outDir, `${base}.md`)} and .json in ${(results.durationMs / 1000).toFixed(0)} s`);
  if (Object.keys(errors).length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
