import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chainLadder } from "./chain-ladder.js";

// The Taylor & Ashe (1983) triangle, a public fixture kept in the repository (fixtures/README.md;
// columns: development = calendar year of evaluation, origin, values = cumulative).
const GENINS = new URL("./fixtures/genins.csv", import.meta.url);

const readGenIns = (): (number | null)[][] => {
  const [header, ...lines] = readFileSync(GENINS, "utf8").trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  const at = (name: string) => columns.indexOf(name);
  const cells = lines.map((line) => {
    const fields = line.split(",");
    return {
      origin: Number(fields[at("origin")]),
      age: Number(fields[at("development")]) - Number(fields[at("origin")]),
      value: Number(fields[at("values")]),
    };
  });
  const first = Math.min(...cells.map((c) => c.origin));
  const size = Math.max(...cells.map((c) => c.origin)) - first + 1;
  const triangle = Array.from({ length: size }, () => new Array<number | null>(size).fill(null));
  for (const { origin, age, value } of cells) {
    const row = triangle[origin - first];
    if (row !== undefined) row[age] = value;
  }
  return triangle;
};

describe("chainLadder", () => {
  it("reproduces the GenIns (Taylor & Ashe) factors and total IBNR", () => {
    const result = chainLadder(readGenIns());
    expect(result.factors.map((f) => f.toFixed(4))).toEqual([
      "3.4906",
      "1.7473",
      "1.4574",
      "1.1739",
      "1.1038",
      "1.0863",
      "1.0539",
      "1.0766",
      "1.0177",
    ]);
    expect(Math.round(result.totalIbnr)).toBe(18_680_856);
    expect(result.ibnr[0]).toBe(0);
    expect(result.ultimates.at(-1)).toBeCloseTo(344_014 * result.cumulativeFactors[0]!, 6);
  });

  it("weights age-to-age factors by volume and projects each origin from its latest value", () => {
    const result = chainLadder([
      [100, 150, 165],
      [110, 170, null],
      [120, null, null],
    ]);
    expect(result.factors).toEqual([320 / 210, 165 / 150]);
    expect(result.cumulativeFactors).toEqual([(320 / 210) * 1.1, 1.1, 1]);
    expect(result.latest).toEqual([165, 170, 120]);
    expect(result.latestAge).toEqual([2, 1, 0]);
    expect(result.ibnr[1]).toBeCloseTo(17, 10);
    expect(result.ibnr[2]).toBeCloseTo(120 * (320 / 210) * 1.1 - 120, 10);
    expect(result.totalIbnr).toBeCloseTo(17 + 120 * (320 / 210) * 1.1 - 120, 10);
  });

  it("treats ages without volume as undeveloped and empty origins as zero", () => {
    const result = chainLadder([
      [0, 0, 10],
      [0, 0, null],
      [null, null, null],
    ]);
    expect(result.factors).toEqual([1, 1]);
    expect(result.ultimates).toEqual([10, 0, 0]);
    expect(result.latestAge).toEqual([2, 1, null]);
    expect(result.totalIbnr).toBe(0);
  });

  it("gives an empty result for an empty triangle", () => {
    expect(chainLadder([])).toEqual({
      factors: [],
      cumulativeFactors: [],
      latest: [],
      latestAge: [],
      ultimates: [],
      ibnr: [],
      totalIbnr: 0,
    });
  });
});
