/** `article-bot serve` as a child process (the compiled CLI), with its JSON log lines parsed as they come. */
import { type ChildProcess, spawn } from "node:child_process";
import { BIN } from "./cli";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export class ServeProcess {
  readonly lines: LogLine[] = [];
  readonly child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = "";

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [BIN, "serve"], { env, stdio: ["ignore", "ignore", "pipe"] });
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
      const parts = this.stderr.split("\n");
      this.stderr = parts.pop() ?? "";
      for (const part of parts) {
        try {
          this.lines.push(JSON.parse(part) as LogLine);
        } catch {
          this.lines.push({ level: 50, msg: part });
        }
      }
    });
    this.exited = new Promise((resolve) => this.child.on("close", (code, signal) => resolve({ code, signal })));
  }

  async waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 20000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(predicate);
      if (found) return found;
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`no such log line; got: ${this.lines.map((l) => l.msg).join(" | ")}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The HTTP port from the "listening" line (the test passes PORT=0). */
  async port(): Promise<number> {
    const line = await this.waitForLog((l) => l.msg === "listening for Slack over HTTP");
    return line.port as number;
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    if (this.child.exitCode === null) this.child.kill(signal);
  }
}
