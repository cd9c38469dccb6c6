import type { RepairOrderCommand } from "@claimstream/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  assessDamage,
  at,
  claimCommand,
  cny,
  DecidedHistory,
  issuedPayout,
  openClaim,
  payoutCommand,
  repairCommand,
} from "../../../test/support/operations-history.js";
import { insurerScorecardProjection } from "./projection.js";
import { insurerScorecard } from "./queries.js";

const openOrder = (id: string, claimId: string, shopId: string, day: number, insurerId = "ins-a") =>
  repairCommand("OpenRepairOrder", at(day), {
    repairOrderId: id,
    claimId,
    insurerId,
    shopId,
    vehicle: { plate: "沪A12345" },
    directBilling: true,
    currency: "CNY",
  });

/** Intake, diagnostics and an estimate of `estimate` fen on `day`. */
const estimateOn = (day: number, estimate: number): RepairOrderCommand[] => [
  repairCommand("ReceiveVehicle", at(day), { mileage: 42_000, photos: [] }),
  repairCommand("RecordDiagnostics", at(day), { findings: ["Bumper cracked"] }),
  repairCommand("SubmitEstimate", at(day), {
    lines: [{ kind: "part", description: "Bumper", quantity: 1, amount: cny(estimate) }],
  }),
];

/** Work from `day`, handover on `handover`, invoice of `invoice` fen on `invoiceDay`. */
const repairAndInvoice = (day: number, handover: number, invoiceDay: number, invoice: number) => [
  repairCommand("AssignWork", at(day), { assignee: { kind: "technician", technicianId: "t-1" } }),
  repairCommand("StartWork", at(day), {}),
  repairCommand("CompleteWork", at(handover), { photos: [] }),
  repairCommand("HandOverVehicle", at(handover), { signedBy: "Li Wei" }),
  repairCommand("InvoiceInsurer", at(invoiceDay), {
    invoiceNumber: `INV-${invoiceDay}`,
    amount: cny(invoice),
  }),
];

const shopResponse = (response: "confirmed" | "disputed", day: number) =>
  claimCommand("RecordShopResponse", at(day), { response });
const feedback = (csat: number, day: number) => claimCommand("RecordFeedback", at(day), { csat });
const assign = (day: number) => claimCommand("AssignAdjuster", at(day, 2), { adjusterId: "adj-1" });
const supplement = (id: string, day: number, amount: number) =>
  claimCommand("RequestSupplement", at(day), {
    supplementId: id,
    lines: [{ kind: "part", description: "Bracket", amount: cny(amount) }],
    reason: "Hidden damage",
  });

const history = () => {
  const h = new DecidedHistory();
  // K-1 (ins-a, RO-1 at shop-7): assessed, disputed on both sides (counts once), reassessed
  // and confirmed, a 20,000 supplement approved (260,000 assessed), settled at 234,000 (0.9).
  h.claim("K-1", ...openClaim({ claimId: "K-1", reportedAt: at(0) }), assign(0));
  h.repairOrder("RO-1", openOrder("RO-1", "K-1", "shop-7", 1), ...estimateOn(1, 250_000));
  h.claim("K-1", assessDamage(at(2), 200_000));
  h.repairOrder("RO-1", repairCommand("DisputeAssessment", at(3), { reason: "Labour too low" }));
  h.claim("K-1", shopResponse("disputed", 3), assessDamage(at(4), 240_000));
  h.claim("K-1", shopResponse("confirmed", 5), supplement("S-1", 6, 20_000));
  h.claim("K-1", claimCommand("ApproveSupplement", at(7), { supplementId: "S-1" }));
  h.claim(
    "K-1",
    claimCommand("AgreeSettlement", at(8), { amount: cny(234_000), method: "repair" }),
  );
  h.claim("K-1", feedback(4, 9));
  h.repairOrder("RO-1", ...repairAndInvoice(5, 10, 11, 275_000)); // invoice ÷ estimate 1.1
  h.payout(
    "PAY-P",
    ...issuedPayout({
      payoutId: "PAY-P",
      claimId: "K-1",
      payee: { kind: "policyholder", id: "holder-1" },
      amount: 10_000,
      requestedAt: at(8),
      issuedAt: at(12),
    }),
  );
  const shop7 = { kind: "shop", id: "shop-7" } as const;
  const pay1 = { payoutId: "PAY-1", claimId: "K-1", payee: shop7, amount: 224_000 };
  h.payout("PAY-1", ...issuedPayout({ ...pay1, requestedAt: at(11), issuedAt: at(14) }));

  // K-2 (ins-a, RO-2 at shop-9): confirmed by the shop, one supplement rejected and one
  // pending, settled at the assessment; the first shop payout is reversed, the second paid.
  h.claim("K-2", ...openClaim({ claimId: "K-2", reportedAt: at(1) }), assign(1));
  h.repairOrder("RO-2", openOrder("RO-2", "K-2", "shop-9", 2), ...estimateOn(2, 100_000));
  h.claim("K-2", assessDamage(at(3), 100_000));
  h.repairOrder("RO-2", repairCommand("ConfirmAssessment", at(4), {}));
  h.claim("K-2", supplement("S-1", 5, 5_000));
  h.claim("K-2", claimCommand("RejectSupplement", at(6), { supplementId: "S-1", reason: "Old" }));
  h.claim("K-2", supplement("S-2", 6, 7_000));
  h.claim(
    "K-2",
    claimCommand("AgreeSettlement", at(7), { amount: cny(100_000), method: "repair" }),
  );
  h.claim("K-2", feedback(5, 8));
  h.repairOrder("RO-2", ...repairAndInvoice(5, 8, 9, 100_000));
  const shop9 = { kind: "shop", id: "shop-9" } as const;
  const pay2 = { claimId: "K-2", payee: shop9, amount: 100_000, requestedAt: at(9) };
  h.payout("PAY-2a", ...issuedPayout({ ...pay2, payoutId: "PAY-2a", issuedAt: at(9, 12) }));
  h.payout("PAY-2a", payoutCommand("VoidPayout", at(10), { reason: "Paid twice" }));
  h.payout("PAY-2b", ...issuedPayout({ ...pay2, payoutId: "PAY-2b", issuedAt: at(10, 12) }));

  // K-3 (ins-a): denied, rated 3 on day 12.
  h.claim("K-3", ...openClaim({ claimId: "K-3", reportedAt: at(2) }));
  h.claim("K-3", claimCommand("DenyClaim", at(3), { reason: "Not covered" }), feedback(3, 12));

  // ins-b: L-1's repair order disputes before any assessment is on record; M-1 is known only
  // from its repair order.
  h.claim("L-1", ...openClaim({ claimId: "L-1", insurerId: "ins-b", reportedAt: at(3) }));
  h.repairOrder("RO-3", openOrder("RO-3", "L-1", "shop-7", 3, "ins-b"), ...estimateOn(4, 50_000));
  h.repairOrder("RO-3", repairCommand("DisputeAssessment", at(5), { reason: "Too low" }));
  h.repairOrder("RO-3", repairCommand("CancelRepairOrder", at(6), { reason: "Total loss" }));
  h.repairOrder("RO-4", openOrder("RO-4", "M-1", "shop-7", 4, "ins-b"));
  return h;
};

