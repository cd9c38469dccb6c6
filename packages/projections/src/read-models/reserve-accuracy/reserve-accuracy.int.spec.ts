import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import { buildLossScenario, on } from "../../../test/support/loss-scenario.js";
import { randomHistoryArb } from "../../../test/support/random-claims-history.js";
import { buildWholeAndSplit } from "../../../test/support/table-snapshot.js";
import { reserveAccuracyProjection } from "./projection.js";
import { listReserveAccuracy, reserveAccuracy } from "./queries.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyProjection(database.db, reserveAccuracyProjection, buildLossScenario().events);
});

afterAll(() => database.drop());

// Closed claims of test/support/loss-scenario.ts (CNY minor units):
// C-1 first 5,000,000 + 200,000, final 4,800,000 + 150,000 − 1,000,000 = 3,950,000
// C-2 first 2,000,000, final 2,400,000 · C-5 first 1,000,000, final 950,000
// C-6 first 300,000, final 0 (withdrawn, reopened, withdrawn again). C-3 and C-4 are open.
const C1_RATIO = 3_950_000 / 5_200_000;

describe("reserve accuracy", () => {
  it("sets each closed claim's first reserve against its final incurred", async () => {
    const page = await listReserveAccuracy(database.db, { insurerId: "ins-a" });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((c) => [c.claimId, c.firstReserve, c.finalIncurred, c.ratio])).toEqual([
      ["C-6", 300_000, 0, 0],
      ["C-5", 1_000_000, 950_000, 0.95],
      ["C-2", 2_000_000, 2_400_000, 1.2],
      ["C-1", 5_200_000, 3_950_000, C1_RATIO],
    ]);
    expect(page.items[3]).toEqual({
      claimId: "C-1",
      insurerId: "ins-a",
      line: "motor_own_damage",
      currency: "CNY",
      firstReserveIndemnity: 5_000_000,
      firstReserveExpense: 200_000,
      firstReserve: 5_200_000,
      firstReservedAt: on("2026-02-11", 12),
      finalIncurred: 3_950_000,
      ratio: C1_RATIO,
      closedAt: on("2026-04-02"),
      outcome: "paid",
    });
    expect(page.items[0]).toMatchObject({ closedAt: on("2026-10-05"), outcome: "withdrawn" });
  });

  it("aggregates the mean ratio and the share within ±10 % by insurer and line", async () => {
    const rows = await reserveAccuracy(database.db, { groupBy: ["insurer", "line"] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      insurerId: "ins-a",
      line: "motor_own_damage",
      closedClaims: 4,
      measuredClaims: 4,
      withinToleranceShare: 0.25, // only C-5 (0.95)
    });
    expect(rows[0]?.meanRatio).toBeCloseTo((C1_RATIO + 1.2 + 0.95 + 0) / 4, 12);
  });

  it("widens the band with a larger tolerance", async () => {
    const [row] = await reserveAccuracy(database.db, { groupBy: [], tolerance: 0.25 });
    expect(row?.withinToleranceShare).toBe(0.75); // C-1 (0.76), C-2 (1.2), C-5 (0.95)
  });

  it("filters by closing date and scopes to the insurer", async () => {
    const [row] = await reserveAccuracy(database.db, {
      groupBy: [],
      closedFrom: "2026-07-10",
      closedTo: "2026-08-10",
    });
    expect(row).toMatchObject({ closedClaims: 2, withinToleranceShare: 0.5 });
    expect(row?.meanRatio).toBeCloseTo((1.2 + 0.95) / 2, 12);
    expect(
      await reserveAccuracy(database.db, { groupBy: ["insurer"], insurerId: "ins-b" }),
    ).toEqual([]);
  });

  it("pages through closed claims with a cursor", async () => {
    const first = await listReserveAccuracy(database.db, { limit: 3 });
    expect(first.items.map((c) => c.claimId)).toEqual(["C-6", "C-5", "C-2"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listReserveAccuracy(database.db, {
      limit: 3,
      cursor: first.nextCursor ?? "",
    });
    expect(second.items.map((c) => c.claimId)).toEqual(["C-1"]);
    expect(second.nextCursor).toBeNull();
    await expect(listReserveAccuracy(database.db, { cursor: "nonsense" })).rejects.toThrow(
      "cursor",
    );
  });

  it("builds the same tables whether events arrive in one go or in two parts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomHistoryArb, async ({ events, splitAt }) => {
        const { whole, split } = await buildWholeAndSplit(
          database.db,
          reserveAccuracyProjection,
          events,
          splitAt,
        );
        expect(split).toEqual(whole);
      }),
      { numRuns: 10 },
    );
  });
});
