import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CorpusError, loadCorpus } from "../../src/corpus/load";
import { nfcView, storedSpan } from "../../src/corpus/normalize";

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "article-bot-corpus-"));
}

describe("loadCorpus", () => {
  test("loads .txt and .md files in name order, ignores others, hashes contents", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "b.md"), "# Second\n\nBody of b.");
    writeFileSync(path.join(dir, "a.txt"), "First document. It has two sentences.");
    writeFileSync(path.join(dir, "notes.json"), "{}");
    const corpus = await loadCorpus(dir);
    expect(corpus.documents.map((d) => d.id)).toEqual(["a", "b"]);
    const before = corpus.hash;
    writeFileSync(path.join(dir, "a.txt"), "First document. It has changed.");
    expect((await loadCorpus(dir)).hash).not.toBe(before);
  });

  test.each([
    ["a missing folder", (dir: string) => path.join(dir, "nope"), /does not exist/],
    ["an empty folder", (dir: string) => dir, /has no \.txt or \.md documents/],
    ["a binary file", (dir: string) => (writeFileSync(path.join(dir, "x.txt"), Buffer.from([0x89, 0x50, 0x00, 0x01])), dir), /binary/],
    ["invalid UTF-8", (dir: string) => (writeFileSync(path.join(dir, "x.txt"), Buffer.from([0x66, 0xff, 0xfe, 0x41])), dir), /not valid UTF-8/],
    ["a file with no text", (dir: string) => (writeFileSync(path.join(dir, "x.md"), "   \n\n"), dir), /no text/],
    ["a file that cannot be read", (dir: string) => (mkdirSync(path.join(dir, "folder.txt")), dir), /cannot be read/],
  ])("%s is a clear CorpusError", async (_name, setup, message) => {
    await expect(loadCorpus(setup(tempDir()))).rejects.toThrow(CorpusError);
    await expect(loadCorpus(setup(tempDir()))).rejects.toThrow(message);
  });
});

describe("as stored", () => {
  test("a byte-order mark stays in the text, so offsets index the file", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.txt"), "\uFEFFFirst sentence here. Second one.");
    const [doc] = (await loadCorpus(dir)).documents;
    expect(doc?.text.charCodeAt(0)).toBe(0xfeff);
    for (const s of doc?.sentences ?? []) expect(doc?.text.slice(s.start, s.end)).toBe(s.text);
    expect(doc?.sentences[0]?.start).toBe(1);
    expect(doc?.title).toBe("First sentence here");
  });

  test("maxBytes refuses a corpus above it and the size warning goes to notify", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.txt"), "Some words in a sentence. ".repeat(100));
    await expect(loadCorpus(dir, { maxBytes: 1000 })).rejects.toThrow(/above the MAX_CORPUS_MB cap/);
    const notices: string[] = [];
    await loadCorpus(dir, { maxBytes: 4000, notify: (m) => notices.push(m) });
    expect(notices).toEqual([expect.stringMatching(/^Warning: corpus folder .* holds 2\.5 KB in 1 document\(s\), largest a\.txt \(2\.5 KB\)/)]);
  });
});

describe("nfcView", () => {
  test("a decomposed text is matched as NFC and spans map back to the stored text", () => {
    const stored = "Jose\u0301 said: “Bra\u0301zil.”\nPlain line.\n";
    const { text, stored: map } = nfcView(stored);
    expect(text).toBe(stored.normalize("NFC"));
    expect(map?.text).toBe(stored);
    const at = text.indexOf("Brázil");
    const span = storedSpan(map!, at, at + "Brázil".length);
    expect(stored.slice(span.start, span.end)).toBe("Bra\u0301zil");
    const plain = text.indexOf("Plain line.");
    const p = storedSpan(map!, plain, plain + 11);
    expect(stored.slice(p.start, p.end)).toBe("Plain line.");
    expect(nfcView("Already composed é.").stored).toBeUndefined();
  });
});
