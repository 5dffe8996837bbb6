import { fitBoosted, predictBoosted } from "../../scripts/train/gbdt";
import { seededRandom } from "../../scripts/train/synthetic";

describe("boosted trees (the judge's tried alternative)", () => {
  test("learn an interaction a linear model cannot, the same way every time", () => {
    const random = seededRandom(7);
    const rows = Array.from({ length: 400 }, () => [random(), random(), random()]);
    // XOR of the first two features: no single weight separates it.
    const labels = rows.map((r) => ((r[0]! > 0.5) !== (r[1]! > 0.5) ? 1 : 0));
    const options = { trees: 60, depth: 2, rate: 0.3, bins: 16, minLeaf: 5, l2: 1 };
    const a = fitBoosted(rows, labels, options);
    expect(JSON.stringify(fitBoosted(rows, labels, options))).toBe(JSON.stringify(a));
    const right = rows.filter((r, i) => (predictBoosted(a, r) >= 0.5 ? 1 : 0) === labels[i]).length;
    expect(right / rows.length).toBeGreaterThan(0.9);
  });
});
