import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import { buildLossScenario } from "../../../test/support/loss-scenario.js";
import { batchSizesArb, randomHistoryArb } from "../../../test/support/random-claims-history.js";
import {
  buildOneByOneAndBatched,
  buildWholeAndSplit,
} from "../../../test/support/table-snapshot.js";
import { lossRatioProjection } from "./projection.js";
import { lossRatio } from "./queries.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyProjection(database.db, lossRatioProjection, buildLossScenario().events);
});

afterAll(() => database.drop());

// Figures of the scripted history (test/support/loss-scenario.ts), CNY minor units:
// P-1 earns 100,000 a day, P-2 200,000 a day (cancelled from 07-01, known from 08-15),
// P-3 (ins-b) 20,000 a day.
describe("loss ratio", () => {
  it("evaluates earned premium, paid, reserves and ratios as of mid-year", async () => {
    const [row, ...rest] = await lossRatio(database.db, {
      asOf: "2026-06-30",
      groupBy: [],
      insurerId: "ins-a",
    });
    expect(rest).toEqual([]);
    expect(row).toEqual({
      currency: "CNY",
      claimCount: 3, // C-1, C-3, C-2 (C-4 has its loss in July)
      earnedPremium: 42_500_000, // P-1: 181 days × 100,000 + P-2: 122 days × 200,000
      paidIndemnity: 4_800_000, // C-1's settlement, issued 04-02
      recoveries: 1_000_000, // C-1's subrogation, 04-15
      paidLoss: 3_800_000,
      paidExpense: 450_000, // C-1 150,000 + C-3 300,000 (the 100,000 was reversed)
      caseReserveIndemnity: 3_500_000, // C-2 2,500,000 + C-3 1,000,000 (C-1 closed)
      caseReserveExpense: 0,
      incurredLoss: 7_300_000,
      incurredExpense: 450_000,
      paidLossRatio: 3_800_000 / 42_500_000,
      lossRatio: 7_300_000 / 42_500_000,
      lossAndExpenseRatio: 7_750_000 / 42_500_000,
    });
  });

  it("leaves out payments and premium after an early as-of date", async () => {
    const rows = await lossRatio(database.db, {
      asOf: "2026-03-01",
      groupBy: [],
      insurerId: "ins-a",
    });
    expect(rows).toEqual([
      expect.objectContaining({
        claimCount: 1,
        earnedPremium: 6_200_000, // P-1 60 days + P-2 its first day
        paidIndemnity: 0, // C-1's settlement is issued on 04-02
        paidExpense: 150_000,
        caseReserveIndemnity: 5_000_000,
        caseReserveExpense: 50_000, // 200,000 less the 150,000 paid on 02-23
        incurredLoss: 5_000_000,
        incurredExpense: 200_000,
        lossRatio: 5_000_000 / 6_200_000,
      }),
    ]);
  });

  it("evaluates the year end, with the cancellation cutting P-2's earned premium", async () => {
    const [row] = await lossRatio(database.db, {
      asOf: "2026-12-31",
      groupBy: [],
      insurerId: "ins-a",
    });
    expect(row).toMatchObject({
      claimCount: 6,
      earnedPremium: 60_900_000, // P-1 36,500,000 + P-2 122 days (cancelled from 07-01)
      paidIndemnity: 8_150_000, // 4,800,000 + 2,400,000 + 950,000
      recoveries: 1_000_000,
      paidLoss: 7_150_000,
      paidExpense: 450_000,
      caseReserveIndemnity: 1_700_000, // C-3 1,000,000 + C-4 700,000
      caseReserveExpense: 0,
      incurredLoss: 8_850_000,
      lossRatio: 8_850_000 / 60_900_000,
    });
  });

  it("counts a cancellation only from the business date it was recorded", async () => {
    const rows = await lossRatio(database.db, {
      asOf: "2026-07-31",
      groupBy: ["region"],
      insurerId: "ins-a",
    });
    const beijing = rows.find((r) => r.region === "Beijing");
    // Cancelled from 07-01 but recorded on 08-15: on 07-31 July still looks earned.
    expect(beijing?.earnedPremium).toBe(30_600_000);
  });

  it("slices by line and region, matching claims to their policy's region", async () => {
    const rows = await lossRatio(database.db, {
      asOf: "2026-06-30",
      groupBy: ["line", "region"],
      insurerId: "ins-a",
    });
    expect(rows).toEqual([
      expect.objectContaining({
        line: "motor_liability",
        region: "Beijing",
        claimCount: 1,
        earnedPremium: 24_400_000,
        paidExpense: 300_000,
        caseReserveIndemnity: 1_000_000,
        incurredLoss: 1_000_000,
        lossRatio: 1_000_000 / 24_400_000,
      }),
      expect.objectContaining({
        line: "motor_own_damage",
        region: "Shanghai",
        claimCount: 2,
        earnedPremium: 18_100_000,
        paidLoss: 3_800_000,
        paidExpense: 150_000,
        caseReserveIndemnity: 2_500_000,
        incurredLoss: 6_300_000,
        lossRatio: 6_300_000 / 18_100_000,
      }),
    ]);
  });

  it("matches each accident month with the premium earned in that month", async () => {
    const rows = await lossRatio(database.db, {
      asOf: "2026-06-30",
      groupBy: ["accidentMonth"],
      insurerId: "ins-a",
    });
    expect(
      rows.map((r) => [r.accidentMonth, r.earnedPremium, r.incurredLoss, r.claimCount]),
    ).toEqual([
      ["2026-01", 3_100_000, 0, 0],
      ["2026-02", 2_800_000, 3_800_000, 1],
      ["2026-03", 9_300_000, 0, 0],
      ["2026-04", 9_000_000, 1_000_000, 1],
      ["2026-05", 9_300_000, 2_500_000, 1],
      ["2026-06", 9_000_000, 0, 0],
    ]);
  });

  it("restricts premium and losses to the accident dates asked for", async () => {
    const rows = await lossRatio(database.db, {
      asOf: "2026-12-31",
      groupBy: ["accidentYear"],
      insurerId: "ins-a",
      from: "2026-04-01",
      to: "2026-06-30",
    });
    expect(rows).toEqual([
      expect.objectContaining({
        accidentYear: "2026",
        claimCount: 2, // C-3, C-2
        earnedPremium: 27_300_000, // P-1 91 days + P-2 91 days
        paidLoss: 2_400_000,
        caseReserveIndemnity: 1_000_000,
        incurredLoss: 3_400_000,
      }),
    ]);
  });

  it("keeps insurers apart", async () => {
    const rows = await lossRatio(database.db, { asOf: "2026-06-30", groupBy: ["insurer"] });
    expect(rows.map((r) => [r.insurerId, r.earnedPremium, r.claimCount, r.lossRatio])).toEqual([
      ["ins-a", 42_500_000, 3, 7_300_000 / 42_500_000],
      ["ins-b", 3_620_000, 0, 0],
    ]);
    const scoped = await lossRatio(database.db, {
      asOf: "2026-06-30",
      groupBy: ["insurer"],
      insurerId: "ins-b",
    });
    expect(scoped.map((r) => r.insurerId)).toEqual(["ins-b"]);
  });

  it("builds the same tables whether events arrive in one go or in two parts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomHistoryArb, async ({ events, splitAt }) => {
        const { whole, split } = await buildWholeAndSplit(
          database.db,
          lossRatioProjection,
          events,
          splitAt,
        );
        expect(split).toEqual(whole);
      }),
      { numRuns: 10 },
    );
  });

  it("builds the same tables from batches of any size as from one event at a time (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomHistoryArb, batchSizesArb, async ({ events }, sizes) => {
        const { oneByOne, batched } = await buildOneByOneAndBatched(
          database.db,
          lossRatioProjection,
          events,
          sizes,
        );
        expect(batched).toEqual(oneByOne);
      }),
      { numRuns: 25 },
    );
  });
});
