import type { ClaimCommand } from "@claimstream/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  assessDamage,
  at,
  type ClaimScript,
  claimCommand,
  cny,
  DecidedHistory,
  hoursAfter,
  openClaim,
  paymentOnClaim,
} from "../../../test/support/operations-history.js";
import { timeToSettleProjection } from "./projection.js";
import { openAgeBuckets, timeToSettle } from "./queries.js";

/** Days after FNOL at which a claim reaches each stage; absent stages are not reached. */
interface Milestones {
  readonly contact?: number;
  readonly assess?: number;
  readonly settle?: number;
  readonly pay?: number;
  readonly close?: number;
}

const lifecycle = (script: ClaimScript, days: Milestones): ClaimCommand[] => {
  const after = (d: number) => hoursAfter(script.reportedAt, d * 24);
  const amount = cny(200_000);
  return [
    ...openClaim(script),
    claimCommand("AssignAdjuster", hoursAfter(script.reportedAt, 2), { adjusterId: "adj-1" }),
    ...(days.contact === undefined
      ? []
      : [claimCommand("RecordFirstContact", after(days.contact), { channel: "phone" })]),
    ...(days.assess === undefined ? [] : [assessDamage(after(days.assess), amount.amount)]),
    ...(days.settle === undefined
      ? []
      : [claimCommand("AgreeSettlement", after(days.settle), { amount, method: "cash" })]),
    ...(days.pay === undefined
      ? []
      : paymentOnClaim(after(days.pay), {
          payoutId: `PAY-${script.claimId}`,
          amount,
          costType: "indemnity",
        })),
    ...(days.close === undefined
      ? []
      : [claimCommand("CloseClaim", after(days.close), { outcome: "paid" })]),
  ];
};

const history = () => {
  const h = new DecidedHistory();
  // ins-a: six claims, four reported in March and two in April (day 30 = 1 April).
  const ins = [
    { day: 0, contact: 0.5, assess: 2, settle: 5, pay: 6, close: 7 },
    { day: 1, contact: 1, assess: 3, settle: 6, pay: 7, close: 8 },
    { day: 2, contact: 1, assess: 4, settle: 7, pay: 8, close: 9 },
    { day: 3, contact: 2, assess: 5, settle: 8, pay: 9, close: 10 },
    { day: 30, contact: 3, assess: 6, settle: 10, pay: 12, close: 13 },
    { day: 31, contact: 4, assess: 10, settle: 20, pay: 24, close: 30 },
  ];
  ins.forEach(({ day, ...days }, i) => {
    const claimId = `A-${i + 1}`;
    h.claim(claimId, ...lifecycle({ claimId, reportedAt: at(day) }, days));
  });
  // ins-b, motor liability, April: one open claim, one closed, reopened and closed again.
  const b = { insurerId: "ins-b", line: "motor_liability" } as const;
  h.claim("B-1", ...lifecycle({ ...b, claimId: "B-1", reportedAt: at(32) }, { contact: 1 }));
  h.claim(
    "B-2",
    ...lifecycle(
      { ...b, claimId: "B-2", reportedAt: at(33) },
      { contact: 2, assess: 3, settle: 4, pay: 5, close: 10 },
    ),
    claimCommand("ReopenClaim", at(45), { reason: "Hidden damage found" }),
    claimCommand("CloseClaim", at(48), { outcome: "withdrawn" }),
  );
  // ins-c: open claims aged 3, 7.5, 8, 30.5, 31, 60.5 and 61 days on day 100, and one later.
  [3, 7.5, 8, 30.5, 31, 60.5, 61, -1].forEach((age, i) => {
    const claimId = `C-${i + 1}`;
    h.claim(claimId, ...openClaim({ claimId, insurerId: "ins-c", reportedAt: at(100 - age) }));
  });
  return h;
};

describe("time to settle", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyProjection(database.db, timeToSettleProjection, history().events);
  });
  afterAll(() => database.drop());

  it("gives the median and P90 days from FNOL to each stage per insurer", async () => {
    const rows = await timeToSettle(database.db, { groupBy: "insurer" });
    expect(rows.map((row) => [row.group, row.claims])).toEqual([
      ["ins-a", 6],
      ["ins-b", 2],
      ["ins-c", 8],
    ]);
    // Six values: the median halves the 3rd and 4th, the P90 (position 4.5) the 5th and 6th.
    expect(rows[0]?.stages).toEqual({
      firstContact: { claims: 6, medianDays: 1.5, p90Days: 3.5 },
      assessment: { claims: 6, medianDays: 4.5, p90Days: 8 },
      settlement: { claims: 6, medianDays: 7.5, p90Days: 15 },
      firstPayment: { claims: 6, medianDays: 8.5, p90Days: 18 },
      close: { claims: 6, medianDays: 9.5, p90Days: 21.5 },
    });
    // B-2 closed on day 10 after FNOL, reopened, and closed for good on day 15.
    expect(rows[1]?.stages).toEqual({
      firstContact: { claims: 2, medianDays: 1.5, p90Days: 1.9 },
      assessment: { claims: 1, medianDays: 3, p90Days: 3 },
      settlement: { claims: 1, medianDays: 4, p90Days: 4 },
      firstPayment: { claims: 1, medianDays: 5, p90Days: 5 },
      close: { claims: 1, medianDays: 15, p90Days: 15 },
    });
    expect(rows[2]?.stages.firstContact).toEqual({ claims: 0, medianDays: null, p90Days: null });
  });

  it("groups by line and by FNOL month, within a period and an insurer", async () => {
    const byLine = await timeToSettle(database.db, { groupBy: "line", insurerId: "ins-b" });
    expect(byLine.map((row) => [row.group, row.claims])).toEqual([["motor_liability", 2]]);

    const byMonth = await timeToSettle(database.db, {
      groupBy: "month",
      from: "2026-03-01T00:00:00Z",
      to: "2026-05-01T00:00:00Z",
    });
    expect(
      byMonth.map((row) => [
        row.group,
        row.claims,
        row.stages.close.claims,
        row.stages.close.medianDays,
      ]),
    ).toEqual([
      // March: A-1…A-4 (closed after 7, 8, 9, 10 days). April, B-1, B-2 and two open
      // claims of ins-c (closed: A-5 after 13, B-2 after 15, A-6 after 30 days). May on: out.
      ["2026-03", 4, 4, 8.5],
      ["2026-04", 6, 3, 15],
    ]);
  });

  it("buckets open claims by age in completed days", async () => {
    expect(await openAgeBuckets(database.db, { now: at(100), insurerId: "ins-c" })).toEqual({
      days0to7: 2,
      days8to30: 2,
      days31to60: 2,
      over60: 1,
      total: 7,
    });
    // B-1 of ins-b (reported day 32) is open too: 68 days old on day 100.
    expect(await openAgeBuckets(database.db, { now: at(100) })).toMatchObject({
      over60: 2,
      total: 8,
    });
  });
});
