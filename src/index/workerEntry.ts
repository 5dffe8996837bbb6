import { existsSync } from "node:fs";
import path from "node:path";
import type { WorkerOptions } from "node:worker_threads";

/**
 * Where the worker's code is: the compiled `embedWorker.js` next to this file when running from dist/;
 * under ts-aware runners (jest, tsx) only `embedWorker.ts` exists, and a worker thread inherits none of
 * the parent's transpiler, so a two-line bootstrap registers tsx's CommonJS hook in the worker first.
 */
export function workerEntry(dir: string = __dirname): { script: string; options: WorkerOptions } {
  const js = path.join(dir, "embedWorker.js");
  if (existsSync(js)) return { script: js, options: {} };
  const ts = path.join(dir, "embedWorker.ts");
  if (existsSync(ts)) {
    const hook = require.resolve("tsx/cjs");
    return { script: `require(${JSON.stringify(hook)});\nrequire(${JSON.stringify(ts)});`, options: { eval: true, execArgv: [] } };
  }
  throw new Error(`the embedding worker is missing: neither ${js} nor ${ts} exists (run \`npm run build\`)`);
}
