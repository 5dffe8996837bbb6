/** What every button click needs to know: where it was clicked, and a logger that says who clicked. */
import type { BlockAction } from "@slack/bolt";
import type { Logger } from "../../log";
import type { SlackRuntime } from "../runtime";

/** Bolt types `container` loosely; read its ids defensively. */
export function containerField(body: BlockAction, name: "channel_id" | "message_ts"): string | undefined {
  const container = body.container as Record<string, unknown>;
  const value = container[name];
  return typeof value === "string" ? value : undefined;
}

export function clicked(rt: SlackRuntime, body: BlockAction, surface: "share" | "feedback"): { channel: string | undefined; log: Logger } {
  const channel = body.channel?.id ?? containerField(body, "channel_id");
  return { channel, log: rt.logger.child({ surface, user: body.user.id, channel, team: body.team?.id }) };
}
