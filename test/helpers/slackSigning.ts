/**
 * Requests signed exactly as Slack signs them: `X-Slack-Signature: v0=hex(HMAC-SHA256(secret,
 * "v0:" + timestamp + ":" + rawBody))` with `X-Slack-Request-Timestamp`. JSON for events,
 * `application/x-www-form-urlencoded` (exactly: Bolt compares the header verbatim) for slash
 * commands and `payload=<json>` interactions.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

export const TEST_SIGNING_SECRET = "8f742231b10e8888abcd99000000085a";

export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SignedPostOptions {
  secret?: string;
  contentType?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature (bad-signature tests). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SignedResponse {
  status: number;
  body: string;
  headers: Headers;
}

export async function postSigned(url: string, rawBody: string, options: SignedPostOptions = {}): Promise<SignedResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/json",
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, rawBody),
  };
  if (options.retryNum !== undefined) headers["x-slack-retry-num"] = String(options.retryNum);
  if (options.retryReason !== undefined) headers["x-slack-retry-reason"] = options.retryReason;
  const res = await fetch(url, { method: "POST", headers, body: rawBody });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

export const FORM = "application/x-www-form-urlencoded";

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function interactionBody(payload: unknown): string {
  return formBody({ payload: JSON.stringify(payload) });
}

const FIXTURES = path.join(__dirname, "..", "slack", "fixtures");

/** A copy of a payload from ../shared/slack-payloads (kept in test/slack/fixtures so CI has it). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

export function fixtureLines(name: string): Record<string, unknown>[] {
  return readFileSync(path.join(FIXTURES, name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
