/** The results file (JSON) and its markdown rendering, with the targets of issues 6 and 14 beside each figure. */
import type { BackendsResult } from "../sections/backends";
import type { ColdStartResult } from "../sections/coldStart";
import type { HopResult } from "../sections/hop";
import type { IngestResult } from "../sections/ingest";
import type { MemoryResult } from "../sections/memory";
import type { QueryResult } from "../sections/query";
import type { ScaleResult, ScaleRun } from "../sections/scale";
import type { SlackResult } from "../sections/slack";
import type { BuildInfo } from "./build";
import type { BeforeBuild } from "./before";
import { checkIssue14, renderIssue14 } from "./compare";
import type { MachineInfo } from "./machine";
import type { Distribution } from "./stats";

export interface Sections {
  ingest?: IngestResult;
  query?: QueryResult;
  memory?: MemoryResult;
  slack?: SlackResult;
  coldStart?: ColdStartResult;
  scale?: ScaleResult;
  backends?: BackendsResult;
  hop?: HopResult;
}

export type SectionName = keyof Sections;

export interface TargetCheck {
  section: SectionName;
  target: string;
  measured: string;
  /** null: not measured in this run. */
  met: boolean | null;
  note?: string;
}

export interface BenchResults {
  formatVersion: 1;
  mode: "full" | "quick";
  machine: MachineInfo;
  startedAt: string;
  durationMs: number;
  /** 1/5/15-minute load averages when the run ended (the start's are in machine). */
  loadAverageEnd: number[];
  build: BuildInfo | null;
  /** The design before issue 14, compiled for the cold-start comparison. */
  before?: BeforeBuild | null;
  sectionMs: Partial<Record<SectionName, number>>;
  errors: Partial<Record<SectionName, string>>;
  sections: Sections;
  targets: TargetCheck[];
}

export const TARGETS = {
  askP50Ms: 20,
  askP99Ms: 60,
  ackP99Ms: 50,
  recallAt10: 0.95,
  speedup: 20,
  hnswSize: 100_000,
  coldAskMs: 1500,
  rssMB: 350,
} as const;

const fmt = (x: number | undefined, digits?: number): string => {
  if (x === undefined || !Number.isFinite(x)) return "–";
  if (digits !== undefined) return x.toFixed(digits);
  return String(x);
};
const metCell = (met: boolean | null): string => (met === null ? "not measured" : met ? "✅ met" : "❌ not met");
const check = (value: number | undefined, limit: number, lowerIsBetter = true): boolean | null =>
  value === undefined || !Number.isFinite(value) ? null : lowerIsBetter ? value <= limit : value >= limit;

function defaultPoint(run: ScaleRun | undefined, ef: number) {
  return run?.points.find((p) => p.efSearch === ef);
}