const empty = {
  handoverToPayment: { repairOrders: 0, averageDays: null, medianDays: null },
  supplements: { requested: 0, approved: 0, rejected: 0, approvalRate: null },
  settledVsAssessed: { claims: 0, averageRatio: null },
  invoicedVsEstimate: { repairOrders: 0, averageRatio: null },
  csat: { responses: 0, average: null },
};

describe("insurer scorecard", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyProjection(database.db, insurerScorecardProjection, history().events);
  });
  afterAll(() => database.drop());

  it("scores each insurer on payment speed, disputes, supplements, settlement, volume and CSAT", async () => {
    expect(await insurerScorecard(database.db, {})).toEqual([
      {
        insurerId: "ins-a",
        volume: { claims: 3, repairOrders: 2 },
        // RO-1 handed over on day 10, shop paid on day 14; RO-2 on day 8, paid on day 10.5.
        handoverToPayment: { repairOrders: 2, averageDays: 3.25, medianDays: 3.25 },
        assessmentDisputes: { assessments: 3, disputed: 1, rate: 1 / 3 },
        supplements: { requested: 3, approved: 1, rejected: 1, approvalRate: 1 / 3 },
        settledVsAssessed: { claims: 2, averageRatio: (0.9 + 1) / 2 },
        invoicedVsEstimate: { repairOrders: 2, averageRatio: (275_000 / 250_000 + 1) / 2 },
        csat: { responses: 3, average: 4 },
      },
      {
        insurerId: "ins-b",
        volume: { claims: 2, repairOrders: 2 },
        assessmentDisputes: { assessments: 1, disputed: 1, rate: 1 },
        ...empty,
      },
    ]);
  });

  it("gives a shop its own view: its repair orders, its payouts, the claims it repaired", async () => {
    const rows = await insurerScorecard(database.db, { shopId: "shop-7", insurerId: "ins-a" });
    expect(rows).toEqual([
      {
        insurerId: "ins-a",
        volume: { claims: 1, repairOrders: 1 },
        handoverToPayment: { repairOrders: 1, averageDays: 4, medianDays: 4 },
        assessmentDisputes: { assessments: 2, disputed: 1, rate: 0.5 },
        supplements: { requested: 1, approved: 1, rejected: 0, approvalRate: 1 },
        settledVsAssessed: { claims: 1, averageRatio: 0.9 },
        invoicedVsEstimate: { repairOrders: 1, averageRatio: 1.1 },
        csat: { responses: 1, average: 4 },
      },
    ]);
  });

  it("dates each figure by its own fact within the period", async () => {
    const rows = await insurerScorecard(database.db, { from: at(9), to: at(30) });
    expect(rows).toEqual([
      {
        insurerId: "ins-a",
        volume: { claims: 0, repairOrders: 0 },
        handoverToPayment: { repairOrders: 1, averageDays: 4, medianDays: 4 },
        assessmentDisputes: { assessments: 0, disputed: 0, rate: null },
        supplements: { requested: 0, approved: 0, rejected: 0, approvalRate: null },
        settledVsAssessed: { claims: 0, averageRatio: null },
        invoicedVsEstimate: { repairOrders: 2, averageRatio: (275_000 / 250_000 + 1) / 2 },
        csat: { responses: 2, average: 3.5 },
      },
    ]);
  });
});
