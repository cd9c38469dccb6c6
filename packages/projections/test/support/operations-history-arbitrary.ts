/**
 * Random histories for the operations read models' "rebuild equals incremental" property:
 * a few claims, each maybe with a repair order and payouts, every aggregate walking its
 * lifecycle with steps dropped at random; the streams interleave by business time. Commands
 * the deciders refuse are simply left out, so every event is one the domain really emits.
 */
import type { ClaimCommand, PayoutCommand, RepairOrderCommand } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import fc from "fast-check";
import {
  assessDamage,
  claimCommand,
  cny,
  coveringPolicy,
  DecidedHistory,
  hoursAfter,
  paymentOnClaim,
  payoutCommand,
  registerClaim,
  repairCommand,
  T0,
} from "./operations-history.js";

type Step =
  | { readonly kind: "claim"; readonly build: (at: string) => ClaimCommand }
  | { readonly kind: "repair"; readonly build: (at: string) => RepairOrderCommand }
  | { readonly kind: "payout"; readonly build: (at: string) => PayoutCommand };

interface ClaimPlan {
  readonly insurerId: string;
  readonly line: "motor_own_damage" | "motor_liability";
  readonly jurisdiction: "CN" | "US-CA";
  readonly adjusters: readonly [string, string];
  readonly technician: string;
  readonly shopId: string;
  readonly amount: number;
  readonly csat: readonly [number, number];
  readonly disputes: boolean;
  readonly approves: boolean;
  readonly closeOutcome: "paid" | "denied" | "withdrawn";
  /** One claim in four is denied rather than settled, one repair order in four cancelled. */
  readonly denies: boolean;
  readonly cancels: boolean;
}

const claimPlanArb: fc.Arbitrary<ClaimPlan> = fc.record({
  insurerId: fc.constantFrom("ins-a", "ins-b"),
  line: fc.constantFrom("motor_own_damage", "motor_liability"),
  jurisdiction: fc.constantFrom("CN", "US-CA"),
  adjusters: fc.tuple(fc.constantFrom("adj-1", "adj-2"), fc.constantFrom("adj-2", "adj-3")),
  technician: fc.constantFrom("t-1", "t-2", "t-3"),
  shopId: fc.constantFrom("shop-1", "shop-2"),
  amount: fc.integer({ min: 1, max: 40 }).map((n) => n * 10_000),
  csat: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
  disputes: fc.boolean(),
  approves: fc.boolean(),
  closeOutcome: fc.constantFrom("paid", "denied", "withdrawn"),
  denies: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  cancels: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});

const claimSteps = (claimId: string, plan: ClaimPlan): ((at: string) => ClaimCommand)[] => {
  const script = { claimId, ...plan, reportedAt: T0 };
  const amount = cny(plan.amount);
  const decision = plan.jurisdiction === "CN" ? "cn.decision_30d-1" : "us-ca.decision_40d-1";
  const c = claimCommand;
  return [
    (at) => registerClaim({ ...script, reportedAt: at }),
    (at) => c("VerifyCoverage", at, { policy: coveringPolicy(script) }),
    (at) => c("AcknowledgeClaim", at, {}),
    (at) => c("AssignAdjuster", at, { adjusterId: plan.adjusters[0] }),
    (at) => c("RecordFirstContact", at, { channel: "phone" }),
    (at) => c("RequestDocuments", at, { documents: ["licence"] }),
    (at) => c("ReceiveDocument", at, { document: "licence" }),
    (at) => c("PauseDeadline", at, { deadlineId: decision }),
    (at) => c("ResumeDeadline", at, { deadlineId: decision }),
    (at) => assessDamage(at, plan.amount),
    (at) => c("AssignAdjuster", at, { adjusterId: plan.adjusters[1] }),
    (at) => c("RecordShopResponse", at, { response: plan.disputes ? "disputed" : "confirmed" }),
    (at) =>
      c("RequestSupplement", at, {
        supplementId: "S-1",
        lines: [{ kind: "part", description: "Bracket", amount: cny(5_000) }],
        reason: "Hidden",
      }),
    (at) =>
      plan.approves
        ? c("ApproveSupplement", at, { supplementId: "S-1" })
        : c("RejectSupplement", at, { supplementId: "S-1", reason: "No" }),
    (at) => c("FlagDeadlineAtRisk", at, { deadlineId: decision, fraction: 0.5 }),
    (at) => c("MarkDeadlineBreached", at, { deadlineId: decision }),
    ...(plan.denies ? [(at: string) => c("DenyClaim", at, { reason: "Not covered" })] : []),
    (at) => c("AgreeSettlement", at, { amount, method: "cash" }),
    ...[0, 1, 2].map(
      (step) => (at: string) =>
        paymentOnClaim(at, { payoutId: `PAY-${claimId}`, amount, costType: "indemnity" })[
          step
        ] as ClaimCommand,
    ),
    (at) => c("MarkDeadlineBreached", at, { deadlineId: "cn.payment_10d-1" }),
    (at) => c("SendRefusalNotice", at, {}),
    (at) => c("CloseClaim", at, { outcome: plan.closeOutcome }),
    (at) => c("RecordFeedback", at, { csat: plan.csat[0] }),
    (at) => c("FileComplaint", at, { text: "Slow" }),
    (at) => c("ReopenClaim", at, { reason: "New facts" }),
    (at) => c("CloseClaim", at, { outcome: "withdrawn" }),
    (at) => c("RecordFeedback", at, { csat: plan.csat[1] }),
  ];
};

