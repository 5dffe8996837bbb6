import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FEATURES } from "../../src/answer/judge/features";
import { JudgeModelError, MODEL_FILE, judgeRows, loadModel, parseModel } from "../../src/answer/judge/model";
import { fitLogistic } from "../../scripts/train/fit";
import { SQUAD_FILE, SQUAD_HELDOUT, SQUAD_TRAIN, writeSquadArticles } from "../../scripts/train/squad";
import { extraTitles, mergeSquadCopies } from "../../scripts/train/squadExtra";
import { makeUnanswerable, seededRandom } from "../../scripts/train/synthetic";

describe("judge model", () => {
  // How fast they load and judge is measured (`ANSWER_JUDGE=on npm run eval` reports p50 per set), not asserted here (timed unit tests
  // fail on a busy machine and prove nothing on a quiet one).
  test("the committed weights load and match this engine's features", () => {
    const model = loadModel();
    expect(model.features).toEqual([...FEATURES]);
    expect(model.thresholds.closest).toBeLessThanOrEqual(model.thresholds.answer);
  });

  test("a model trained on other features is refused, not used in silence", () => {
    const json = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as { features: string[] };
    json.features = json.features.slice(1);
    expect(() => parseModel(JSON.stringify(json))).toThrow(JudgeModelError);
  });

  test("judging ranks candidates by the ranker and gives a verdict in [0, 1]", () => {
    const model = loadModel();
    const good = FEATURES.map((f) => (f === "score" || f === "semantic" || f === "lexical" || f === "covSyn" || f === "covWindowSyn" || f === "rulesAnswer" ? 0.9 : 0));
    const weak = FEATURES.map((f) => (f === "score" || f === "semantic" ? 0.2 : f === "unmatchedMaxIdf" || f === "namesUnmatched" ? 1 : 0));
    const j = judgeRows(model, [weak, good]);
    expect(j.order[0]).toBe(1);
    expect(j.verdict).toBeGreaterThanOrEqual(0);
    expect(j.verdict).toBeLessThanOrEqual(1);
    expect(judgeRows(model, [good]).verdict).toBeGreaterThan(judgeRows(model, [weak]).verdict);
  });
});

describe("training", () => {
  test("fitting is deterministic and learns a separable rule", () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i % 2, (i * 7) % 13]);
    const labels = rows.map((r) => r[0]!);
    const a = fitLogistic(rows, labels, { epochs: 100, learningRate: 0.1, l2: 0 });
    const b = fitLogistic(rows, labels, { epochs: 100, learningRate: 0.1, l2: 0 });
    expect(a).toEqual(b);
    expect(a.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(a.weights[1]!)).toBeLessThan(0.5);
  });

  test("synthetic unanswerables are seeded and change the question", () => {
    const make = () => makeUnanswerable("When did Whitfield open the bridge?", ["Okafor", "Kestrel Point"], "Whitfield opened it in 1955.", seededRandom(7));
    const first = make();
    expect(first).toEqual(make());
    expect(first?.q).not.toBe("When did Whitfield open the bridge?");
  });

  (existsSync(SQUAD_FILE) ? test : test.skip)("SQuAD articles are split by article and written with exact answer offsets", () => {
    expect(SQUAD_TRAIN.filter((t) => SQUAD_HELDOUT.includes(t))).toEqual([]);
    const [article] = writeSquadArticles(["Solar_energy"], mkdtempSync(path.join(os.tmpdir(), "judge-squad-")));
    expect(article).toBeDefined();
    const answerable = article!.cases.filter((c) => c.answerable);
    expect(answerable.length).toBeGreaterThan(200);
    for (const c of answerable) for (const a of c.answers) expect(article!.text.slice(a.start, a.end)).toBe(a.text);
    expect(readFileSync(path.join(article!.corpusDir, `${article!.name}.txt`), "utf8")).toBe(article!.text);
  });

  test("partial SQuAD train copies merge by question id, without held-out articles or dev files", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "judge-extra-"));
    const qa = (id: string, impossible: boolean) => ({ id, question: `Question ${id}?`, is_impossible: impossible, answers: impossible ? [] : [{ text: "Alpha", answer_start: 0 }] });
    const copy = (name: string, data: unknown) => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify({ version: "v2.0", data }));
      return file;
    };
    const a = copy("train-part-a.json", [
      { title: "Alpha", paragraphs: [{ context: "Alpha came first.", qas: [qa("a1", false), qa("a2", true)] }] },
      { title: SQUAD_HELDOUT[0]!, paragraphs: [{ context: "Held out.", qas: [qa("h1", true)] }] },
    ]);
    const b = copy("train-part-b.json", [
      { title: "Alpha", paragraphs: [{ context: "Alpha came first.", qas: [qa("a2", true), qa("a3", true)] }] },
      { title: "Beta", paragraphs: [{ context: "Beta came second.", qas: [qa("b1", true), qa("b2", true), qa("b3", true)] }] },
    ]);
    const merged = mergeSquadCopies([a, b]);
    expect(merged.data.map((x) => x.title)).toEqual(["Alpha", "Beta"]);
    expect(merged.data[0]!.paragraphs.flatMap((p) => p.qas.map((q) => q.id))).toEqual(["a1", "a2", "a3"]);
    const out = copy("merged.json", merged.data);
    expect(extraTitles(out, [])).toEqual(["Beta", "Alpha"]);
    expect(extraTitles(out, ["Beta"], 1)).toEqual(["Alpha"]);
    expect(() => mergeSquadCopies([copy("dev-v2.0.json", [])])).toThrow(/dev split/);
  });
});
