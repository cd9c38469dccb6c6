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
} from "../../../test/support/operations-history.js";
import { adjusterWorkloadProjection } from "./projection.js";
import { adjusterWorkload } from "./queries.js";

const assign = (adjusterId: string, day: number, hours = 0) =>
  claimCommand("AssignAdjuster", at(day, hours), { adjusterId });
const withdraw = (day: number) => claimCommand("CloseClaim", at(day), { outcome: "withdrawn" });

/**
 * now = day 20 (2026-03-22T09:00Z). adj-1 holds C-1 (reported day 0), C-2 (day 15), C-3
 * (day 3, taken over from adj-2 on day 14) and C-8 (day -45, closed day -5, reopened day 10);
 * adj-2 closed C-4 on day 12 and C-5 on day -15; adj-3 holds C-7 of ins-b (day 18).
 */
const history = () => {
  const h = new DecidedHistory();
  h.claim("C-8", ...openClaim({ claimId: "C-8", reportedAt: at(-45) }), assign("adj-1", -45, 2));
  h.claim("C-8", withdraw(-5));
  h.claim("C-5", ...openClaim({ claimId: "C-5", reportedAt: at(-50) }), assign("adj-2", -50, 2));
  h.claim("C-5", withdraw(-15));
  h.claim(
    "C-1",
    ...openClaim({ claimId: "C-1", reportedAt: at(0) }),
    assign("adj-1", 0, 2),
    claimCommand("RequestDocuments", at(0, 3), { documents: ["police report"] }),
    claimCommand("ReceiveDocument", at(1), { document: "police report" }),
    assessDamage(at(4), 280_000),
    // Starts the 10-day payment deadline, due 2026-03-17T23:59:59.999Z: overdue on day 20.
    claimCommand("AgreeSettlement", at(5), { amount: cny(280_000), method: "cash" }),
  );
  h.claim("C-4", ...openClaim({ claimId: "C-4", reportedAt: at(1) }), assign("adj-2", 1, 2));
  h.claim("C-3", ...openClaim({ claimId: "C-3", reportedAt: at(3) }), assign("adj-2", 3, 2));
  h.claim("C-8", claimCommand("ReopenClaim", at(10), { reason: "New invoice from the tow truck" }));
  h.claim("C-4", withdraw(12));
  h.claim("C-3", assign("adj-1", 14));
  h.claim("C-2", ...openClaim({ claimId: "C-2", reportedAt: at(15) }), assign("adj-1", 15, 2));
  // Denial starts the 3-day refusal notice deadline, due 2026-03-21T23:59:59.999Z; breached.
  h.claim("C-3", claimCommand("DenyClaim", at(16), { reason: "Not covered" }));
  h.claim("C-2", assessDamage(at(16), 100_000));
  h.claim("C-2", claimCommand("AgreeSettlement", at(16), { amount: cny(90_000), method: "cash" }));
  h.claim(
    "C-7",
    ...openClaim({ claimId: "C-7", insurerId: "ins-b", reportedAt: at(18) }),
    assign("adj-3", 18, 2),
  );
  h.claim(
    "C-3",
    claimCommand("MarkDeadlineBreached", at(19, 16), { deadlineId: "cn.refusal_notice_3d-1" }),
  );
  return h;
};

describe("adjuster workload", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyProjection(database.db, adjusterWorkloadProjection, history().events);
  });
  afterAll(() => database.drop());

  it("counts open, new, closed, open age, overdue deadlines and load per adjuster", async () => {
    const workload = await adjusterWorkload(database.db, {
      now: at(20),
      capacities: { "adj-1": 8, "adj-4": 10 },
    });
    expect(workload.adjusters).toEqual([
      {
        adjusterId: "adj-1",
        openClaims: 4,
        newLast7Days: 2,
        closedLast30Days: 1,
        averageOpenAgeDays: (20 + 5 + 17 + 65) / 4,
        overdueDeadlines: 2,
        capacity: 8,
        load: 0.5,
        idle: false,
      },
      {
        adjusterId: "adj-2",
        openClaims: 0,
        newLast7Days: 0,
        closedLast30Days: 1,
        averageOpenAgeDays: null,
        overdueDeadlines: 0,
        capacity: 16,
        load: 0,
        idle: true,
      },
      {
        adjusterId: "adj-3",
        openClaims: 1,
        newLast7Days: 1,
        closedLast30Days: 0,
        averageOpenAgeDays: 2,
        overdueDeadlines: 0,
        capacity: 16,
        load: 1 / 16,
        idle: false,
      },
      {
        adjusterId: "adj-4",
        openClaims: 0,
        newLast7Days: 0,
        closedLast30Days: 0,
        averageOpenAgeDays: null,
        overdueDeadlines: 0,
        capacity: 10,
        load: 0,
        idle: true,
      },
    ]);
    expect(workload.idleAdjusters).toEqual(["adj-2", "adj-4"]);
  });

  it("scopes to one insurer's claims and the adjusters who worked on them", async () => {
    const workload = await adjusterWorkload(database.db, { now: at(20), insurerId: "ins-b" });
    expect(workload.adjusters.map((row) => [row.adjusterId, row.openClaims])).toEqual([
      ["adj-3", 1],
    ]);
    expect(workload.idleAdjusters).toEqual([]);
  });

  it("moves the windows and the overdue check with now", async () => {
    const workload = await adjusterWorkload(database.db, { now: at(16, 12) });
    const adj1 = workload.adjusters.find((row) => row.adjusterId === "adj-1");
    // Day 16.5: C-2 and C-3 assigned within 7 days; the payment deadline of C-1 is overdue but
    // the refusal notice of C-3 is not due yet.
    expect(adj1).toMatchObject({ newLast7Days: 2, closedLast30Days: 1, overdueDeadlines: 1 });
    expect(adj1?.averageOpenAgeDays).toBe((16.5 + 1.5 + 13.5 + 61.5) / 4);
  });
});
