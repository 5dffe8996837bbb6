/**
 * Words for people by what they are rather than who: the roles a question asks about ("which
 * president"), the titles written before a name in news prose ("Secretary Kristi Noem") and the
 * honorifics before a surname ("Ms. Whitfield"). Data only: the readers that use them are in
 * `answer/reading.ts` and `corpus/`.
 */

/** Nouns for people by role, singular and plural, as in "which president", "which Mexican officials". */
export const PERSON_ROLE_NOUNS: readonly string[] = [
  "president", "presidents", "minister", "ministers", "official", "officials", "secretary", "secretaries", "person", "persons",
  "people", "leader", "leaders", "man", "men", "woman", "women", "spokesman", "spokeswoman", "spokesperson", "governor", "governors",
  "mayor", "mayors", "judge", "judges", "senator", "senators", "executive", "executives", "director", "directors",
];

/**
 * Offices a person holds in an organisation or a place, singular: "Who is the chairman of X?" asks for
 * one (`rules/absentRole.ts`). Not relations in general ("representative", "holder", "beneficiary"),
 * which encyclopedia prose paraphrases too freely.
 */
export const OFFICE_NOUNS: readonly string[] = [
  "chairman", "chairwoman", "chair", "chairperson", "president", "director", "lawyer", "attorney", "chief", "executive",
  "officer", "mayor", "governor", "head", "leader", "founder", "owner", "manager", "spokesman", "spokeswoman", "spokesperson",
  "treasurer", "secretary", "superintendent", "principal", "commissioner", "coach", "captain", "warden", "dean", "editor",
  "minister", "judge", "sheriff",
];

/** Titles and offices written before a name ("President Bukele", "Former Gov. X"): not part of the name. */
export const NAME_TITLES: readonly string[] = [
  "president", "vice", "secretary", "assistant", "deputy", "minister", "senator", "sen", "rep", "representative",
  "governor", "gov", "mayor", "judge", "justice", "general", "gen", "mr", "mrs", "ms", "dr", "prof", "chief",
  "director", "spokesman", "spokeswoman", "spokesperson", "ambassador", "attorney", "commissioner", "officer",
  "prime", "king", "queen", "pope", "sheriff", "captain", "lt", "colonel", "sergeant", "former", "acting",
];

/** Honorifics and short titles written before a surname ("Ms. Whitfield", "Dr. Okafor"), without their dot. */
export const HONORIFICS: readonly string[] = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "gov", "sen", "rep", "gen", "col", "lt", "capt", "sgt", "rev", "fr", "hon"];

/** Lowercase particles inside a name: "Ana de la Cruz", "Ludwig van Beethoven". */
export const NAME_PARTICLES: readonly string[] = ["de", "del", "la", "van", "von", "da", "di", "le", "bin", "al"];
