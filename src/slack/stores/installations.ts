/**
 * Slack installations (one per workspace, or per org for an Enterprise Grid org-wide install) in
 * PostgreSQL, for Bolt's OAuth flow: every replica finds every workspace's bot token, and an
 * uninstall on one replica silences all of them. No maintained PostgreSQL InstallationStore is on
 * npm (the Prisma-based ones download an engine at install time), hence this small one.
 *
 * Bolt looks an installation up on every request. The last one seen per workspace is also kept
 * in memory, used only while PostgreSQL does not answer, so that an outage does not silence the
 * bot in workspaces it already served.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Logger } from "../../log";
import { errorText } from "./backend";
import type { PgDatabase } from "./pgDatabase";

type AnyInstallation = Installation<"v1" | "v2", boolean>;

/** The key Bolt's lookups reduce to: the org for an org-wide install, else the workspace. */
export function installKey(q: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }): string {
  if (q.isEnterpriseInstall === true && q.enterpriseId !== undefined) return `E:${q.enterpriseId}`;
  if (q.teamId !== undefined) return `T:${q.teamId}`;
  throw new Error("an installation query needs a team id (or an enterprise id for an org-wide install)");
}

function keyOf(installation: AnyInstallation): string {
  return installKey({
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    enterpriseId: installation.enterprise?.id,
    teamId: installation.team?.id,
  });
}

export class PgInstallationStore implements InstallationStore {
  private readonly lastSeen = new Map<string, AnyInstallation>();

  constructor(
    private readonly db: PgDatabase,
    private readonly logger: Logger,
  ) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const key = keyOf(installation);
    await this.db.query(
      `INSERT INTO slack_installations (install_key, team_id, enterprise_id, is_enterprise_install, bot_user_id, installation)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (install_key) DO UPDATE SET team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id,
         is_enterprise_install = EXCLUDED.is_enterprise_install, bot_user_id = EXCLUDED.bot_user_id,
         installation = EXCLUDED.installation, updated_at = now()`,
      [
        key,
        installation.team?.id ?? null,
        installation.enterprise?.id ?? null,
        installation.isEnterpriseInstall === true,
        installation.bot?.userId ?? null,
        JSON.stringify(installation),
      ],
    );
    this.lastSeen.set(key, installation);
    this.logger.info({ team: installation.team?.id, enterprise: installation.enterprise?.id }, "workspace installed");
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const key = installKey(query);
    let rows: { installation: AnyInstallation }[];
    try {
      rows = await this.db.query<{ installation: AnyInstallation }>("SELECT installation FROM slack_installations WHERE install_key = $1", [key]);
    } catch (err) {
      const remembered = this.lastSeen.get(key);
      if (remembered === undefined) throw err;
      this.logger.warn({ team: query.teamId, err: errorText(err) }, "PostgreSQL did not answer; using the installation seen last");
      return remembered;
    }
    const installation = rows[0]?.installation;
    if (installation === undefined) {
      this.lastSeen.delete(key);
      throw new Error(`no installation for ${key}`);
    }
    this.lastSeen.set(key, installation);
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installKey(query);
    this.lastSeen.delete(key);
    await this.db.query("DELETE FROM slack_installations WHERE install_key = $1", [key]);
    this.logger.info({ team: query.teamId, enterprise: query.enterpriseId }, "installation deleted");
  }
}
