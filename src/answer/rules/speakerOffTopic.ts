/**
 * "What did X say about Y" when X is quoted, but never about Y. The candidates of a speech question are
 * only X's own sentences (`evidence.ts`), so without this rule the best of them is cited whatever it is
 * about: asked what the council leader said about clay layers slumping, the bot quoted the leader on
 * something else, while the words about clay were another person's (an entity swap).
 *
 * What was asked about is the question's words after the speech verb ("about the clay layers slumping
 * away"). It is covered when X's sentences, or the sentence after each (a quote goes on unattributed),
 * hold enough of its IDF weight by stem or through a WordNet relation. Only a topic with words the rest
 * of the article does use is judged: a topic in words the article never uses is read as a paraphrase.
 */
import { terms, words } from "../../text/tokens";
import type { Rule, RuleContext } from "./types";

const id = "speaker-off-topic";

export const speakerOffTopic: Rule = {
  id,
  check(ctx) {
    const { evidence, reading, corpus, speech } = ctx;
    if (evidence.speaker === null || evidence.speaker.sentences === 0 || reading.speech === null) return null;
    const topic = topicTerms(ctx, reading.speech.rest);
    // Too little asked ("what did X say?", "… say next") to judge what about.
    if (topic.length < ctx.policy.speakerTopicMinTerms) return null;
    const held = spokenTerms(ctx);
    const covered = corpus.coverage(topic, (t) => held.has(t));
    if (covered >= ctx.policy.speakerTopicCoverage) return null;
    const { person } = evidence.speaker;
    const who = speech.mentions(person) ? speech.fullName(person) : person;
    return { rule: id, message: `The article doesn't say: it quotes or reports nothing ${who} said about that.` };
  },
};

/** The asked topic's terms that the article uses at all (an unknown word may be a paraphrase). */
function topicTerms({ corpus }: RuleContext, rest: string): string[] {
  return [...new Set(terms(rest.replace(/^(?:about|on|regarding|of)\s+/i, "")))].filter((t) => corpus.knows(t));
}

/** The terms of the speaker's sentences and the sentence after each, with WordNet's related words' terms. */
function spokenTerms({ evidence, corpus, wordNet }: RuleContext): Set<string> {
  const held = new Set<string>();
  for (const s of evidence.ranked) {
    for (const index of [s.sentence.index, s.sentence.index + 1]) {
      const sentence = s.doc.sentences[index];
      if (sentence === undefined) continue;
      for (const t of corpus.termsOfSentence(s.doc.id, index)) held.add(t);
      for (const word of words(sentence.text)) {
        if (!wordNet.has(word)) continue;
        for (const lemma of wordNet.related(word)) for (const t of terms(lemma)) held.add(t);
      }
    }
  }
  return held;
}
