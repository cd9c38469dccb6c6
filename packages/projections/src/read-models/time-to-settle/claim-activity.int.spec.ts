import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  assessDamage,
  at,
  claimCommand,
  cny,
  DecidedHistory,
  openClaim,
  paymentOnClaim,
} from "../../../test/support/operations-history.js";
import { claimActivity } from "./claim-activity.js";
import { timeToSettleProjection } from "./projection.js";

const settle = (claimId: string, reportedDay: number, settledDay: number, insurerId = "ins-a") => [
  ...openClaim({ claimId, insurerId, reportedAt: at(reportedDay) }),
  claimCommand("AssignAdjuster", at(reportedDay, 2), { adjusterId: "adj-1" }),
  assessDamage(at(settledDay - 1), 100_000),
  claimCommand("AgreeSettlement", at(settledDay), { amount: cny(100_000), method: "cash" }),
];

const history = () => {
  const h = new DecidedHistory();
  h.claim("A-1", ...settle("A-1", 0, 5));
  h.claim(
    "A-2",
    ...settle("A-2", 3, 12),
    ...paymentOnClaim(at(13), {
      payoutId: "PAY-A-2",
      amount: cny(100_000),
      costType: "indemnity",
    }),
    claimCommand("CloseClaim", at(14), { outcome: "paid" }),
  );
  h.claim("A-3", ...settle("A-3", 9, 11));
  h.claim("B-1", ...settle("B-1", 10, 13, "ins-b"));
  h.claim("B-2", ...openClaim({ claimId: "B-2", insurerId: "ins-b", reportedAt: at(12) }));
  return h;
};

describe("claim activity", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyProjection(database.db, timeToSettleProjection, history().events);
  });
  afterAll(() => database.drop());

  it("counts claims reported, first settled and closed inside a window", async () => {
    // Days 7 to 14: reported A-3, B-1, B-2; settled, B-1; A-2 closed on day 14,
    // outside the end-exclusive window.
    expect(await claimActivity(database.db, { from: at(7), to: at(14) })).toEqual({
      reported: 3,
      settled: 3,
      closed: 0,
    });
    expect(await claimActivity(database.db, { from: at(7) })).toEqual({
      reported: 3,
      settled: 3,
      closed: 1,
    });
  });

  it("counts everything without a window and keeps to one insurer when asked", async () => {
    expect(await claimActivity(database.db)).toEqual({ reported: 5, settled: 4, closed: 1 });
    expect(await claimActivity(database.db, { insurerId: "ins-b" })).toEqual({
      reported: 2,
      settled: 1,
      closed: 0,
    });
  });
});
