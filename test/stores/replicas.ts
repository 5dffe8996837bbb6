/**
 * `article-bot serve` as real child processes (the compiled CLI, HTTP mode), each with its own
 * port and DATA_DIR, sharing a corpus/index, Redis and PostgreSQL: replicas behind a load balancer,
 * with the test playing the balancer. Their JSON log lines (stderr) are kept for assertions.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/services";
import { BIN, cliEnv } from "../helpers/cli";
import type { LogLine } from "../helpers/slackHarness";

export class Replica {
  readonly logs: LogLine[] = [];
  private stderrTail = "";
  private exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {
    let partial = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      partial += chunk;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        this.stderrTail = `${this.stderrTail}${line}\n`.slice(-4000);
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          // not a log line (a stack trace, a warning from Node): kept in stderrTail only
        }
      }
    });
    child.stdout?.resume();
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  static async start(name: string, env: NodeJS.ProcessEnv, readyTimeoutMs = 90_000): Promise<Replica> {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), `article-bot-${name}-`));
    const child = spawn(process.execPath, [BIN, "serve"], {
      env: cliEnv({ LOG_LEVEL: "info", ...env, PORT: String(port), DATA_DIR: dataDir }),
      cwd: tmpdir(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const replica = new Replica(name, port, child, dataDir);
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before it was ready:\n${replica.stderrTail}`);
      const ok = await fetch(`${replica.url}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return replica;
      if (Date.now() > deadline) {
        await replica.stop();
        throw new Error(`${name} not ready after ${readyTimeoutMs} ms:\n${replica.stderrTail}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get eventsUrl(): string {
    return `${this.url}/slack/events`;
  }

  /** Log lines with this message (and, optionally, these fields). */
  logged(msg: string, fields: Record<string, unknown> = {}): LogLine[] {
    return this.logs.filter((l) => l.msg === msg && Object.entries(fields).every(([k, v]) => l[k] === v));
  }

  async health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** SIGTERM (graceful: answers in progress finish), then SIGKILL if it lingers. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.pid !== undefined) {
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
      await this.exited.finally(() => clearTimeout(timer));
    }
    rmSync(this.dataDir, { recursive: true, force: true });
    return this.child.exitCode;
  }
}
