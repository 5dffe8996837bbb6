/**
 * Issue 14's figures: each beside the same figure for the design before it, measured in the same run,
 * with the ratio (the machine is shared and noisy, so a ratio within one run is the honest comparison),
 * and the issue's targets.
 */
import type { ColdStartResult } from "../sections/coldStart";
import type { HopResult } from "../sections/hop";
import type { IngestResult } from "../sections/ingest";
import type { BurstRow, Connections, SlackResult } from "../sections/slack";
import type { SectionName, TargetCheck } from "./report";

export const TARGETS_14 = {
  ackP99At20Ms: 50,
  ackP99At50Ms: 100,
  ackMaxAt150Ms: 1000,
  ingestSpeedup: 1.7,
  unchangedRebuildMs: 2000,
  oneChangedShare: 0.2,
  hopP50Ms: 1,
  coldHelpMs: 120,
  coldAskMs: 550,
  serveRssMB: 400,
} as const;

export interface Issue14Sections {
  slack?: SlackResult;
  ingest?: IngestResult;
  hop?: HopResult;
  coldStart?: ColdStartResult;
}

const num = (x: number | undefined, digits = 0): string => (x === undefined || !Number.isFinite(x) ? "–" : digits > 0 ? x.toFixed(digits) : String(Math.round(x * 100) / 100));
const ratio = (before: number | undefined, now: number | undefined): string =>
  before === undefined || now === undefined || !Number.isFinite(before) || !Number.isFinite(now) || now === 0 ? "–" : `${(before / now).toFixed(2)}×`;
const within = (value: number | undefined, limit: number, lowerIsBetter = true): boolean | null =>
  value === undefined || !Number.isFinite(value) ? null : lowerIsBetter ? value <= limit : value >= limit;

function burstOf(s: SlackResult | undefined, design: "now" | "inThread" | "before", size: number, connections: Connections = "fresh"): BurstRow | undefined {
  return s?.bursts.find((b) => b.design === design && b.size === size && (b.connections ?? "fresh") === connections);
}

const CONNECTION_LABEL: Record<Connections, string> = { fresh: "a new connection each", open: "connections open before the burst" };

