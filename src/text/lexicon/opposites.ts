/**
 * Words of opposite direction, in pairs of groups: a question asking how much something rose, when the
 * article only says it fell, asks about something the article does not say (`rules/oppositeWord.ts`).
 * WordNet pairs single words ("rise" ↔ "fall") but not their near-synonyms ("dropped" is no antonym of
 * "risen"), which news writes as often. Words of one group count as each other's synonyms.
 *
 * General English, base forms only (inflections are found by the rule); nothing here is about one
 * article. Chosen on the news training articles; common words with other main senses ("get", "lay",
 * "back", "pass", "speed", "gain") are left out, and so are converses, which tell one event from its
 * other side ("customers receive" what the airline gives; "buy" and "sell"). "Begin" and "end" are not
 * paired beyond WordNet's own: one passage often gives both ends of a trip or a term, and "Where does the
 * trip start?" was refused for citing its end.
 */
/** Verbs of a quantity going up or down (base forms); also what "how much did X fall?" asks about (`rules/absentChange.ts`). */
export const QUANTITY_CHANGE = {
  up: ["rise", "increase", "grow", "climb", "jump", "raise", "expand", "boost", "surge", "soar", "hike", "double", "triple"],
  down: ["fall", "drop", "decline", "decrease", "cut", "reduce", "lower", "shrink", "slash", "plunge", "dip", "halve"],
} as const;

export const OPPOSITE_GROUPS: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [QUANTITY_CHANGE.up, QUANTITY_CHANGE.down],
  [["resume", "reopen"], ["suspend", "halt"]],
  [["arrive", "enter"], ["leave", "depart", "exit"]],
  [["hire", "recruit"], ["fire", "dismiss"]],
  [["profit", "surplus"], ["loss", "lose", "deficit", "shortfall"]],
  [["create", "establish"], ["eliminate", "abolish"]],
  [["approve", "accept", "endorse", "support"], ["reject", "deny", "veto", "oppose", "refuse", "against"]],
  [["win"], ["lose"]],
  [["impose", "introduce", "add"], ["lift", "remove", "waive", "repeal"]],
  [["allow", "permit"], ["ban", "forbid", "prohibit"]],
  [["include"], ["exclude", "exempt"]],
  [["save"], ["spend"]],
  [["convict"], ["acquit"]],
  [["fine", "penalty"], ["reward"]],
  [["hot", "warm", "heat"], ["cold", "cool"]],
  [["high", "peak", "maximum"], ["low", "minimum"]],
  [["admit"], ["discharge"]],
  [["accelerate", "hasten"], ["delay", "postpone"]],
  [["succeed"], ["fail"]],
  [["please", "delight", "satisfy", "happy"], ["disappoint", "dissatisfy", "upset", "unhappy", "angry"]],
];

/**
 * Two-word phrases that stand for one word of the groups above, in questions and passages alike:
 * [first word (base form, matched in any inflection), second word, the word meant]. "Laid off" is "fire",
 * "turned away" is "reject", "up from 29 percent" is "rise".
 */
export const PHRASE_MEANINGS: ReadonlyArray<readonly [string, string, string]> = [
  ["lay", "off", "fire"],
  ["turn", "away", "reject"],
  ["turn", "down", "reject"],
  ["speed", "up", "accelerate"],
  ["vote", "for", "support"],
  ["up", "from", "rise"],
  ["go", "up", "rise"],
  ["go", "down", "fall"],
  ["down", "from", "fall"],
];
