/** Who said what: attribution in news prose, roles that name people, and quote look-up by memory. */
import path from "node:path";
import { loadCorpus, parseDocument } from "../../src/corpus/load";
import { SpeechIndex, samePerson } from "../../src/corpus/speech";
import { attributeSpeaker, findStatements, titledNamesInDocument } from "../../src/corpus/attribution";
import { askedPerson, readQuestion } from "../../src/answer/reading";
import { offlineEngine } from "../helpers/engine";

const BRIDGE = path.join(__dirname, "../eval/corpora/harbor-bridge/corpus");

describe("attribution", () => {
  test("the name after a speech verb and a role, not the organisation before it", () => {
    expect(attributeSpeaker("“Our drivers are ready,” said the union’s president, Dmitri Szabo.")).toBe("Dmitri Szabo");
    expect(attributeSpeaker("Bayline’s chief executive, Marguerite O’Donnell, said the company would add ferries.")).toBe("Marguerite O’Donnell");
    expect(attributeSpeaker("Bukele stated that the fight goes on.")).toBe("Bukele");
    // A common word opening a sentence is not a speaker, but "Trump said" still is.
    expect(attributeSpeaker("Updated maps will be posted on the city’s website.")).toBeNull();
    expect(attributeSpeaker("Trump said the flights would continue.")).toBe("Trump");
  });

  test("'he said' is the person named in the sentences before, across a paragraph, not a place or an owner", () => {
    const doc = parseDocument(
      "tickets.txt",
      [
        "Ticket chaos at the festival",
        "TixPoint's chief executive, Owen Strickland, apologised to fans on Saturday. The firm is based in Oxley Green.",
        "\u201cWe got this badly wrong and we are sorry,\u201d he said.",
        "Wexford Falls Mayor Tom Ashby called the deal \u201ca lifeline\u201d. \u201cWe would have lost our largest employer,\u201d he said.",
        "\u201cNobody told us anything at all,\u201d one fan wrote online.",
      ].join("\n\n"),
    );
    const speakers = new Map(findStatements(doc).map((st) => [st.text.slice(0, 12), st.speaker]));
    expect(speakers.get("We got this ")).toBe("Owen Strickland");
    expect(speakers.get("We would hav")).toBe("Tom Ashby");
    // No pronoun: nobody is guessed.
    expect(speakers.get("Nobody told ")).toBeNull();
  });

  test("a quote running over several sentences is one statement, with its speaker", async () => {
    const [doc] = (await loadCorpus(BRIDGE)).documents;
    if (!doc) throw new Error("no document");
    const statement = findStatements(doc).find((st) => st.text.startsWith("Nobody wants"));
    expect(statement).toMatchObject({ speaker: "Adaeze Whitfield", paragraph: 3 });
    expect(statement?.text).toMatch(/not safe\.$/);
    expect(statement && statement.lastSentenceIndex > statement.sentenceIndex).toBe(true);
    expect(doc.text.slice(statement?.start, statement?.end)).toBe(statement?.text);
  });

  test("honorifics do not stop a surname matching the full name", () => {
    expect(samePerson("Ms. Whitfield", "Adaeze Whitfield")).toBe(true);
    expect(samePerson("Dr. Okafor", "J. R. Okafor")).toBe(true);
    expect(samePerson("Ms. Whitfield", "José Núñez")).toBe(false);
    // Initials and apostrophes are read the same way on both sides.
    expect(samePerson("J. R. Okafor", "J. R. Okafor")).toBe(true);
    expect(samePerson("O'Donnell", "Marguerite O’Donnell")).toBe(true);
  });

  test("a role names the person the article gives it to", async () => {
    const speech = new SpeechIndex((await loadCorpus(BRIDGE)).documents);
    const titled = (role: string) => speech.personTitled(askedPerson(role).roleWords);
    expect(titled("the mayor")).toBe("Adaeze Whitfield");
    expect(titled("the transportation director")).toBe("José Núñez");
    expect(titled("the union's president")).toBe("Dmitri Szabo");
    expect(titled("the astronaut")).toBeNull();
    // After the name too: "Dr. J. R. Okafor, the firm’s lead structural engineer".
    expect(titled("the structural engineer")).toBe("J. R. Okafor");
    expect(titled("the chief executive")).toBe("Marguerite O’Donnell");
    // A name is taken as asked, even one the article never mentions; a role the article gives no one resolves to nobody.
    expect(speech.resolvePerson(askedPerson("Claudia Sheinbaum"))).toBe("Claudia Sheinbaum");
    expect(speech.resolvePerson(askedPerson("DHS official"))).toBeNull();
  });

  test("adverbs after the name are not part of it", () => {
    expect(readQuestion("What did Bukele actually say, quote-wise?").speech?.who.person).toBe("Bukele");
  });
});

