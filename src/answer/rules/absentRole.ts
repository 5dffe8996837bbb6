/**
 * "Who is the chairman of Meridian Air Group?" when the article names a chairman only of the pilots'
 * union, and Meridian Air Group only in a sentence about its shares: a role and its holder that no part
 * of the article puts together. The question is let through when a sentence holding the role (or a
 * WordNet synonym of its head word, "chair" for "chairman") stands in a paragraph that names the holder,
 * or next to one ("The union's chairman, …" after a paragraph naming the union).
 *
 * Only for offices (`OFFICE_NOUNS`: chairman, lawyer, mayor …): relations in general ("the regent of",
 * "the beneficiaries of") are paraphrased too freely, and refused 5 answerable SQuAD train questions.
 * Measured on the training articles (rules alone, 2026-12-03): news, 6 more of 500 unanswerable questions
 * refused (21 questions have this shape, 10 of them unanswerable), no answerable one; SQuAD train, none
 * either way.
 */
import { OFFICE_NOUNS } from "../../text/lexicon";
import { termOf } from "../../text/tokens";
import { judgedBySpeaker, type Rule } from "./types";

const id = "absent-role";
/** WordNet senses whose synonyms count as the role ("chair" → "chairman", "president"). */
const ROLE_SENSES = 2;

export const absentRole: Rule = {
  id,
  check(ctx) {
    const asked = ctx.reading.roleOf;
    if (judgedBySpeaker(ctx) || asked === null) return null;
    const { corpus, wordNet } = ctx;
    const head = asked.role.at(-1) ?? "";
    if (!OFFICE_NOUNS.includes(head)) return null;
    const roleTerms = new Set(
      [head, ...wordNet.synonyms(head, { senses: ROLE_SENSES })]
        .filter((w) => !w.includes(" "))
        .map(termOf)
        .filter((t): t is string => t !== null),
    );
    // A holder the article never names is `unknownName`'s to refuse, with a more precise message.
    const holderTerms = asked.holder.map(termOf).filter((t): t is string => t !== null);
    const holder = corpus.rarestKnown(holderTerms);
    if (holder === null || roleTerms.size === 0) return null;
    for (const doc of corpus.documents.values()) {
      const holderParagraphs = new Set(doc.sentences.filter((s) => corpus.termsOfSentence(doc.id, s.index).has(holder)).map((s) => s.paragraph));
      if (holderParagraphs.size === 0) continue;
      for (const s of doc.sentences) {
        const held = corpus.termsOfSentence(doc.id, s.index);
        if (![...roleTerms].some((t) => held.has(t))) continue;
        // Beside the holder's paragraph, or with any of the holder's words ("the authority's executive director").
        const near = holderParagraphs.has(s.paragraph) || holderParagraphs.has(s.paragraph - 1) || holderParagraphs.has(s.paragraph + 1);
        if (near || holderTerms.some((t) => held.has(t))) return null;
      }
    }
    return { rule: id, message: `The article doesn't say: it names no ${asked.written.role} of ${asked.written.holder}.` };
  },
};