export function checkTargets(s: Sections, mode: "full" | "quick"): TargetCheck[] {
  const out: TargetCheck[] = [];
  const q = s.query?.ask;
  out.push({ section: "query", target: `warm ask p50 ≤ ${TARGETS.askP50Ms} ms`, measured: q ? `${q.p50} ms` : "–", met: check(q?.p50, TARGETS.askP50Ms) });
  out.push({ section: "query", target: `warm ask p99 ≤ ${TARGETS.askP99Ms} ms`, measured: q ? `${q.p99} ms` : "–", met: check(q?.p99, TARGETS.askP99Ms) });
  for (const r of s.slack?.rows ?? []) {
    out.push({ section: "slack", target: `ack p99 ≤ ${TARGETS.ackP99Ms} ms: ${r.what}`, measured: `${r.ack.p99} ms (n=${r.n})`, met: check(r.ack.p99, TARGETS.ackP99Ms) });
  }
  if (!s.slack) out.push({ section: "slack", target: `ack p99 ≤ ${TARGETS.ackP99Ms} ms`, measured: "–", met: null });

  const ef = s.scale?.defaultParams.efSearch ?? 64;
  const m = s.scale?.defaultParams.m ?? 16;
  for (const set of ["clustered", "diffuse", "random"]) {
    const run = s.scale?.runs.find((r) => r.set === set && r.size === TARGETS.hnswSize && r.m === m);
    if (!run && set !== "clustered") continue;
    const p = defaultPoint(run, ef);
    const note = set === "random" ? "random unit vectors: the worst case, not what sentence embeddings look like" : set === "diffuse" ? "a harder clustered set" : undefined;
    const label = `${set} vectors, M=${m}, efSearch=${ef}`;
    out.push({
      section: "scale",
      target: `HNSW recall@10 ≥ ${TARGETS.recallAt10} at 100k (${label})`,
      measured: p ? String(p.recallAt10) : mode === "quick" ? "– (100k not built in --quick)" : "–",
      met: check(p?.recallAt10, TARGETS.recallAt10, false),
      ...(note ? { note } : {}),
    });
    const lowRecall = p !== undefined && p.recallAt10 < TARGETS.recallAt10;
    out.push({
      section: "scale",
      target: `HNSW ≥ ${TARGETS.speedup}× lower latency than brute force at 100k (${label})`,
      measured: p && run ? `${p.speedup}× (${p.p50Ms} ms vs ${run.exactP50Ms} ms)` : "–",
      met: check(p?.speedup, TARGETS.speedup, false),
      ...(note || lowRecall ? { note: [note, lowRecall ? "fast, but at a recall too low to count" : undefined].filter(Boolean).join("; ") } : {}),
    });
  }
  const built = s.coldStart?.rows.find((r) => r.what.includes("index built"));
  out.push({ section: "coldStart", target: `cold ask ≤ ${TARGETS.coldAskMs} ms with a built index`, measured: built ? `${built.medianMs} ms (median of ${built.runs})` : "–", met: check(built?.medianMs, TARGETS.coldAskMs) });
  const mem = s.memory;
  if (mem) {
    out.push({ section: "memory", target: `RSS ≤ ${TARGETS.rssMB} MB (CLI process, after ${mem.questions} questions)`, measured: `${fmt(mem.cli.rssAfterMB)} MB (peak ${fmt(mem.cli.peakMB)})`, met: check(Number.isFinite(mem.cli.peakMB) ? Math.max(mem.cli.rssAfterMB, mem.cli.peakMB) : Number.NaN, TARGETS.rssMB) });
    out.push({ section: "memory", target: `RSS ≤ ${TARGETS.rssMB} MB (bench process, after ${mem.questions} questions)`, measured: `${mem.inProcess.rssAfterMB} MB`, met: check(mem.inProcess.rssAfterMB, TARGETS.rssMB) });
    const samples = mem.inProcess.rssSamplesMB;
    const half = samples[Math.floor(samples.length / 2) - 1];
    const last = samples.at(-1);
    const growth = half !== undefined && last !== undefined ? Math.round((last - half) * 10) / 10 : Number.NaN;
    const tensorsStable = mem.inProcess.tensorsAfter === mem.inProcess.tensorsAfterLoad;
    out.push({
      section: "memory",
      target: "no growth: RSS flat over the second half of the questions (≤ 10 MB) and no leaked tensors",
      measured: `${fmt(growth)} MB; tensors ${mem.inProcess.tensorsAfterLoad} → ${mem.inProcess.tensorsAfter}`,
      met: Number.isFinite(growth) ? growth <= 10 && tensorsStable : null,
    });
  } else {
    out.push({ section: "memory", target: `RSS ≤ ${TARGETS.rssMB} MB`, measured: "–", met: null });
  }
  return [...out, ...checkIssue14(s)];
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const dist = (d: Distribution): Array<string | number> => [fmt(d.p50), fmt(d.p95), fmt(d.p99), fmt(d.mean), fmt(d.max)];

function ingestSection(r: IngestResult): string {
  const rows = r.rows.map((x) => [
    x.corpus,
    x.documents,
    x.chunks.toLocaleString("en-US"),
    x.sentences.toLocaleString("en-US"),
    x.embeddedTexts.toLocaleString("en-US"),
    fmt(x.buildMs / 1000, 2),
    fmt(x.embedMs / 1000, 2),
    fmt(x.sentencesPerSec),
    fmt(x.textsPerSec),
    fmt(x.indexWriteMs),
    fmt(x.indexMB),
    x.ask ? `${x.ask.p50} / ${x.ask.p95}` : "–",
  ]);
  const c = r.compare;
  const compare = c
    ? [
        "",
        `The old design against today's on ${c.corpus} (${c.documents} documents, ${c.texts.toLocaleString("en-US")} texts), in this run${c.rounds > 1 ? `; the first two rows are the means of ${c.rounds} builds each, interleaved (old, new, new, old…)` : ""}:`,
        "",
        table(
          ["build", "s", "texts/s", "texts embedded"],
          [
            ["before: calling thread, no reuse (EMBED_WORKERS=0)", fmt(c.before.buildMs / 1000, 2), fmt(c.before.textsPerSec), c.before.embedded],
            ["1 worker, no reuse", fmt(c.oneWorker.buildMs / 1000, 2), fmt(c.oneWorker.textsPerSec), c.oneWorker.embedded],
            [`${c.workers} workers, first build`, fmt(c.allWorkers.buildMs / 1000, 2), fmt(c.allWorkers.textsPerSec), c.allWorkers.embedded],
            [`${c.workers} workers, forced rebuild, nothing changed`, fmt(c.unchanged.buildMs / 1000, 2), "–", c.unchanged.embedded],
            [`${c.workers} workers, rebuild after one document was replaced (${c.oneChanged.changedDocumentTexts} texts)`, fmt(c.oneChanged.buildMs / 1000, 2), "–", c.oneChanged.embedded],
          ],
        ),
      ]
    : [];
  return [
    `Built with ${r.workers} embedding worker(s) (every core). Model load in each worker (Universal Sentence Encoder lite, first embedding included): ${r.modelLoadMs} ms, not counted below. Synthetic corpora: seed ${r.seed}, paragraphs of 2–3 of the article's sentences with 1–2 words swapped, one chunk each, 100 paragraphs per document.`,
    "",
    table(["corpus", "docs", "chunks", "sentences", "texts embedded", "build s", "embedding s", "sentences/s", "texts/s", "HNSW + files ms", "index MB", "ask p50 / p95 ms on it"], rows),
    ...compare,
  ].join("\n");
}

function querySection(r: QueryResult): string {
  const p = r.parts;
  const rows: Array<Array<string | number>> = [
    ["**ask, end to end**", ...dist(r.ask), `p50 ≤ ${TARGETS.askP50Ms}, p99 ≤ ${TARGETS.askP99Ms}`, `${metCell(check(r.ask.p50, TARGETS.askP50Ms))} / ${metCell(check(r.ask.p99, TARGETS.askP99Ms))}`],
    ["query embedding", ...dist(p.embed), "", ""],
    ["vector search (HNSW)", ...dist(p.vector), "", ""],
    ["BM25 (minisearch)", ...dist(p.lexical), "", ""],
    ["fusion + sentence scoring", ...dist(p.score), "", ""],
    ["answer assembly (evidence + extractive)", ...dist(p.answer), "", ""],
    ["retrieve() total (embed + search + scoring)", ...dist(p.retrieveAll), "", ""],
  ];
  return [
    `${r.questions} evaluation questions (${r.answerable} answered, the rest refused) × ${r.rounds} round(s) = ${r.ask.n} warm asks, offline (LLM_PROVIDER=none); parts measured in separate passes. p50 per round: ${r.roundP50.join(", ")} ms. Process CPU time per ask: ${r.cpuMsPerAsk} ms (mean wall time ${r.ask.mean} ms).`,
    "",
    table(["stage (ms)", "p50", "p95", "p99", "mean", "max", "target", "met"], rows),
  ].join("\n");
}

function backendsSection(r: BackendsResult): string {
  const rows = r.rows.map((x) =>
    x.error
      ? [x.label, "–", "–", "–", "–", "–", "–", "–", "–", `error: ${x.error}`]
      : [x.label, x.backend, x.binary, x.threads, fmt(x.modelLoadMs), fmt(x.query.p50), fmt(x.query.p95), fmt(x.batchSentencesPerSec), fmt(x.minCosineToDefault), x.identical ? "yes" : "no"],
  );
  const first = r.rows.find((x) => !x.error);
  const strategies = r.rows.find((x) => x.strategies !== undefined)?.strategies;
  const strategyTable = strategies
    ? [
        "",
        "Index builds: the texts `buildIndex` embeds for the article (its chunks, then its sentences), embedded in different batches by the default variant. The model pads every batch to its longest text.",
        "",
        table(["batching", "texts/s", "min cosine vs the first row"], strategies.map((x) => [x.strategy, fmt(x.textsPerSec), fmt(x.minCosine)])),
      ]
    : [];
  return [
    `Backends registered in \`@energetic-ai/core\` (tfjs-core ${first?.tfjsVersion ?? "?"}): ${first?.registeredBackends.join(", ") || "?"}. \`@tensorflow/tfjs-backend-cpu\` installed: ${r.cpuBackendAvailable ? "yes" : "no"}. Each variant runs in its own process.`,
    "",
    table(["variant", "backend", "binary", "threads", "model load ms", "query p50 ms", "query p95 ms", "batch sentences/s", "min cosine vs default", "same vectors (≥ 0.9999)"], rows),
    ...strategyTable,
  ].join("\n");
}

function scaleSection(r: ScaleResult): string {
  const efs = [...new Set(r.runs.flatMap((x) => x.points.map((p) => p.efSearch)))].sort((a, b) => a - b);
  const rows = r.runs.map((x) => [
    x.set,
    x.size.toLocaleString("en-US"),
    x.m,
    fmt(x.buildMs / 1000, 1),
    fmt(x.exactP50Ms),
    ...efs.map((ef) => {
      const p = x.points.find((pt) => pt.efSearch === ef);
      return p ? `${p.recallAt10.toFixed(3)} · ${p.p50Ms} ms · ${p.speedup}×` : "–";
    }),
  ]);
  return [
    `${r.dims}-dimensional unit vectors, ${r.queries} held-out queries (drawn from the same distribution, not in the index), k = 10, efConstruction ${r.defaultParams.efConstruction}; the project's defaults are M = ${r.defaultParams.m}, efSearch = ${r.defaultParams.efSearch}. Built with ${r.builtWith}. Exact search: a plain loop over a Float32Array (dot products of unit vectors = cosine), single thread.`,
    "",
    ...r.sets.map((s) => `- **${s.name}**: ${s.description}; mean cosine of a query to its nearest neighbour: ${s.nearestCosine}`),
    "",
    "Each efSearch cell: recall@10 against exact · HNSW p50 latency · speed-up over exact p50.",
    "",
    table(["set", "vectors", "M", "build s", "exact p50 ms", ...efs.map((ef) => `efSearch ${ef}`)], rows),
  ].join("\n");
}

function coldSection(r: ColdStartResult): string {
  const rows = [...r.rows, ...r.pairs.flatMap((p) => (p.before ? [p.before] : []))].map((x) => {
    const isTarget = x.what.includes("index built") && !x.what.includes("before");
    return [x.what, x.runs, fmt(x.medianMs), fmt(x.minMs), fmt(x.maxMs), fmt(x.engineMs), isTarget ? `≤ ${TARGETS.coldAskMs} ms` : "", isTarget ? metCell(check(x.medianMs, TARGETS.coldAskMs)) : ""];
  });
  return [
    `Wall time of a new process, spawn to exit, question "${r.question}" (offline). "engine ms" is the answer's own \`ms\` (from the question's arrival; with a worker it includes waiting for the model, which loads beside the index). \`npx article-bot\` adds about 0.7 s to every figure here (npm's own start-up): scripts should call \`node bin/article-bot.js\` or the installed binary.`,
    "",
    table(["command", "runs", "median ms", "min ms", "max ms", "engine ms", "target", "met"], rows),
  ].join("\n");
}

function slackSection(r: SlackResult): string {
  const rows = r.rows.map((x) => [x.what, x.n, fmt(x.ack.p50), fmt(x.ack.p95), fmt(x.ack.p99), fmt(x.answer.p50), fmt(x.answer.p95), fmt(x.answer.p99), metCell(check(x.ack.p99, TARGETS.ackP99Ms))]);
  const label = { now: "now (one worker)", inThread: "today, EMBED_WORKERS=0", before: `before (${r.beforeCommit ?? "old commit"})` } as const;
  const bursts = r.bursts.map((b) => [label[b.design], b.connections === "open" ? "open before" : "new each", b.size, b.rounds, b.n, fmt(b.ack.p50), fmt(b.ack.p99), fmt(b.ack.max), `${b.acksOver1s} / ${b.acksOver3s}`, fmt(b.answer.p50), fmt(b.answer.p99), b.busy, b.failures]);
  return [
    `The real \`node bin/article-bot.js serve\` (HTTP receiver, memory stores, offline engine) in its own process; requests signed with HMAC-SHA256 over \`v0:timestamp:body\`, each on a new loopback connection; a fake Web API (node:http on 127.0.0.1) notes when the answer arrives. Failures: ${r.failures}. Web API calls received: ${Object.entries(r.webApiCalls).map(([k, v]) => `${k} ${v}`).join(", ")}.`,
    "",
    table(["request", "n", "ack p50 ms", "ack p95", "ack p99", "answer p50 ms", "answer p95", "answer p99", `ack p99 ≤ ${TARGETS.ackP99Ms} ms`], rows),
    "",
    "Bursts: N signed mentions sent at once (bodies signed beforehand) by a process of its own (`bench/lib/burstSender.ts`), the next burst once every answer of the last has arrived. Each burst is sent twice: on a new connection per request (TCP set-up inside the ack time, as in the rows above), and on connections opened (and accepted by serve) before the burst, all requests then written at once.",
    "",
    table(["design", "connections", "simultaneous", "rounds", "acks", "ack p50 ms", "ack p99", "ack max", "acks ≥ 1 s / ≥ 3 s", "answer p50 ms", "answer p99", "busy", "failed"], bursts),
    "",
    `RSS of the serve process after the bursts: ${r.memory.map((m) => `${m.design}${m.connections !== undefined ? ` (${m.connections === "open" ? "connections open before" : "new connections"})` : ""} ${m.rssMB} MB (peak ${m.peakMB})`).join(", ")}.`,
  ].join("\n");
}

function hopSection(r: HopResult): string {
  const rows = [
    ["calling thread (EMBED_WORKERS=0, before)", ...dist(r.inThread)],
    ["one worker thread (now)", ...dist(r.worker)],
  ];
  return [`${r.questions} evaluation questions × ${r.rounds} rounds, two engines over the same index in one process, interleaved. Worker p50 − in-thread p50: ${r.p50DeltaMs} ms.`, "", table(["query embedding on", "p50 ms", "p95", "p99", "mean", "max"], rows)].join("\n");
}

function memorySection(r: MemoryResult): string {
  const i = r.inProcess;
  const c = r.cli;
  const rows = [
    ["CLI: `node bin/article-bot.js ask --json`, questions on stdin", "–", fmt(c.rssAfterLoadMB), fmt(c.rssAfterMB), fmt(c.peakMB), "–", "–", metCell(check(Math.max(c.rssAfterMB, c.peakMB), TARGETS.rssMB))],
    ["bench worker (tsx, --expose-gc)", fmt(i.rssAfterOpenMB), fmt(i.rssAfterLoadMB), fmt(i.rssAfterMB), "–", `${i.heapAfterLoadMB} → ${i.heapAfterMB}`, `${i.tensorsAfterLoad} → ${i.tensorsAfter}`, metCell(check(i.rssAfterMB, TARGETS.rssMB))],
  ];
  return [
    `RSS after the engine is loaded and has answered one question (model loaded), then after ${r.questions} questions cycling through the evaluation set.${c.error ? ` CLI error: ${c.error}` : ""}`,
    "",
    table(["process", "RSS index open MB", "RSS after load MB", `RSS after ${r.questions} MB`, "peak MB", "heap MB (after GC)", "tf tensors", `≤ ${TARGETS.rssMB} MB`], rows),
    "",
    `RSS every ${Math.round(r.questions / Math.max(1, i.rssSamplesMB.length))} questions (bench worker): ${i.rssSamplesMB.join(", ")} MB. ArrayBuffers (TensorFlow.js WASM memory included): ${i.arrayBuffersAfterLoadMB} → ${i.arrayBuffersAfterMB} MB; external: ${i.externalAfterLoadMB} → ${i.externalAfterMB} MB.`,
  ].join("\n");
}

export function renderMarkdown(res: BenchResults): string {
  const m = res.machine;
  const s = res.sections;
  const parts: string[] = [
    "# article-bot benchmark",
    "",
    `Measured ${m.date} on **${m.cpuModel}**, ${m.cores} cores, ${m.memoryGB} GB RAM, Node ${m.node} (V8 ${m.v8}), ${m.platform} (kernel ${m.kernel})${m.gitCommit ? `, commit ${m.gitCommit}` : ""}. Mode: **${res.mode}**${res.mode === "quick" ? " (a smoke run: few iterations, small sizes; figures are indicative only)" : ""}. Total time ${(res.durationMs / 1000).toFixed(0)} s. Load average (1/5/15 min) at start: ${m.loadAverage.join(", ")}; at the end: ${res.loadAverageEnd.join(", ")} (on ${m.cores} cores, other work on the machine shows up here).`,
    "",
    `Regenerate with \`npm run bench\` (or \`npm run bench -- --quick\`). Every figure is wall-clock time on this machine, which is shared and noisy: compare runs on the same machine only.`,
  ];
  if (res.build) parts.push("", `Build: ${res.build.message}${res.build.rebuilt ? ` (${(res.build.ms / 1000).toFixed(1)} s)` : ""}.`);
  if (res.before) parts.push("", `Old design for the comparisons: ${res.before.ok ? `commit ${res.before.commit}, compiled in ${(res.before.ms / 1000).toFixed(1)} s` : `commit ${res.before.commit} could not be built (${res.before.message})`}.`);
  parts.push("", "## Targets (issues 6 and 14)", "", table(["section", "target", "measured", "met", "note"], res.targets.map((t) => [t.section, t.target, t.measured, metCell(t.met), t.note ?? ""])));
  const section = (name: SectionName, title: string, render: () => string) => {
    parts.push("", `## ${title}`, "");
    const err = res.errors[name];
    if (err) parts.push(`**Not measured: ${err}**`);
    else if (s[name] === undefined) parts.push("Not run.");
    else parts.push(render());
    const ms = res.sectionMs[name];
    if (ms !== undefined) parts.push("", `_Section time: ${(ms / 1000).toFixed(1)} s._`);
  };
  parts.push("", "## Issue 14: before and after, in this run", "", renderIssue14(s));
  section("ingest", "Ingest", () => ingestSection(s.ingest as IngestResult));
  section("query", "Query (warm, offline)", () => querySection(s.query as QueryResult));
  section("backends", "Embedding backends (TensorFlow.js)", () => backendsSection(s.backends as BackendsResult));
  section("scale", "Scale: HNSW against exact search", () => scaleSection(s.scale as ScaleResult));
  section("hop", "Warm ask: the hop to the embedding worker", () => hopSection(s.hop as HopResult));
  section("coldStart", "Cold start (CLI)", () => coldSection(s.coldStart as ColdStartResult));
  section("slack", "Slack path (loopback)", () => slackSection(s.slack as SlackResult));
  section("memory", "Memory", () => memorySection(s.memory as MemoryResult));
  return `${parts.join("\n")}\n`;
}
