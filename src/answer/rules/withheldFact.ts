/**
 * "What is the captain's name?" when the best passage says "the captain, whose name was not released":
 * the article tells that it does not know or was not told, so it doesn't say. The passage is cited as
 * the closest it comes. A yes/no question ("Has the minister said whether …?") is answered by such a
 * passage ("declined to say"), and a passage that also gives the asked kind of answer may answer it.
 *
 * Measured on the training articles (rules alone): news, 5 more of 500 unanswerable questions refused,
 * no answerable one; SQuAD train unchanged. "remained under investigation" and "has not announced" were
 * left out of `saysWithheld`: they refused two answerable questions ("… under investigation, though a
 * downed power line was one of the things they were looking at").
 */
import { saysWithheld } from "../../text/withheld";
import { judgedBySpeaker, type Rule } from "./types";

const id = "withheld-fact";

export const withheldFact: Rule = {
  id,
  check(ctx) {
    const { reading, evidence } = ctx;
    if (judgedBySpeaker(ctx) || reading.yesNo) return null;
    const best = evidence.ranked[0];
    if (!best || !saysWithheld(best.sentence.text)) return null;
    if (evidence.match?.offers(best)) return null;
    return { rule: id, message: "The article doesn't say: it reports that this is not known or was not made public. The closest it comes:", closest: best };
  },
};
