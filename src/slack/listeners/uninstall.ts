/**
 * A workspace removing the app (`app_uninstalled`) or revoking its bot token (`tokens_revoked`):
 * its installation is deleted, so no replica answers there with a dead token. Bolt lets these two
 * events through without authorising them (the token is already gone).
 */
import type { App, InstallationStore } from "@slack/bolt";
import { describeError } from "../errors";
import type { Logger } from "../../log";

export function registerUninstall(app: App, installations: InstallationStore, logger: Logger): void {
  const forget = async (why: string, teamId: string | undefined, enterpriseId: string | undefined, isEnterpriseInstall: boolean): Promise<void> => {
    const log = logger.child({ surface: "uninstall", team: teamId, enterprise: enterpriseId, why });
    if (installations.deleteInstallation === undefined) return;
    try {
      await installations.deleteInstallation(
        isEnterpriseInstall && enterpriseId !== undefined
          ? { isEnterpriseInstall: true, enterpriseId, teamId: undefined }
          : { isEnterpriseInstall: false, enterpriseId, teamId: teamId ?? "" },
      );
      log.info("installation removed");
    } catch (err) {
      log.error({ err: describeError(err) }, "installation could not be removed");
    }
  };
  app.event("app_uninstalled", async ({ context }) => {
    await forget("app_uninstalled", context.teamId, context.enterpriseId, context.isEnterpriseInstall === true);
  });
  app.event("tokens_revoked", async ({ event, context }) => {
    // Only the bot's tokens matter: the app asks for no user tokens.
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget("tokens_revoked", context.teamId, context.enterpriseId, context.isEnterpriseInstall === true);
  });
}
