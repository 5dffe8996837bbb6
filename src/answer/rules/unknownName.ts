/** A name the corpus never mentions ("Is Noem going to Brazil?") cannot be answered from it. */
import { judgedBySpeaker, type Rule } from "./types";

const id = "unknown-name";

export const unknownName: Rule = {
  id,
  check(ctx) {
    if (judgedBySpeaker(ctx)) return null;
    const unknown = ctx.corpus.unknownNames(ctx.reading.names);
    return unknown.length === 0 ? null : { rule: id, message: `The article doesn't mention ${unknown.join(" or ")}.` };
  },
};
