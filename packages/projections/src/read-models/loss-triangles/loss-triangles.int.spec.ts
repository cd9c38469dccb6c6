import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import { buildLossScenario } from "../../../test/support/loss-scenario.js";
import { randomHistoryArb } from "../../../test/support/random-claims-history.js";
import { buildWholeAndSplit } from "../../../test/support/table-snapshot.js";
import { chainLadder } from "./chain-ladder.js";
import { lossTrianglesProjection } from "./projection.js";
import { lossTriangles } from "./queries.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyProjection(database.db, lossTrianglesProjection, buildLossScenario().events);
});

afterAll(() => database.drop());

// The scripted history of test/support/loss-scenario.ts (ins-a, CNY minor units).
describe("loss development triangles", () => {
  it("builds quarterly cumulative paid and incurred triangles as of the year end", async () => {
    const triangle = await lossTriangles(database.db, {
      granularity: "quarter",
      asOf: "2026-12-31",
      currency: "CNY",
      insurerId: "ins-a",
    });
    expect(triangle).toEqual({
      granularity: "quarter",
      asOf: "2026-12-31",
      currency: "CNY",
      basis: "loss",
      origins: ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"],
      ages: [0, 1, 2, 3],
      claimCounts: [1, 2, 3, 0],
      paid: [
        // C-1: 4,800,000 paid and 1,000,000 recovered in Q2
        [0, 3_800_000, 3_800_000, 3_800_000],
        // C-2: 2,400,000 paid in Q3 (C-3 paid expense only)
        [0, 2_400_000, 2_400_000, null],
        // C-5: 950,000 paid in Q3
        [950_000, 950_000, null, null],
        [0, null, null, null],
      ],
      incurred: [
        // C-1: 5,000,000 reserved in Q1; settled, paid, recovered and closed in Q2
        [5_000_000, 3_800_000, 3_800_000, 3_800_000],
        // C-3 1,000,000 + C-2 2,500,000 reserved; C-2 paid 2,400,000 and closed in Q3
        [3_500_000, 3_400_000, 3_400_000, null],
        // C-4 700,000 reserved, C-5 950,000 paid, C-6 reserved and released in Q3
        [1_650_000, 1_650_000, null, null],
        [0, null, null, null],
      ],
    });
  });

  it("stops the latest diagonal at an earlier evaluation date, by month", async () => {
    const triangle = await lossTriangles(database.db, {
      granularity: "month",
      asOf: "2026-06-30",
      currency: "CNY",
    });
    expect(triangle.origins).toEqual(["2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    expect(triangle.paid).toEqual([
      [0, 0, 3_800_000, 3_800_000, 3_800_000],
      [0, 0, 0, 0, null],
      [0, 0, 0, null, null],
      [0, 0, null, null, null],
      [0, null, null, null, null],
    ]);
    expect(triangle.incurred).toEqual([
      [5_000_000, 5_000_000, 3_800_000, 3_800_000, 3_800_000],
      [0, 0, 0, 0, null],
      [1_000_000, 1_000_000, 1_000_000, null, null],
      [2_000_000, 2_500_000, null, null, null], // C-2's reserve raised in June
      [0, null, null, null, null],
    ]);
  });

  it("adds expense on the loss-and-expense basis", async () => {
    const triangle = await lossTriangles(database.db, {
      granularity: "year",
      asOf: "2026-12-31",
      currency: "CNY",
      basis: "lossAndExpense",
    });
    // paid 8,150,000 − 1,000,000 recovered + 450,000 expense; reserves 1,700,000
    expect(triangle.paid).toEqual([[7_600_000]]);
    expect(triangle.incurred).toEqual([[9_300_000]]);
  });

  it("filters by line and region and scopes to the insurer", async () => {
    const params = { granularity: "year", asOf: "2026-12-31", currency: "CNY" } as const;
    const beijing = await lossTriangles(database.db, { ...params, region: "Beijing" });
    expect(beijing.incurred).toEqual([[1_000_000]]);
    const liability = await lossTriangles(database.db, { ...params, line: "motor_liability" });
    expect(liability.claimCounts).toEqual([1]);
    const other = await lossTriangles(database.db, { ...params, insurerId: "ins-b" });
    expect(other).toMatchObject({ origins: [], ages: [], paid: [], incurred: [] });
  });

  it("feeds the chain ladder", async () => {
    const triangle = await lossTriangles(database.db, {
      granularity: "quarter",
      asOf: "2026-12-31",
      currency: "CNY",
    });
    const result = chainLadder(triangle.incurred);
    // age 0 → 1: (3,800,000 + 3,400,000 + 1,650,000) ÷ (5,000,000 + 3,500,000 + 1,650,000)
    expect(result.factors[0]).toBeCloseTo(8_850_000 / 10_150_000, 12);
    expect(result.factors.slice(1)).toEqual([1, 1]);
  });

  it("builds the same tables whether events arrive in one go or in two parts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomHistoryArb, async ({ events, splitAt }) => {
        const { whole, split } = await buildWholeAndSplit(
          database.db,
          lossTrianglesProjection,
          events,
          splitAt,
        );
        expect(split).toEqual(whole);
      }),
      { numRuns: 10 },
    );
  });
});
