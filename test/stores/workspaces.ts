/**
 * Helpers for multi-workspace tests: the OAuth install dance as a browser does it (install link →
 * Slack's consent page → redirect back with a code and the signed state, plus the state cookie),
 * and event envelopes from a given workspace.
 */
import { fixture } from "../helpers/slackSigning";
import { FAKE_IDS, type FakeSlackApi, type FakeWorkspace } from "../helpers/slackFakeApi";

export const STATE_SECRET = "state-secret-for-tests-0123456789";
export const CLIENT_ID = "1111.2222";
export const CLIENT_SECRET = "client-secret-for-tests";

export function workspace(team: string): FakeWorkspace {
  return { team, code: `code-${team}`, botToken: `xoxb-${team.toLowerCase()}-token`, botUserId: `U${team}BOT`, botId: `B${team}BOT` };
}

/**
 * Installs `ws` through the app at `baseUrl`; `redirectBaseUrl` may be another replica (the state
 * is signed, not remembered). Resolves with the redirect's HTTP status.
 */
export async function installThroughOAuth(api: FakeSlackApi, ws: FakeWorkspace, baseUrl: string, redirectBaseUrl = baseUrl): Promise<number> {
  api.addWorkspace(ws);
  const start = await fetch(`${baseUrl}/slack/install`, { redirect: "manual" });
  const location = start.headers.get("location") ?? "";
  const consent = new URL(location);
  if (consent.hostname !== "slack.com" || consent.pathname !== "/oauth/v2/authorize") throw new Error(`unexpected install redirect: ${location}`);
  const state = consent.searchParams.get("state") ?? "";
  const cookie = (start.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const back = await fetch(`${redirectBaseUrl}/slack/oauth_redirect?code=${encodeURIComponent(ws.code)}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: "manual",
  });
  await back.text();
  return back.status;
}

let counter = 0;
type Envelope = Record<string, unknown> & { event: Record<string, unknown>; event_id: string };

/** An app_mention from `team` (its own ids throughout), or from the default fake workspace. */
export function teamMention(text: string, options: { team?: string; botUserId?: string; eventId?: string; user?: string; threadTs?: string } = {}): Envelope {
  const base = fixture<Envelope>("event_callback.app_mention.json");
  const team = options.team ?? FAKE_IDS.team;
  const botUserId = options.botUserId ?? FAKE_IDS.botUserId;
  counter += 1;
  const ts = `1730100${String(counter).padStart(3, "0")}.000100`;
  return {
    ...base,
    team_id: team,
    context_team_id: team,
    event_id: options.eventId ?? `EvW${process.pid}x${counter}`,
    authorizations: [{ enterprise_id: null, team_id: team, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
    event: {
      ...base.event,
      team,
      user: options.user ?? "U0HUMAN1",
      blocks: [],
      text: `<@${botUserId}> ${text}`,
      ts,
      event_ts: ts,
      ...(options.threadTs !== undefined ? { thread_ts: options.threadTs } : {}),
    },
  };
}

export function appEvent(team: string, event: Record<string, unknown>): Envelope {
  counter += 1;
  return {
    token: "verification-token-deprecated",
    team_id: team,
    api_app_id: FAKE_IDS.appId,
    type: "event_callback",
    event_id: `EvU${process.pid}x${counter}`,
    event_time: 1730000000,
    event: { ...event, event_ts: "1730000000.000900" },
  };
}