const repairSteps = (claimId: string, plan: ClaimPlan): ((at: string) => RepairOrderCommand)[] => {
  const r = repairCommand;
  return [
    (at) =>
      r("OpenRepairOrder", at, {
        repairOrderId: `RO-${claimId}`,
        claimId,
        insurerId: plan.insurerId,
        shopId: plan.shopId,
        vehicle: { plate: "沪A12345" },
        directBilling: true,
        currency: "CNY",
      }),
    (at) => r("ReceiveVehicle", at, { mileage: 1_000, photos: [] }),
    (at) => r("RecordDiagnostics", at, { findings: ["Dent"] }),
    (at) =>
      r("SubmitEstimate", at, {
        lines: [{ kind: "part", description: "Door", quantity: 1, amount: cny(plan.amount) }],
      }),
    (at) =>
      plan.disputes
        ? r("DisputeAssessment", at, { reason: "Too low" })
        : r("ConfirmAssessment", at, {}),
    (at) =>
      r("AssignWork", at, { assignee: { kind: "technician", technicianId: plan.technician } }),
    (at) =>
      r("OrderParts", at, { partsOrderId: "PO-1", parts: [{ description: "Door", quantity: 1 }] }),
    (at) => r("ReceiveParts", at, { partsOrderId: "PO-1" }),
    (at) => r("StartWork", at, {}),
    (at) =>
      r("RequestSupplement", at, {
        supplementId: "S-1",
        lines: [{ kind: "part", description: "Bracket", quantity: 1, amount: cny(5_000) }],
        reason: "Hidden",
      }),
    (at) => r("CompleteWork", at, { photos: [] }),
    (at) => r("HandOverVehicle", at, { signedBy: "Owner" }),
    (at) => r("InvoiceInsurer", at, { invoiceNumber: "INV-1", amount: cny(plan.amount) }),
    ...(plan.cancels ? [(at: string) => r("CancelRepairOrder", at, { reason: "Withdrawn" })] : []),
  ];
};

const payoutSteps = (
  claimId: string,
  plan: ClaimPlan,
  payee: "shop" | "policyholder",
): ((at: string) => PayoutCommand)[] => {
  const p = payoutCommand;
  const payeeId = payee === "shop" ? plan.shopId : `holder-${claimId}`;
  return [
    (at) =>
      p("RequestPayout", at, {
        payoutId: `PAY-${payee}-${claimId}`,
        claimId,
        insurerId: plan.insurerId,
        payee: { kind: payee, id: payeeId, name: payeeId },
        amount: cny(plan.amount),
        costType: "indemnity",
        reason: "settlement",
        requestedBy: "u-1",
      }),
    (at) => p("ApprovePayout", at, { approverId: "u-2", approverRole: "admin" }),
    (at) => p("IssuePayout", at, { paymentReference: "REF" }),
    (at) => p("RecordRecovery", at, { kind: "salvage", amount: cny(1_000), from: "Buyer" }),
    (at) => p("VoidPayout", at, { reason: "Duplicate" }),
  ];
};

/** Keep flags and hour gaps for a lifecycle of `n` steps. */
const walkArb = (n: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 120 })), {
    minLength: n,
    maxLength: n,
  });

interface TimedStep {
  readonly stream: string;
  readonly hours: number;
  readonly step: Step;
}

const timed = (
  stream: string,
  kind: Step["kind"],
  builders: readonly ((at: string) => unknown)[],
  walk: readonly (readonly [number, number])[],
): TimedStep[] => {
  let hours = 0;
  return builders.flatMap((build, index) => {
    const [keep, gap] = walk[index] ?? [1, 1];
    hours += gap;
    // Creation steps always run; the others are dropped one time in five.
    if (index > 0 && keep === 0) return [];
    return [{ stream, hours, step: { kind, build } as Step }];
  });
};

const claimHistoryArb = (claimId: string) =>
  fc
    .record({
      plan: claimPlanArb,
      claim: walkArb(27),
      repair: fc.option(walkArb(14), { nil: undefined }),
      shopPayout: fc.option(walkArb(5), { nil: undefined }),
      holderPayout: fc.option(walkArb(5), { nil: undefined }),
    })
    .map(({ plan, claim, repair, shopPayout, holderPayout }) => [
      ...timed(`claim-${claimId}`, "claim", claimSteps(claimId, plan), claim),
      ...(repair ? timed(`ro-${claimId}`, "repair", repairSteps(claimId, plan), repair) : []),
      ...(shopPayout
        ? timed(`ps-${claimId}`, "payout", payoutSteps(claimId, plan, "shop"), shopPayout)
        : []),
      ...(holderPayout
        ? timed(`ph-${claimId}`, "payout", payoutSteps(claimId, plan, "policyholder"), holderPayout)
        : []),
    ]);

const run = (steps: readonly TimedStep[]): RecordedEvent[] => {
  const history = new DecidedHistory();
  const ordered = [...steps].sort((a, b) => a.hours - b.hours || a.stream.localeCompare(b.stream));
  for (const { stream, hours, step } of ordered) {
    const at = hoursAfter(T0, hours);
    const id = stream.slice(stream.indexOf("-") + 1);
    if (step.kind === "claim") history.claims.tryDecide(id, step.build(at));
    if (step.kind === "repair") history.repairOrders.tryDecide(`RO-${id}`, step.build(at));
    if (step.kind === "payout") {
      const command = step.build(at);
      history.payouts.tryDecide(
        `${stream.startsWith("ps-") ? "PAY-shop" : "PAY-policyholder"}-${id}`,
        command,
      );
    }
  }
  return history.events;
};

/**
 * A random history over one to `maxClaims` claims (with their repair orders and payouts), as
 * recorded events in global order.
 */
export const operationsHistoryArb = (maxClaims = 3): fc.Arbitrary<RecordedEvent[]> =>
  fc
    .integer({ min: 1, max: maxClaims })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => claimHistoryArb(`K${i + 1}`))))
    .map((perClaim) => run(perClaim.flat()));
