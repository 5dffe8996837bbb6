/**
 * The index folder's life on disk, so that no crash, race or cleanup failure ever leaves a command
 * without an index or fails it after its work is done:
 *
 *   INDEX_DIR/current        symlink to the generation in use (swapped with one atomic rename)
 *   INDEX_DIR/gen-<t>-<pid>  one complete index per build; the previous one is removed after the swap
 *   INDEX_DIR/build.lock     held while building: a second builder waits (and says so) instead of racing
 *   INDEX_DIR/vectors.cache  vectors of texts embedded by earlier builds (vectorCache.ts), kept across builds
 *   INDEX_DIR/code-cache/    V8's code cache of the embedding model's code (codeCache.ts), kept across builds
 *
 * INDEX_DIR itself is never renamed (it may be a mount point, or shared with other data), and only names
 * of this layout (plus the files of the first, flat layout) are ever removed from it.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { link as hardLink, mkdir, open, readFile, readdir, realpath, rename, rm, stat, symlink, unlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";

const CURRENT = "current";
const LOCK = "build.lock";
const GENERATION = /^gen-[0-9a-z]+-(\d+)$/;
/** The owner file a builder links into place as the lock (see takeLock); left behind only by a crash. */
const LOCK_OWNER = /^build\.lock\.owner-(\d+)-[0-9a-f]+$/;
/** Files of the flat layout (format 1, index files straight in INDEX_DIR), removed on the first build. */
const FLAT_LAYOUT = ["manifest.json", "vectors.hnsw", "hnsw.json", "docstore.json", "chunks.json", "sentences.f32"];
/** A lock whose holder cannot be checked (another host) counts as abandoned after this long unrefreshed. */
const LOCK_STALE_MS = 60_000;
const LOCK_REFRESH_MS = 10_000;
const LOCK_POLL_MS = 200;

export type Notify = (message: string) => void;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The folder of the generation in use, resolved once so that every file is read from the same build. */
export async function currentGeneration(indexDir: string): Promise<string | null> {
  try {
    const dir = await realpath(path.join(indexDir, CURRENT));
    return (await stat(dir)).isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

/** A fresh, empty folder for a new generation. */
export async function newGeneration(indexDir: string): Promise<string> {
  const dir = path.join(indexDir, `gen-${Date.now().toString(36)}${randomBytes(2).toString("hex")}-${process.pid}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Points `current` at `generation` with one rename (atomic: a reader sees the old index or the new one,
 * never none), then removes the generation it replaced. A failed removal is only a warning: the new
 * index is in place and the leftover is removed at the next build.
 */
export async function publish(indexDir: string, generation: string, notify: Notify): Promise<void> {
  const previous = await currentGeneration(indexDir);
  const link = path.join(indexDir, `${CURRENT}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`);
  await symlink(path.basename(generation), link, "dir");
  try {
    await rename(link, path.join(indexDir, CURRENT));
  } catch (err) {
    await unlink(link).catch(() => undefined);
    throw err;
  }
  if (previous !== null && previous !== (await realpath(generation))) await removeQuietly(previous, notify);
}

async function removeQuietly(target: string, notify: Notify): Promise<void> {
  try {
    await rm(target, { recursive: true, force: true });
  } catch (err) {
    notify(`Warning: could not remove the old index ${target} (${(err as NodeJS.ErrnoException).code ?? String(err)}); it will be removed at the next build.`);
  }
}

/**
 * Removes what interrupted builds left behind: generations that are neither current nor being built by
 * a live process, stray temporary links, the flat layout's files, and the `.building-PID` / `.old-PID`
 * siblings of the layout before generations. Called with the build lock held.
 */
export async function removeLeftovers(indexDir: string, notify: Notify): Promise<void> {
  const current = await currentGeneration(indexDir);
  const names = await readdir(indexDir).catch(() => [] as string[]);
  for (const name of names) {
    const full = path.join(indexDir, name);
    const gen = GENERATION.exec(name);
    const stale =
      (gen !== null && full !== current && !(Number(gen[1]) !== process.pid && alive(Number(gen[1])))) ||
      (name.startsWith(`${CURRENT}.tmp-`) && !alive(Number(name.split("-")[1]))) ||
      (LOCK_OWNER.test(name) && !alive(Number(LOCK_OWNER.exec(name)?.[1]))) ||
      FLAT_LAYOUT.includes(name);
    if (stale) await removeQuietly(full, notify);
  }
  const parent = path.dirname(indexDir);
  const base = path.basename(indexDir);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const old = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(?:building|old)-(\\d+)$`).exec(name);
    if (old && !alive(Number(old[1]))) await removeQuietly(path.join(parent, name), notify);
  }
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as LockOwner;
  } catch {
    return null;
  }
}

async function abandoned(file: string, owner: LockOwner | null): Promise<boolean> {
  if (owner !== null && owner.host === hostname()) return !alive(owner.pid);
  // Unreadable (a writer that died mid-write) or from another host: trust the refresh time only.
  const info = await stat(file).catch(() => null);
  return info === null || Date.now() - info.mtimeMs > LOCK_STALE_MS;
}

/**
 * Creates the lock file with its owner already inside, or returns false if it exists. The owner is
 * written to a file of our own and hard-linked into place, so a waiter never reads a lock half-written
 * (with `open(..., "wx")` then a write, it could read an empty file and not know whom it waits for).
 */
async function takeLock(file: string, me: LockOwner): Promise<boolean> {
  const mine = `${file}.owner-${me.pid}-${me.token}`;
  await writeFile(mine, JSON.stringify(me));
  try {
    await hardLink(mine, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw err;
    // A file system without hard links: create exclusively, then write (the short window is acceptable).
    const handle = await open(file, "wx").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "EEXIST") return null;
      throw e;
    });
    if (handle === null) return false;
    await handle.writeFile(JSON.stringify(me));
    await handle.close();
    return true;
  } finally {
    await rm(mine, { force: true });
  }
}

/**
 * Runs `fn` holding the build lock. A second builder waits, says once that it is waiting, and takes over
 * a lock whose holder died. The lock file is refreshed while held so that it is never judged abandoned.
 */
export async function withBuildLock<T>(indexDir: string, notify: Notify, fn: () => Promise<T>): Promise<T> {
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, LOCK);
  const me: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString("hex") };
  let told = false;
  for (;;) {
    if (await takeLock(file, me)) break;
    const owner = await readOwner(file);
    if (await abandoned(file, owner)) {
      // Move it aside first: of several waiters that found it abandoned, only one wins the rename.
      const aside = `${file}.abandoned-${me.token}`;
      if (await rename(file, aside).then(() => true, () => false)) await rm(aside, { force: true });
      continue;
    }
    if (!told) {
      notify(`Waiting for another build of the index in ${indexDir} (pid ${owner?.pid ?? "unknown"}) to finish…`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  const refresh = setInterval(() => void utimes(file, new Date(), new Date()).catch(() => undefined), LOCK_REFRESH_MS);
  refresh.unref();
  try {
    return await fn();
  } finally {
    clearInterval(refresh);
    // Only remove the lock if it is still ours (it may have been taken over after a very long stall).
    if ((await readOwner(file))?.token === me.token) await rm(file, { force: true });
  }
}
