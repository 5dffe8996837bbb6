/**
 * Multi-workspace install (Bolt's OAuth flow): `/slack/install` sends the installer to Slack's
 * consent page, `/slack/oauth_redirect` exchanges the code (oauth.v2.access, through
 * SLACK_API_URL like every Web API call) and stores the installation; from then on each request
 * is authorised with its own workspace's bot token. The state parameter is signed with
 * SLACK_STATE_SECRET, so the redirect may land on any replica.
 */
import type { HTTPReceiverOptions, InstallationStore, webApi } from "@slack/bolt";
import type { SlackConfig } from "../config";

/** The bot scopes of manifest.yml (a test keeps the two equal). */
export const BOT_SCOPES = ["app_mentions:read", "assistant:write", "chat:write", "chat:write.public", "commands", "im:history", "reactions:write"];

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

/** The OAuth settings when the configuration asks for multi-workspace mode (and no single bot token). */
export function oauthSettings(config: SlackConfig): OAuthSettings | undefined {
  if (config.botToken !== undefined) return undefined;
  const { clientId, clientSecret, stateSecret } = config;
  if (clientId === undefined || clientSecret === undefined || stateSecret === undefined) return undefined;
  return { clientId, clientSecret, stateSecret };
}

export function oauthReceiverOptions(
  oauth: OAuthSettings,
  installationStore: InstallationStore,
  clientOptions: webApi.WebClientOptions,
): Pick<HTTPReceiverOptions, "clientId" | "clientSecret" | "stateSecret" | "scopes" | "installationStore" | "installerOptions"> {
  // The installer's own Web API client (oauth.v2.access, auth.test) gets the same base URL and timeouts.
  const { slackApiUrl, retryConfig, timeout } = clientOptions;
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: BOT_SCOPES,
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // The install link goes straight to Slack's consent page (no intermediate "Add to Slack" page).
      directInstall: true,
      clientOptions: {
        ...(slackApiUrl !== undefined ? { slackApiUrl } : {}),
        ...(retryConfig !== undefined ? { retryConfig } : {}),
        ...(timeout !== undefined ? { timeout } : {}),
      },
    },
  };
}

/**
 * Start-up problems of multi-workspace mode, one line per variable; undefined when none of its
 * variables is set (single-workspace mode, checked by the caller as before).
 */
export function oauthConfigProblems(slack: SlackConfig): string[] | undefined {
  const named = { SLACK_CLIENT_ID: slack.clientId, SLACK_CLIENT_SECRET: slack.clientSecret, SLACK_STATE_SECRET: slack.stateSecret };
  if (Object.values(named).every((v) => v === undefined)) return undefined;
  if (slack.botToken !== undefined) {
    return [
      "SLACK_BOT_TOKEN: set together with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET; use the bot token for one workspace, " +
        "or the three OAuth variables (and no bot token) to let many workspaces install the app",
    ];
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(named)) {
    if (value !== undefined) continue;
    problems.push(
      `${name}: missing; multi-workspace install needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Basic Information → App Credentials) ` +
        "and SLACK_STATE_SECRET (a long random string, the same on every replica)",
    );
  }
  if (slack.stateSecret !== undefined && slack.stateSecret.length < 16) {
    problems.push("SLACK_STATE_SECRET: too short; use at least 16 random characters (it signs the OAuth state)");
  }
  if (slack.appToken !== undefined) problems.push("SLACK_APP_TOKEN: multi-workspace install runs in HTTP mode; unset SLACK_APP_TOKEN");
  return problems;
}
