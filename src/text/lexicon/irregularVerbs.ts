/**
 * English irregular verbs: base form, past, past participle. A stemmer leaves "began" and "begin" apart,
 * so "When did the outbreak begin?" would not find "The outbreak began in late February". Common verbs
 * only, as any English grammar lists them.
 */
const TABLE = `
arise arose arisen|awake awoke awoken|be was been|be were been|bear bore borne|beat beat beaten|become became become|
begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound|bite bit bitten|bleed bled bled|blow blew blown|
break broke broken|breed bred bred|bring brought brought|build built built|burn burnt burnt|burst burst burst|buy bought bought|
catch caught caught|choose chose chosen|cling clung clung|come came come|cost cost cost|creep crept crept|cut cut cut|
deal dealt dealt|dig dug dug|do did done|draw drew drawn|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|
feed fed fed|feel felt felt|fight fought fought|find found found|flee fled fled|fling flung flung|fly flew flown|forbid forbade forbidden|
forecast forecast forecast|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten|give gave given|
go went gone|grind ground ground|grow grew grown|hang hung hung|have had had|hear heard heard|hide hid hidden|hit hit hit|
hold held held|hurt hurt hurt|keep kept kept|kneel knelt knelt|know knew known|lay laid laid|lead led led|leave left left|
lend lent lent|let let let|lie lay lain|light lit lit|lose lost lost|make made made|mean meant meant|meet met met|
mislead misled misled|overcome overcame overcome|overtake overtook overtaken|pay paid paid|prove proved proven|put put put|
quit quit quit|read read read|rebuild rebuilt rebuilt|ride rode ridden|ring rang rung|rise rose risen|run ran run|say said said|
see saw seen|seek sought sought|sell sold sold|send sent sent|set set set|shake shook shaken|shed shed shed|shine shone shone|
shoot shot shot|show showed shown|shrink shrank shrunk|shut shut shut|sing sang sung|sink sank sunk|sit sat sat|sleep slept slept|
slide slid slid|speak spoke spoken|speed sped sped|spend spent spent|spin spun spun|split split split|spread spread spread|
spring sprang sprung|stand stood stood|steal stole stolen|stick stuck stuck|sting stung stung|strike struck struck|
strive strove striven|swear swore sworn|sweep swept swept|swim swam swum|swing swung swung|take took taken|teach taught taught|
tear tore torn|tell told told|think thought thought|throw threw thrown|undergo underwent undergone|understand understood understood|
undertake undertook undertaken|uphold upheld upheld|upset upset upset|wake woke woken|wear wore worn|weep wept wept|win won won|
wind wound wound|withdraw withdrew withdrawn|withhold withheld withheld|withstand withstood withstood|write wrote written`;

/** Past forms to their base form ("began" → "begin", "flown" → "fly"); the base forms themselves are not keys. */
export const IRREGULAR_PAST: ReadonlyMap<string, string> = new Map(
  TABLE.split("|")
    .map((entry) => entry.trim().split(/\s+/))
    .flatMap(([base, past, participle]) => [past, participle].filter((form): form is string => form !== undefined && form !== base).map((form) => [form, base ?? form] as const)),
);

const FORMS_OF_BASE = new Map<string, string[]>();
for (const [form, base] of IRREGULAR_PAST) FORMS_OF_BASE.set(base, [...(FORMS_OF_BASE.get(base) ?? []), form]);

/** The past forms of a base form ("begin" → "began", "begun"). */
export function irregularForms(base: string): readonly string[] {
  return FORMS_OF_BASE.get(base) ?? [];
}
