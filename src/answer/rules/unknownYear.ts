/**
 * "How many measles cases did Farrow County have in 2005?" when the article never mentions 2005: a year
 * the question holds and the article does not is, like an unknown name, something it says nothing about.
 *
 * Measured on the training articles (rules alone): news, 9 more of 500 unanswerable questions refused,
 * no answerable one; SQuAD train, one answerable question refused ("In the year 1942, what percentage of
 * white Americans …", an article that gives 1940). Asking instead for the year next to the best passage
 * refused 12 on news but 41 answerable SQuAD questions: in a long article the best passage is often
 * not the one with the year.
 */
import { judgedBySpeaker, type Rule } from "./types";

const id = "unknown-year";
const YEAR = /\b(?:1[5-9]|20)\d{2}\b/gu;

export const unknownYear: Rule = {
  id,
  check(ctx) {
    if (judgedBySpeaker(ctx)) return null;
    const years = ctx.reading.input.match(YEAR) ?? [];
    if (years.length === 0) return null;
    // Numbers are index terms as written ("2025", also from "2025-26"), so the corpus knows each year it uses.
    const missing = years.find((year) => !ctx.corpus.knows(year));
    return missing === undefined ? null : { rule: id, message: `The article doesn't mention ${missing}.` };
  },
};