describe("on another article", () => {
  test("'what did the mayor say' is answered from the mayor's words; a remembered quote is found by its speaker's role", async () => {
    const engine = await offlineEngine({}, {}, BRIDGE);
    const asked = await engine.ask("What did the mayor say about closing the bridge?");
    expect(asked.answerable).toBe(true);
    // Only the mayor's sentences (paragraphs 1 and 3) can answer; the transport director's and the union's cannot.
    expect(asked.citations.length).toBeGreaterThan(0);
    expect(asked.citations.every((c) => [1, 3].includes(c.paragraph))).toBe(true);
    const found = await engine.findQuotes("the transportation director said people should expect the worst early on");
    expect(found.matches[0]?.speaker).toBe("José Núñez");
    expect(engine.documentText(found.matches[0]?.docId ?? "")?.slice(found.matches[0]?.start, found.matches[0]?.end)).toBe(found.matches[0]?.quote);
  });
});

describe("people by what the text shows of them", () => {
  const doc = parseDocument("trip", [
    "Noem visits El Salvador",
    "",
    "Homeland Security Secretary Kristi Noem will travel to San Salvador on Friday. She will meet transportation director José Núñez there.",
    "",
    "Noem and Villatoro will tour a prison. General Ana Ruiz will not attend.",
  ].join("\n"));

  test("names after a title, in the run or in lower case before it, are people; places are not", () => {
    expect([...titledNamesInDocument(doc)].sort()).toEqual(["Ana Ruiz", "José Núñez", "Kristi Noem"]);
  });

  test("a span names a person when one of its names does, titles set aside", () => {
    const speech = new SpeechIndex([doc]);
    expect(speech.namesPerson("Noem and Villatoro")).toBe(true);
    expect(speech.namesPerson("Secretary Noem")).toBe(true);
    expect(speech.namesPerson("San Salvador")).toBe(false);
    expect(speech.namesPerson("El Salvador")).toBe(false);
  });
});

describe("an organisation's statements", () => {
  const doc = parseDocument("tickets", [
    "Fans turned away at festival",
    "",
    "TixPoint's chief executive, Owen Strickland, said the resale site had been attacked.",
    "",
    "Priya Menon, who runs the festival, said her team had warned TixPoint days earlier.",
    "",
    "Mayor Ann Lee opened the festival. Menon said refunds would follow.",
  ].join("\n"));
  const speech = new SpeechIndex([doc]);

  test("are those of the people its introduction names, not of everyone who mentions it", () => {
    expect(speech.sentencesFor("TixPoint").map((s) => s.speaker)).toEqual(["Owen Strickland"]);
  });

  test("a person quoted nowhere has none, and a quoted name keeps its own", () => {
    expect(speech.sentencesFor("Ann Lee")).toEqual([]);
    expect(speech.sentencesFor("Menon").map((s) => s.sentence.text)).toEqual([
      "Priya Menon, who runs the festival, said her team had warned TixPoint days earlier.",
      "Menon said refunds would follow.",
    ]);
  });
});
