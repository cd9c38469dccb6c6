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
import { slaComplianceProjection } from "./projection.js";
import { slaCompliance } from "./queries.js";

const DECISION = "cn.decision_30d-1";
const PAYMENT = "cn.payment_10d-1";

const completeDocuments = (day: number) => [
  claimCommand("RequestDocuments", at(day), { documents: ["licence"] }),
  claimCommand("ReceiveDocument", at(day), { document: "licence" }),
];
const settle = (day: number) => [
  assessDamage(at(day), 100_000),
  claimCommand("AgreeSettlement", at(day), { amount: cny(100_000), method: "cash" }),
];
const pay = (claimId: string, day: number) =>
  paymentOnClaim(at(day), {
    payoutId: `PAY-${claimId}`,
    amount: cny(100_000),
    costType: "indemnity",
  });

/**
 * CN claims of ins-a (30-day decision from complete documents, 10-day payment from settlement,
 * 3-day refusal notice from denial) and US-CA claims of ins-b (15-day acknowledgement from FNOL).
 * A CN deadline started on day d is due at the end of day d + the length (UTC).
 */
const history = () => {
  const h = new DecidedHistory();
  const assign = (day: number) =>
    claimCommand("AssignAdjuster", at(day, 2), { adjusterId: "adj-1" });
  const cn = (claimId: string, day: number) => {
    h.claim(claimId, ...openClaim({ claimId, reportedAt: at(day) }), assign(day));
  };
  cn("S-1", 0);
  h.claim("S-1", ...completeDocuments(1), ...settle(5), ...pay("S-1", 8)); // both on time
  cn("S-2", 0);
  h.claim("S-2", ...completeDocuments(0), ...settle(6), ...pay("S-2", 17)); // paid 1 day late
  cn("S-3", 0);
  h.claim("S-3", claimCommand("DenyClaim", at(2), { reason: "Unlicensed driver" }));
  h.claim(
    "S-3",
    claimCommand("MarkDeadlineBreached", at(6), { deadlineId: "cn.refusal_notice_3d-1" }),
  );
  h.claim("S-3", claimCommand("SendRefusalNotice", at(7), {}));
  cn("S-4", 9);
  h.claim("S-4", ...completeDocuments(10));
  h.claim("S-4", claimCommand("PauseDeadline", at(11), { deadlineId: DECISION }));
  h.claim("S-4", claimCommand("ResumeDeadline", at(13), { deadlineId: DECISION }));
  cn("S-9", 13);
  h.claim("S-9", ...completeDocuments(14)); // decision due 2026-04-15T23:59:59.999Z, paused
  h.claim("S-9", claimCommand("PauseDeadline", at(15), { deadlineId: DECISION }));
  cn("S-5", 0);
  h.claim("S-5", ...settle(12)); // payment due 2026-03-24T23:59:59.999Z
  h.claim(
    "S-5",
    claimCommand("FlagDeadlineAtRisk", at(18), { deadlineId: PAYMENT, fraction: 0.5 }),
  );
  cn("S-6", 0);
  h.claim("S-6", ...settle(10)); // payment due 2026-03-22T23:59:59.999Z: within 24 h of day 20
  cn("S-8", 0);
  h.claim("S-8", ...settle(9)); // payment due 2026-03-21T23:59:59.999Z: overdue, not yet breached
  const usCa = (claimId: string, day: number) =>
    h.claim(
      claimId,
      ...openClaim({ claimId, insurerId: "ins-b", jurisdiction: "US-CA", reportedAt: at(day) }),
    );
  usCa("U-1", 3);
  h.claim("U-1", claimCommand("AcknowledgeClaim", at(4), {}));
  usCa("U-2", 1); // acknowledgement due 2026-03-18T23:59:59.999Z
  h.claim(
    "U-2",
    claimCommand("MarkDeadlineBreached", at(17), { deadlineId: "us-ca.acknowledge_15d-1" }),
  );
  h.claim("U-2", claimCommand("AcknowledgeClaim", at(18), {}));
  return h;
};

const row = (
  insurerId: string,
  kind: string,
  counts: [number, number, number, number, number, number],
  complianceRate: number | null,
) => {
  const [total, metOnTime, metLate, breached, open, openAtRisk] = counts;
  return { insurerId, kind, total, metOnTime, metLate, breached, open, openAtRisk, complianceRate };
};

describe("SLA compliance", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyProjection(database.db, slaComplianceProjection, history().events);
  });
  afterAll(() => database.drop());

  it("counts deadlines met on time, met late, breached, open and at risk per insurer and kind", async () => {
    expect(await slaCompliance(database.db, { now: at(20) })).toEqual([
      // total, on time, late, breached, open, at risk
      row("ins-a", "decision", [4, 2, 0, 0, 2, 0], 1),
      row("ins-a", "payment", [5, 1, 1, 0, 3, 3], 0.5),
      row("ins-a", "refusal_notice", [1, 0, 0, 1, 0, 0], 0),
      row("ins-b", "acknowledge", [2, 1, 0, 1, 0, 0], 0.5),
    ]);
  });

  it("judges at risk by the window: flagged and overdue deadlines stay at risk", async () => {
    const rows = await slaCompliance(database.db, {
      now: at(20),
      insurerId: "ins-a",
      atRiskWithinHours: 0,
    });
    expect(rows.find((r) => r.kind === "payment")?.openAtRisk).toBe(2);
  });

  it("moves a resumed deadline's due time and never puts a paused one at risk", async () => {
    // S-4's decision was due at the end of 2026-04-11; paused on 03-13 and resumed on 03-15,
    // it is due two days later, at the end of 04-13. S-9's is paused.
    const decision = async (day: number, atRiskWithinHours: number) => {
      const rows = await slaCompliance(database.db, {
        now: at(day),
        insurerId: "ins-a",
        from: at(10),
        to: at(15),
        atRiskWithinHours,
      });
      return rows.filter((r) => r.kind === "decision");
    };
    expect(await decision(40, 48)).toEqual([row("ins-a", "decision", [2, 0, 0, 0, 2, 0], null)]);
    expect(await decision(40, 72)).toEqual([row("ins-a", "decision", [2, 0, 0, 0, 2, 1], null)]);
    expect(await decision(44, 72)).toEqual([row("ins-a", "decision", [2, 0, 0, 0, 2, 1], null)]);
  });

  it("takes the deadlines started in the period", async () => {
    const rows = await slaCompliance(database.db, { now: at(20), from: at(9), to: at(20) });
    expect(rows.map((r) => [r.insurerId, r.kind, r.total])).toEqual([
      ["ins-a", "decision", 2],
      ["ins-a", "payment", 3],
    ]);
  });
});
