/**
 * What a signed request may make the bot do (real Bolt over signed HTTP on loopback): a timestamp from
 * the future is refused like an old one, and a response_url may only name an allowed host; a redirect
 * from it is never followed with the answer.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Harness, mentionEvent } from "../helpers/slackHarness";

const h = new Harness();
beforeAll(() => h.start());
afterAll(() => h.close());

test("a request timestamp more than 5 minutes in the future is rejected; a little ahead is fine", async () => {
  const now = Math.floor(Date.now() / 1000);
  const ahead = await h.postEvent(mentionEvent("who is visiting?"), { timestamp: now + 6 * 60 });
  expect(ahead.status).toBe(401);
  await h.drain();
  expect(h.api.callsOf("chat.postMessage")).toHaveLength(0);
  expect(h.logs.some((l) => l.msg === "request timestamp too far in the future; rejected")).toBe(true);

  const skewed = await h.postEvent(mentionEvent("who is visiting?"), { timestamp: now + 120 });
  expect(skewed.status).toBe(200);
  await h.api.waitForCalls("chat.postMessage");
});

/** A server that records every request it gets; optionally redirects each one to `location`. */
async function recorder(host: string, location?: string): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      hits.push(body);
      res.writeHead(location ? 307 : 200, location ? { location } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { url: `http://${host}:${(server.address() as AddressInfo).port}/hook`, hits, server };
}

test("respond() posts only to SLACK_RESPONSE_URL_HOSTS and never follows a redirect with the body", async () => {
  const elsewhere = await recorder("127.0.0.2");
  const target = await recorder("127.0.0.1");
  const redirecting = await recorder("127.0.0.1", target.url);
  try {
    for (const responseUrl of [elsewhere.url, redirecting.url]) {
      const res = await h.postCommand({ ...h.command("ask When does Noem visit El Salvador?"), response_url: responseUrl });
      expect(res.status).toBe(200);
    }
    await h.drain();
    expect(elsewhere.hits).toEqual([]);
    expect(redirecting.hits.length).toBeGreaterThan(0);
    expect(target.hits).toEqual([]);
    expect(h.logs.some((l) => l.msg === "response_url host is not in SLACK_RESPONSE_URL_HOSTS; not posted" && l.host === "127.0.0.2")).toBe(true);
    expect(h.logs.some((l) => l.msg === "response_url answered with a redirect; not followed")).toBe(true);

    // The allowed host itself works.
    const res = await h.postCommand({ ...h.command("ask When does Noem visit El Salvador?"), response_url: target.url });
    expect(res.status).toBe(200);
    await h.drain();
    expect(target.hits.join("\n")).toContain("El Salvador");
  } finally {
    for (const s of [elsewhere, target, redirecting]) await new Promise((resolve) => s.server.close(resolve));
  }
});
