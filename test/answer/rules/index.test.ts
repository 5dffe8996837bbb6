import { readdirSync } from "node:fs";
import { allVerdicts, firstRefusal, RULES } from "../../../src/answer/rules";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("every rule has a unique id and its own test file", () => {
  const ids = RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const files = new Set(readdirSync(__dirname));
  for (const rule of RULES) {
    const camel = rule.id.replace(/-(\w)/g, (_: string, c: string) => c.toUpperCase());
    expect({ rule: rule.id, tested: files.has(`${camel}.test.ts`) }).toEqual({ rule: rule.id, tested: true });
  }
});

test("the first refusal in order decides; every verdict is reported", () => {
  // An unknown name and a missing kind of answer: the more precise message, checked first, wins.
  const ctx = ruleContext("When will Ann Lee visit Brooklyn?", BRIDGE_ARTICLE);
  const verdicts = allVerdicts(ctx);
  expect(verdicts.map((v) => v.rule)).toEqual(RULES.map((r) => r.id));
  expect(verdicts.find((v) => v.rule === "unknown-name")?.refusal).not.toBeNull();
  expect(firstRefusal(ctx)?.rule).toBe("unknown-name");
  expect(firstRefusal(ruleContext("When will the Harbor Bridge close?", BRIDGE_ARTICLE))).toBeNull();
});
