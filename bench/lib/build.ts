/** Cold start and the CLI memory figures run the compiled CLI: make sure dist/ is built from today's src/. */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { killChild } from "./child";
import { now, round } from "./stats";

export interface BuildInfo {
  stale: boolean;
  rebuilt: boolean;
  ok: boolean;
  ms: number;
  message: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureBuilt(repoRoot: string, timeoutMs: number): Promise<BuildInfo> {
  const entry = path.join(repoRoot, "dist/cli/main.js");
  const srcNewest = newestMtime(path.join(repoRoot, "src"));
  const stale = !existsSync(entry) || statSync(entry).mtimeMs < srcNewest;
  if (!stale) return { stale, rebuilt: false, ok: true, ms: 0, message: "dist/ is newer than every file in src/" };
  const t0 = now();
  const child = spawn("npm", ["run", "build"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const timer = setTimeout(() => void killChild(child), timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once("error", () => resolve(-1));
    child.once("exit", (c) => resolve(c));
  });
  clearTimeout(timer);
  const ms = round(now() - t0);
  if (code === 0) return { stale, rebuilt: true, ok: true, ms, message: "dist/ was older than src/: rebuilt with `npm run build`" };
  const usable = existsSync(entry);
  const tail = output.trim().split("\n").slice(-5).join(" / ");
  return {
    stale,
    rebuilt: usable,
    ok: false,
    ms,
    message: `\`npm run build\` exited with ${code}${usable ? " (tsc still emitted dist/, which is measured)" : ""}: ${tail}`,
  };
}
