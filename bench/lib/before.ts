/**
 * The design before issue 14, built for the cold-start figures: the named commit's `src/` (and what
 * `tsc` needs) is exported with `git archive` into a temporary folder, given this checkout's
 * node_modules through a symlink, and compiled to its own dist/. Nothing in the repository changes (no
 * worktree is registered); the folder goes with the run's temporary folder.
 *
 * Cold start is the one comparison that needs the old code itself: lazy imports and the model loading
 * beside the index are not behind a switch. The other sections compare through EMBED_WORKERS=0 and
 * `vectorCache: false`, which select the old code paths inside today's build.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { killChild } from "./child";
import { now, round } from "./stats";

/** main just before issue 14's first commit (8170d1e, "Embeddings in worker threads"). */
export const BEFORE_COMMIT = "643413c";

export interface BeforeBuild {
  commit: string;
  dir: string;
  ok: boolean;
  ms: number;
  message: string;
}

export async function buildBefore(repoRoot: string, workDir: string, commit: string, timeoutMs: number): Promise<BeforeBuild> {
  const dir = path.join(workDir, `before-${commit}`);
  const t0 = now();
  try {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync("git", ["archive", "--format=tar", commit, "src", "bin", "package.json", "tsconfig.json", "tsconfig.build.json"], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    const tsc = path.join(repoRoot, "node_modules/typescript/bin/tsc");
    const child = spawn(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output = (output + b.toString()).slice(-2000)));
    child.stderr.on("data", (b: Buffer) => (output = (output + b.toString()).slice(-2000)));
    const timer = setTimeout(() => void killChild(child), timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    const ok = existsSync(path.join(dir, "dist/cli/main.js"));
    return { commit, dir, ok, ms: round(now() - t0), message: ok ? `built ${commit} in ${dir}` : `tsc exited with ${code}: ${output.trim().split("\n").slice(-3).join(" / ")}` };
  } catch (err) {
    return { commit, dir, ok: false, ms: round(now() - t0), message: (err as Error).message };
  }
}
