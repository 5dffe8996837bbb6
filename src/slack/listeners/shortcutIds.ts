/** callback_ids of the message shortcuts, as declared in manifest.yml. */
export const SHORTCUT_IDS = {
  find: "find_in_article",
  ask: "ask_article_bot",
} as const;
