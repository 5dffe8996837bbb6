/**
 * "How many votes did the business association cast?" when only the council voted: a name the article
 * uses only in passing (in one or two sentences), and nowhere in the paragraph of the best passage, is
 * not what that passage speaks about. The article's main subjects, named in many sentences, are left
 * alone: passages refer to them as "the airline", "the company" or "she".
 *
 * Chosen on the news training articles (1,000 questions, rules alone): 62 more of the 500 unanswerable
 * questions refused (45 of them among the 120 entity swaps), 4 more of the 500 answerable ones. Without
 * the passing-mention limit: 72 more for 13 (the airline, the company …).
 */
import { words } from "../../text/tokens";
import { judgedBySpeaker, type Rule } from "./types";

const id = "distant-name";

export const distantName: Rule = {
  id,
  check(ctx) {
    const { reading, evidence, corpus, policy } = ctx;
    const best = evidence.ranked[0];
    if (judgedBySpeaker(ctx) || !best) return null;
    const inParagraph = best.doc.sentences.filter((s) => s.paragraph === best.sentence.paragraph);
    const paragraph = new Set(inParagraph.flatMap((s) => [...corpus.termsOfSentence(best.doc.id, s.index)]));
    // A demonym stands for its place, both ways: "Mexican" in the question is there when the paragraph
    // names Mexico, "Colombia" when it says "Colombian" (the paragraph's demonyms are looked up last, only
    // for names not found otherwise).
    const questionPlaces = corpus.placesOf(reading.names.flatMap((n) => n.words));
    const found = (t: string) => paragraph.has(t) || (questionPlaces.get(t) ?? []).some((place) => place.every((p) => paragraph.has(p)));
    const candidates = reading.names.filter(
      (name) =>
        name.terms.length > 0 &&
        !reading.setAside.includes(name.text) &&
        name.terms.every((t) => corpus.knows(t)) && // a name the corpus never uses is `unknownName`'s
        !name.terms.some(found) &&
        Math.max(...name.terms.map((t) => corpus.sentencesWith(t))) <= policy.passingMentions,
    );
    if (candidates.length === 0) return null;
    const paragraphPlaces = new Set([...corpus.placesOf(inParagraph.flatMap((s) => words(s.text))).values()].flat(2));
    const distant = candidates.find((name) => !name.terms.some((t) => paragraphPlaces.has(t)));
    if (!distant) return null;
    return { rule: id, message: `The article doesn't say that: it mentions “${distant.phrase}” only in passing, elsewhere.` };
  },
};
