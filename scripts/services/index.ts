/**
 * Real servers for tests and local trials: a `redis-server` and a throw-away PostgreSQL cluster,
 * each on a free loopback port in its own temporary directory, stopped by PID (never by name, so
 * other sessions' servers on the same machine are left alone). `install.sh` provides the binaries.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs install.sh when a binary is missing (apt-get as root); cheap when everything is there. */
export function ensureInstalled(): void {
  if (findRedis() !== undefined && findPgBin() !== undefined) return;
  execFileSync("bash", [path.join(__dirname, "install.sh")], { stdio: ["ignore", "inherit", "inherit"] });
}

function findRedis(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat(["/usr/bin", "/usr/local/bin"])) {
    const candidate = path.join(dir, "redis-server");
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The newest PostgreSQL under /usr/lib/postgresql (15 here, 17 on Debian 13). */
export function findPgBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], "bin");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
async function waitForPort(port: number, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why !== undefined) throw new Error(why);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await sleep(30);
  }
}

/** True once the process is gone or a zombie (dead, waiting for whoever reaps orphans here). */
function exited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    // The state follows the parenthesised command name: "1234 (postgres) Z ...".
    return /\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(pid)) return true;
    await sleep(20);
  }
  return false;
}

export interface RedisServer {
  url: string;
  port: number;
  pid(): number | undefined;
  /** Stops the server (SIGTERM to its PID) and waits until the port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop(): "Redis is back"). */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const bin = findRedis();
  if (bin === undefined) throw new Error("redis-server not found: run scripts/services/install.sh (as root)");
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "article-bot-redis-"));
  let child: ChildProcess | undefined;
  let stderr = "";
  const start = async (): Promise<void> => {
    // No persistence: a test server starts empty and leaves nothing behind.
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no", "--loglevel", "warning"];
    const proc = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    child = proc;
    proc.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    await waitForPort(port, 5000, () => (proc.exitCode !== null ? `redis-server exited (${proc.exitCode}): ${stderr}` : undefined));
  };
  const stop = async (): Promise<void> => {
    const pid = child?.pid;
    if (pid === undefined || child?.exitCode !== null) return;
    process.kill(pid, "SIGTERM");
    if (!(await waitForExit(pid, 5000))) process.kill(pid, "SIGKILL");
    child = undefined;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => child?.pid,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresServer {
  url: string;
  port: number;
  pid(): number | undefined;
  /** Stops the server (immediate shutdown, by PID); the cluster stays for start(). */
  stop(): Promise<void>;
  /** Starts the same cluster again on the same port. */
  start(): Promise<void>;
  /** Stops it for good and removes the cluster. */
  close(): Promise<void>;
}

/**
 * A freshly initialised cluster, made once per PostgreSQL version and user and kept in the temp
 * folder; each server starts from a copy. Made under a temporary name and renamed into place, so
 * that test files starting together never see half a template.
 */
function pgTemplate(bin: string, run: (tool: string, args: string[]) => void): string {
  const template = path.join(tmpdir(), `article-bot-pg-template-${path.basename(path.dirname(bin))}-${process.getuid?.() ?? 0}`);
  if (existsSync(path.join(template, "PG_VERSION"))) return template;
  const building = `${template}.${process.pid}`;
  run("initdb", ["-D", building, "-A", "trust", "-U", "postgres", "--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"]);
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process won the race: use theirs
  }
  return template;
}

/**
 * A cluster of its own: initdb (as the `postgres` user when we are root, since initdb refuses
 * root), trust auth on loopback only, fsync off (throw-away data), the socket in its directory.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPgBin();
  if (bin === undefined) throw new Error("PostgreSQL not found under /usr/lib/postgresql: run scripts/services/install.sh (as root)");
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "article-bot-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
  };
  const fail = (err: unknown): Error => {
    const log = existsSync(path.join(dir, "log")) ? readFileSync(path.join(dir, "log"), "utf8") : "";
    const e = err as { stderr?: Buffer; message: string };
    return new Error(`PostgreSQL did not start: ${e.stderr?.toString() ?? e.message} ${log}`);
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
  const start = (): Promise<void> => {
    try {
      run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "30", "start"]);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(fail(err));
    }
  };
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  try {
    // initdb costs seconds on a busy machine; a copy of a cluster made once costs a fraction.
    execFileSync("cp", ["-a", pgTemplate(bin, run), data]);
    await start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err instanceof Error && err.message.startsWith("PostgreSQL did not start") ? err : fail(err);
  }
  const pid = (): number | undefined => {
    try {
      return Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      return undefined;
    }
  };
  const stop = async (): Promise<void> => {
    const p = pid();
    if (p === undefined) return;
    // SIGQUIT = PostgreSQL's "immediate" shutdown: like a crash (the next start recovers), and
    // quick; the fast one (SIGINT) spends ~1.5 s on a shutdown checkpoint this data does not need.
    process.kill(p, "SIGQUIT");
    if (!(await waitForExit(p, 10_000))) process.kill(p, "SIGKILL");
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