export function checkIssue14(s: Issue14Sections): TargetCheck[] {
  const out: TargetCheck[] = [];
  const push = (section: SectionName, target: string, measured: string, met: boolean | null, note?: string) => out.push({ section, target, measured, met, ...(note ? { note } : {}) });
  for (const connections of ["open", "fresh"] as const) {
    const b20 = burstOf(s.slack, "now", 20, connections);
    const b50 = burstOf(s.slack, "now", 50, connections);
    const b150 = burstOf(s.slack, "now", 150, connections);
    if (connections === "open" && !b20 && !b50 && !b150) continue;
    const how = CONNECTION_LABEL[connections];
    push("slack", `ack p99 ≤ ${TARGETS_14.ackP99At20Ms} ms, 20 simultaneous mentions (${how})`, b20 ? `${b20.ack.p99} ms (n=${b20.n})` : "–", within(b20?.ack.p99, TARGETS_14.ackP99At20Ms));
    push("slack", `ack p99 ≤ ${TARGETS_14.ackP99At50Ms} ms, 50 simultaneous mentions (${how})`, b50 ? `${b50.ack.p99} ms (n=${b50.n})` : "–", within(b50?.ack.p99, TARGETS_14.ackP99At50Ms));
    push("slack", `every ack < ${TARGETS_14.ackMaxAt150Ms} ms, 150 simultaneous mentions (${how})`, b150 ? `max ${b150.ack.max} ms (n=${b150.n}, busy ${b150.busy})` : "–", b150 ? b150.ack.max < TARGETS_14.ackMaxAt150Ms && b150.failures === 0 : null);
  }
  for (const m of s.slack?.memory.filter((x) => x.design === "now") ?? []) {
    const how = m.connections !== undefined ? `, ${CONNECTION_LABEL[m.connections]}` : "";
    push("slack", `serve RSS ≤ ${TARGETS_14.serveRssMB} MB (after the bursts${how})`, `${m.rssMB} MB (peak ${m.peakMB})`, within(Math.max(m.rssMB, m.peakMB), TARGETS_14.serveRssMB));
  }

  const c = s.ingest?.compare;
  const speedup = c ? c.allWorkers.textsPerSec / c.before.textsPerSec : undefined;
  push("ingest", `ingest ≥ ${TARGETS_14.ingestSpeedup}× the old design's texts/s (${c?.workers ?? "N"} workers)`, c ? `${num(speedup, 2)}× (${c.allWorkers.textsPerSec} vs ${c.before.textsPerSec} texts/s)` : "–", within(speedup, TARGETS_14.ingestSpeedup, false));
  push("ingest", `forced rebuild of an unchanged corpus ≤ ${TARGETS_14.unchangedRebuildMs / 1000} s`, c ? `${num(c.unchanged.buildMs / 1000, 2)} s (${c.texts} texts, ${c.unchanged.embedded} embedded)` : "–", within(c?.unchanged.buildMs, TARGETS_14.unchangedRebuildMs));
  const share = c ? c.oneChanged.buildMs / c.allWorkers.buildMs : undefined;
  push("ingest", `one changed document of ${c?.documents ?? 10} ≤ ${TARGETS_14.oneChangedShare * 100}% of a full build`, c ? `${num((share ?? 0) * 100, 1)}% (${num(c.oneChanged.buildMs / 1000, 2)} s of ${num(c.allWorkers.buildMs / 1000, 2)} s)` : "–", within(share, TARGETS_14.oneChangedShare));

  const h = s.hop;
  push("hop", `warm ask p50 with the worker ≤ in-thread + ${TARGETS_14.hopP50Ms} ms`, h ? `${h.worker.p50} vs ${h.inThread.p50} ms (${h.p50DeltaMs >= 0 ? "+" : ""}${h.p50DeltaMs} ms)` : "–", h ? h.p50DeltaMs <= TARGETS_14.hopP50Ms : null);

  const help = s.coldStart?.pairs.find((p) => p.what === "help");
  const ask = s.coldStart?.pairs.find((p) => p.what === "ask");
  push("coldStart", `cold --help ≤ ${TARGETS_14.coldHelpMs} ms`, help ? `${help.now.medianMs} ms (median of ${help.now.runs})` : "–", within(help?.now.medianMs, TARGETS_14.coldHelpMs));
  push("coldStart", `cold \`node bin/article-bot.js ask\`, index built, ≤ ${TARGETS_14.coldAskMs} ms`, ask ? `${ask.now.medianMs} ms (median of ${ask.now.runs})` : "–", within(ask?.now.medianMs, TARGETS_14.coldAskMs));
  return out;
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map((x) => String(x).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The before/now table: lower-is-better figures get before/now as the ratio, higher-is-better now/before. */
export function renderIssue14(s: Issue14Sections): string {
  const rows: Array<Array<string | number>> = [];
  const pair = (b: BurstRow | undefined, f: (x: BurstRow) => string) => (b ? f(b) : "–");
  const kinds = [...new Set(s.slack?.bursts.map((b) => b.connections ?? "fresh") ?? [])];
  for (const connections of kinds) for (const size of [...new Set(s.slack?.bursts.map((b) => b.size) ?? [])].sort((a, b) => a - b)) {
    const how = kinds.length > 1 ? `, ${CONNECTION_LABEL[connections]}` : "";
    const now = burstOf(s.slack, "now", size, connections);
    const inThread = burstOf(s.slack, "inThread", size, connections);
    const before = burstOf(s.slack, "before", size, connections);
    const acks = (x: BurstRow) => `${x.ack.p50} / ${x.ack.p99}`;
    rows.push([`ack p50 / p99 ms, ${size} simultaneous mention${size === 1 ? "" : "s"}${how}`, pair(before, acks), pair(inThread, acks), pair(now, acks), ratio(before?.ack.p99, now?.ack.p99)]);
    const slowest = (x: BurstRow) => `${x.ack.max} (${x.acksOver1s} / ${x.acksOver3s})`;
    if (size >= 50) rows.push([`slowest ack ms, ${size} simultaneous${how} (acks ≥ 1 s / ≥ 3 s)`, pair(before, slowest), pair(inThread, slowest), pair(now, slowest), ratio(before?.ack.max, now?.ack.max)]);
    const answers = (x: BurstRow) => `${x.answer.p50} / ${x.answer.p99}${x.busy > 0 ? ` (${x.busy} busy)` : ""}`;
    rows.push([`answer p50 / p99 ms, ${size} simultaneous${how}`, pair(before, answers), pair(inThread, answers), pair(now, answers), ratio(before?.answer.p50, now?.answer.p50)]);
  }
  const memText = (m: { rssMB: number; peakMB: number } | undefined) => (m ? `${m.rssMB} (${m.peakMB})` : "–");
  for (const connections of [...new Set(s.slack?.memory.map((m) => m.connections) ?? [])]) {
    const mem = (d: "now" | "inThread" | "before") => s.slack?.memory.find((m) => m.design === d && m.connections === connections);
    const how = connections !== undefined ? `, ${CONNECTION_LABEL[connections]}` : "";
    rows.push([`serve RSS MB after the bursts (peak)${how}`, memText(mem("before")), memText(mem("inThread")), memText(mem("now")), ratio(mem("before")?.rssMB, mem("now")?.rssMB)]);
  }
  const c = s.ingest?.compare;
  if (c) {
    rows.push([`ingest texts/s, ${c.corpus} (${c.texts} texts), 1 worker`, c.before.textsPerSec, "", c.oneWorker.textsPerSec, ratio(c.oneWorker.textsPerSec, c.before.textsPerSec)]);
    rows.push([`ingest texts/s, same corpus, ${c.workers} workers`, c.before.textsPerSec, "", c.allWorkers.textsPerSec, ratio(c.allWorkers.textsPerSec, c.before.textsPerSec)]);
    rows.push(["forced rebuild of the unchanged corpus, s", `${num(c.before.buildMs / 1000, 2)}¹`, "", `${num(c.unchanged.buildMs / 1000, 2)} (${c.unchanged.embedded} embedded)`, ratio(c.before.buildMs, c.unchanged.buildMs)]);
    rows.push([`rebuild after 1 of ${c.documents} documents changed, s`, `${num(c.before.buildMs / 1000, 2)}¹`, "", `${num(c.oneChanged.buildMs / 1000, 2)} (${c.oneChanged.embedded} embedded of ${c.oneChanged.changedDocumentTexts} in it)`, ratio(c.before.buildMs, c.oneChanged.buildMs)]);
  }
  const h = s.hop;
  if (h) rows.push([`warm ask p50 / p99 ms (${h.questions} questions × ${h.rounds})`, `${h.inThread.p50} / ${h.inThread.p99}`, "", `${h.worker.p50} / ${h.worker.p99}`, ratio(h.inThread.p50, h.worker.p50)]);
  for (const p of s.coldStart?.pairs ?? []) {
    const label = p.what === "help" ? "cold `article-bot --help`, ms (median)" : "cold `node bin/article-bot.js ask`, index built, ms (median)";
    rows.push([label, p.before ? `${p.before.medianMs}` : "–", "", `${p.now.medianMs}`, ratio(p.before?.medianMs, p.now.medianMs)]);
  }
  if (rows.length === 0) return "Not measured in this run.";
  const commit = s.coldStart?.beforeCommit ?? s.slack?.beforeCommit;
  return [
    `"Before" is the design before issue 14, measured in this run: for Slack and cold start, commit ${commit ?? "(not built)"} itself, compiled in this run; for ingest and warm ask, today's code with EMBED_WORKERS=0 and no vector reuse, which runs exactly the old code paths (embeddings on the calling thread, one 64-text slice after the other). The middle column is today's code with EMBED_WORKERS=0 (embeddings back on the event loop, everything else of today kept), to show what the worker alone does. "Now" is today's default: serve and ask on one embedding worker, ingest on every core, vectors reused. Ratio: how many times better now is than before (before ÷ now for times, now ÷ before for rates).`,
    "",
    table(["figure", "before", "today, EMBED_WORKERS=0", "now", "ratio"], rows),
    "",
    c ? "¹ The old design has no vector reuse: every rebuild re-embeds every text, so its rebuild is its full build (measured once in this run, the first ingest row)." : "",
  ].join("\n");
}
