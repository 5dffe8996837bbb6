/**
 * "How much did the number of deportations fall?" when the article gives the number (261) but no rise or
 * fall of it: a question about an amount of change, whose best passages report no change at all, is
 * asked about something the article does not say. The best passage is cited as the closest it comes.
 *
 * A change counts in either direction (a fall for "how much did it rise" is `oppositeWord`'s to refuse,
 * with a more precise message) and in any of the ways news writes one: a verb of change ("dropped",
 * "risen"), "up from", "down by", "from 29 to 38 percent", "compared with", "more than", "doubled".
 *
 * Measured on the training articles (rules alone, 2026-12-03): news, 2 more of 500 unanswerable questions
 * refused (both "how much … cut"), no answerable one; SQuAD train, none either way.
 */
import { QUANTITY_CHANGE } from "../../text/lexicon";
import { inflectedTerms, termOf, words } from "../../text/tokens";
import type { ScoredSentence } from "../retrieve";
import { judgedBySpeaker, type Rule, type RuleContext } from "./types";

const id = "absent-change";
/** How many of the best passages must all report no change. */
const LOOKED_AT = 3;

/** "How much/many …", "by what percentage …": questions that ask for an amount. */
const ASKS_AMOUNT = /^\W*(?:by\s+)?how\s+(?:much|many|far|sharply|steeply)\b|\bby\s+what\s+(?:percent(?:age)?|amount|share|margin|factor)\b/i;
/** A change said without a verb of change, or with one the lexicon does not hold. */
const CHANGE_PHRASE =
  /\b(?:up|down)\s+(?:from|by|to|about|nearly|almost|more than)\b|\bfrom\s+(?:about\s+|nearly\s+|roughly\s+)?[$€£]?\d[\d,.]*\b[^.;]{0,40}?\bto\s+(?:about\s+|nearly\s+|roughly\s+)?[$€£]?\d|\bcompared\s+(?:with|to)\b|\b(?:more|fewer|less|higher|lower|greater|smaller)\s+than\b|\b(?:doubl|tripl|quadrupl|halv)\w*|\bper\s*cent(?:age)?\s+(?:increase|decrease|rise|fall|drop|decline|jump|gain)\b/i;

let changeTerms: Set<string> | undefined;
/** Index terms of every verb of change in every inflection (built once). */
function changeTermSet(): Set<string> {
  changeTerms ??= new Set([...QUANTITY_CHANGE.up, ...QUANTITY_CHANGE.down].flatMap(inflectedTerms));
  return changeTerms;
}

/** True when the question asks for an amount of change: "how much", and a verb of change ("fall"). */
function asksChange(ctx: RuleContext): boolean {
  const { text } = ctx.reading;
  const terms = changeTermSet();
  return ASKS_AMOUNT.test(text) && words(text).some((w) => terms.has(termOf(w) ?? ""));
}

function reportsChange(ctx: RuleContext, s: ScoredSentence): boolean {
  const terms = changeTermSet();
  if ([...ctx.corpus.termsOfSentence(s.doc.id, s.sentence.index)].some((t) => terms.has(t))) return true;
  return CHANGE_PHRASE.test(s.sentence.text);
}

export const absentChange: Rule = {
  id,
  check(ctx) {
    if (judgedBySpeaker(ctx)) return null;
    const best = ctx.evidence.ranked[0];
    if (!best || !asksChange(ctx)) return null;
    if (ctx.evidence.ranked.slice(0, LOOKED_AT).some((s) => reportsChange(ctx, s))) return null;
    return { rule: id, message: `The article doesn't say: it gives no rise or fall there, only figures. The closest it comes:`, closest: best };
  },
};
