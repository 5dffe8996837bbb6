/** "What did X say …" when the article quotes and reports nothing X said. */
import type { Rule } from "./types";

const id = "speaker-silent";

export const speakerSilent: Rule = {
  id,
  check({ evidence, speech }) {
    if (evidence.speaker === null || evidence.speaker.sentences > 0) return null;
    const { person } = evidence.speaker;
    const who = speech.mentions(person) ? speech.fullName(person) : person;
    return { rule: id, message: `The article doesn't say what ${who} said: it quotes or reports no statement by ${who}.` };
  },
};
