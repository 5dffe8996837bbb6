/**
 * Runs one benchmark section in this process: `worker.ts <task> <input.json> <output.json>`.
 * Started by run.ts (see lib/child.ts); not meant to be run by hand.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { runBackendVariant } from "./sections/backends";
import { runColdStart } from "./sections/coldStart";
import { runHop } from "./sections/hop";
import { runIngest } from "./sections/ingest";
import { runMemory } from "./sections/memory";
import { runQuery } from "./sections/query";
import { runScale } from "./sections/scale";
import { runSlack } from "./sections/slack";

// Inputs are written by run.ts with the matching types; the casts below only restore them.
const TASKS: Record<string, (input: never) => Promise<unknown>> = {
  ingest: runIngest,
  query: runQuery,
  hop: runHop,
  scale: runScale,
  "cold-start": runColdStart,
  slack: runSlack,
  memory: runMemory,
  "backend-variant": runBackendVariant,
};

async function main(): Promise<void> {
  const [task, inFile, outFile] = process.argv.slice(2);
  const run = task === undefined ? undefined : TASKS[task];
  if (run === undefined || inFile === undefined || outFile === undefined) {
    throw new Error(`usage: worker.ts <${Object.keys(TASKS).join("|")}> <input.json> <output.json>`);
  }
  const input = JSON.parse(readFileSync(inFile, "utf8")) as never;
  const result = await run(input);
  writeFileSync(outFile, JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench worker: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
