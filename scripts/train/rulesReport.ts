/**
 * How the hand rules do on the training articles, question by question: the tool the rules are chosen
 * with (never run it on `test/eval/` sets: they would stop being held out).
 *
 *   tsx scripts/train/rulesReport.ts [--squad | --dir=PATH] [--verbose] [--rule=ID|none]
 *
 * News training articles (`data/train-news/`) by default; `--squad` runs SQuAD 2.0 train's 7 training
 * articles instead, `--dir=data/dev-news` the development articles written blind in the held-out sets'
 * style (their questions have no `answer`: the first alternative of their first `expect` group stands
 * in). Rules alone (the learned judge off). Prints answerable right (the lead sentence holds
 * the answer) / hit@1 / hit@3 / false refusals, unanswerable refused, and each rule's right and false
 * refusals. `--verbose` lists the false refusals (FALSE), wrong leads (MISS) and unrefused unanswerable
 * questions (UNREFUSED); `--rule=ID` keeps only one rule's false refusals, `--rule=none` only UNREFUSED.
 */
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { createEngine } from "../../src/engine";
import { SQUAD_TRAIN, writeSquadArticles } from "./squad";

interface Case {
  id: string;
  q: string;
  answerable: boolean;
  kind: string;
  /** Text the lead sentence must hold (news: `answer`; SQuAD: the first answer span). */
  answer: string;
}

interface Article {
  name: string;
  corpusDir: string;
  cases: Case[];
}

const fold = (s: string): string => s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ");

function newsArticles(root = path.resolve(__dirname, "../../data/train-news")): Article[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const lines = readFileSync(path.join(root, name, "ask.jsonl"), "utf8").split("\n").filter(Boolean);
      const cases = lines.map((line) => JSON.parse(line) as { id: string; q: string; answerable: boolean; kind: string; answer?: string; expect?: string[][] });
      return { name, corpusDir: path.join(root, name, "corpus"), cases: cases.map((c) => ({ ...c, answer: c.answer ?? c.expect?.[0]?.[0] ?? "" })) };
    });
}

function squadArticles(): Article[] {
  return writeSquadArticles(SQUAD_TRAIN, path.join(os.tmpdir(), "article-bot-rules-report", "squad")).map((a) => ({
    name: a.name,
    corpusDir: a.corpusDir,
    cases: a.cases.map((c) => ({ id: c.id, q: c.q, answerable: c.answerable, kind: c.answerable ? "answerable" : "unanswerable", answer: c.answers[0]?.text ?? "" })),
  }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose");
  const only = args.find((a) => a.startsWith("--rule="))?.slice("--rule=".length);
  const dir = args.find((a) => a.startsWith("--dir="))?.slice("--dir=".length);
  if (dir !== undefined && /test[/\\]eval/.test(path.resolve(dir))) throw new Error("--dir: test/eval sets are held out or measured with npm run eval, not read here");
  const articles = args.includes("--squad") ? squadArticles() : newsArticles(dir === undefined ? undefined : path.resolve(dir));
  const totals = { answerable: 0, right: 0, hit1: 0, hit3: 0, falseRefusals: 0, unanswerable: 0, refused: 0 };
  const byRule = new Map<string, { right: number; wrong: number }>();
  /** Unanswerable questions by the kind their writer gave them (swap, negation, …): asked and refused. */
  const byKind = new Map<string, { asked: number; refused: number }>();
  const count = (rule: string, key: "right" | "wrong") => {
    const entry = byRule.get(rule) ?? { right: 0, wrong: 0 };
    entry[key]++;
    byRule.set(rule, entry);
  };
  const show = (line: string, rule: string) => {
    if (verbose && (only === undefined || only === rule)) console.log(line);
  };
  for (const article of articles) {
    const indexDir = path.join(os.tmpdir(), "article-bot-rules-report", "index", article.name);
    const config = loadConfig({ ...process.env, LLM_PROVIDER: "none", ANSWER_JUDGE: "off" }, { corpusDir: article.corpusDir, indexDir });
    const engine = await createEngine(config, { notify: () => undefined });
    for (const c of article.cases) {
      const { judgement, result } = await engine.explain(c.q);
      // A question about the whole article has no judgement: it is answered by the summary.
      const rule = judgement?.ruleRefusal?.rule ?? (result.answerable ? null : "other");
      const ranked = judgement?.evidence.ranked ?? [];
      const holds = (text: string) => c.answer !== "" && fold(text).includes(fold(c.answer));
      const lead = ranked[0]?.sentence.text ?? "";
      if (c.answerable) {
        totals.answerable++;
        const hit1 = holds(lead);
        if (hit1) totals.hit1++;
        if (ranked.slice(0, 3).some((s) => holds(s.sentence.text))) totals.hit3++;
        if (rule !== null) {
          totals.falseRefusals++;
          count(rule, "wrong");
          show(`FALSE ${rule} ${article.name} ${c.id} ${c.q} => ${c.answer}`, rule);
        } else if (hit1) totals.right++;
        else show(`MISS ${article.name} ${c.id} ${c.q} => ${c.answer} | lead: ${lead.slice(0, 120)}`, "miss");
      } else {
        totals.unanswerable++;
        const kind = byKind.get(c.kind) ?? { asked: 0, refused: 0 };
        kind.asked++;
        if (rule !== null) kind.refused++;
        byKind.set(c.kind, kind);
        if (rule !== null) {
          totals.refused++;
          count(rule, "right");
        } else show(`UNREFUSED ${c.kind} ${article.name} ${c.id} ${c.q} | lead: ${lead.slice(0, 120)}`, "none");
      }
    }
    await engine.close();
  }
  const t = totals;
  console.log(`answerable ${t.answerable}: right ${t.right}, hit@1 ${t.hit1}, hit@3 ${t.hit3}, false refusals ${t.falseRefusals}`);
  console.log(`unanswerable ${t.unanswerable}: refused ${t.refused} (${[...byKind].sort().map(([kind, k]) => `${kind} ${k.refused}/${k.asked}`).join(", ")})`);
  for (const [rule, v] of [...byRule].sort()) console.log(`rule ${rule}: right ${v.right}, false ${v.wrong}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
