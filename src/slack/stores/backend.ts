/**
 * A shared backend (Redis, PostgreSQL) as `/healthz` and shutdown see it: whether it answers
 * now, and how to let go of its connections.
 */

export interface BackendHealth {
  backend: string;
  /** Answered a round trip just now. */
  ok: boolean;
  ms: number;
  /** Why it did not answer (no secrets: the URL is never included). */
  error?: string;
  /** What the app does meanwhile, e.g. "per-replica memory". */
  fallback?: string;
}

export interface Backend {
  readonly name: string;
  check(): Promise<BackendHealth>;
  close(): Promise<void>;
}

/** Rejects after `ms`, so one hung backend cannot hang a health check or a request. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function errorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return errorText(err.errors[0]);
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : String(err);
  return typeof e?.code === "string" && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
