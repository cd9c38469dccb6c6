import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { DEFAULT_FAST_TRACK_CONFIG } from "../rules/fast-track.js";
import { foldEvents } from "../shared/decider.js";
import type { ClaimCommand } from "./commands.js";
import { DEFAULT_CLAIM_CONFIG } from "./config.js";
import { claimDecider, createClaimDecider } from "./decide.js";
import {
  at,
  cmd,
  paidOut,
  policy,
  register,
  run,
  T0,
  toSettlement,
  types,
} from "./testing/claim-fixtures.js";

const cny = (amount: number) => ({ amount, currency: "CNY" });

describe("claim: first notice of loss", () => {
  it("registers a claim with its facts and reporter", () => {
    const { state, events, error } = run([register()]);
    expect(error).toBeNull();
    expect(types(events)).toEqual(["ClaimRegistered"]);
    expect(state.status).toBe("registered");
    expect(state.facts?.reportedAt).toBe(T0);
    expect(state.reserves?.indemnity).toEqual(cny(0));
  });

  it("refuses a second registration with claim.already_exists", () => {
    expect(run([register(), register()]).error?.code).toBe("claim.already_exists");
  });

  it("refuses any other command before FNOL with claim.not_found", () => {
    expect(run([cmd("AcknowledgeClaim", {})]).error?.code).toBe("claim.not_found");
  });

  it("refuses an estimate in another currency than the claim's", () => {
    const result = run([register({ estimatedAmount: { amount: 1, currency: "RUB" } })]);
    expect(result.error?.code).toBe("money.currency_mismatch");
  });

  it("starts the California acknowledgement deadline on FNOL for US-CA claims", () => {
    const { state, events } = run([
      register({ jurisdiction: "US-CA", currency: "USD", estimatedAmount: undefined }),
    ]);
    expect(types(events)).toEqual(["ClaimRegistered", "DeadlineStarted"]);
    const deadline = Object.values(state.deadlines)[0];
    expect(deadline?.kind).toBe("acknowledge");
    expect(deadline?.status).toBe("open");
  });

  it("acknowledges and records first contact once each", () => {
    const ok = run([
      register(),
      cmd("AcknowledgeClaim", {}),
      cmd("RecordFirstContact", { channel: "phone" }),
    ]);
    expect(ok.error).toBeNull();
    expect(ok.state.acknowledgedAt).not.toBeNull();
    expect(
      run([register(), cmd("AcknowledgeClaim", {}), cmd("AcknowledgeClaim", {})]).error?.code,
    ).toBe("claim.invalid_transition");
    const twice = [
      register(),
      cmd("RecordFirstContact", { channel: "phone" }),
      cmd("RecordFirstContact", { channel: "sms" }),
    ];
    expect(run(twice).error?.code).toBe("claim.invalid_transition");
  });
});

describe("claim: coverage and triage", () => {
  it("verifies coverage against the policy snapshot", () => {
    const { state, events } = run([register(), cmd("VerifyCoverage", { policy })]);
    expect(types(events)).toContain("CoverageVerified");
    expect(state.status).toBe("coverage_verified");
  });

  it("denies the claim when the loss date is outside the policy period, with the coverage code", () => {
    const { state, events } = run([
      register({ lossDate: "2025-12-30" }),
      cmd("VerifyCoverage", { policy }),
    ]);
    expect(types(events)).toEqual([
      "ClaimRegistered",
      "CoverageDenied",
      "ClaimDenied",
      "DeadlineStarted",
    ]);
    expect(state.status).toBe("denied");
    const denied = events.find((e) => e.type === "ClaimDenied");
    expect(denied?.type === "ClaimDenied" && denied.code).toBe("coverage.policy_not_in_force");
    expect(Object.values(state.deadlines)[0]?.kind).toBe("refusal_notice");
  });

  it("refuses a snapshot of another policy with coverage.policy_mismatch", () => {
    const other = { ...policy, policyId: "P-2" };
    expect(run([register(), cmd("VerifyCoverage", { policy: other })]).error?.code).toBe(
      "coverage.policy_mismatch",
    );
  });

  it("fast-tracks a small single-party low-risk claim and starts the 24 h deadline", () => {
    const { state, events } = run([
      register(),
      cmd("VerifyCoverage", { policy }),
      cmd("TriageClaim", {
        sumInsured: policy.sumInsured,
        policyStartDate: policy.startDate,
        priorClaimsLast12Months: 0,
        singleParty: true,
        injuries: false,
        policeReport: true,
      }),
    ]);
    expect(types(events)).toEqual([
      "ClaimRegistered",
      "CoverageVerified",
      "RiskScored",
      "FastTrackApproved",
      "DeadlineStarted",
    ]);
    expect(state.fastTrack).toBe(true);
    expect(Object.values(state.deadlines)[0]?.kind).toBe("fast_track_settlement");
  });

  it("sends a high-risk claim to fraud review instead of the fast track", () => {
    const { state, events } = run([
      register({ estimatedAmount: cny(19_000_000), description: "Car burnt" }),
      cmd("VerifyCoverage", { policy }),
      cmd("TriageClaim", {
        sumInsured: policy.sumInsured,
        policyStartDate: "2026-02-20",
        priorClaimsLast12Months: 3,
        singleParty: false,
        injuries: true,
        policeReport: false,
        lossHourLocal: 3,
      }),
    ]);
    expect(types(events)).toContain("ReferredToFraudReview");
    expect(state.fraudReview).toBe(true);
    expect(state.fastTrack).toBe(false);
    expect(state.risk?.band).toBe("high");
  });

  it("keeps a fast-track limit from the insurer's configuration", () => {
    const strict = createClaimDecider({
      ...DEFAULT_CLAIM_CONFIG,
      fastTrack: { ...DEFAULT_FAST_TRACK_CONFIG, limit: cny(100_000) },
    });
    const { state } = run(
      [
        register(),
        cmd("VerifyCoverage", { policy }),
        cmd("TriageClaim", {
          sumInsured: policy.sumInsured,
          policyStartDate: policy.startDate,
          priorClaimsLast12Months: 0,
          singleParty: true,
          injuries: false,
          policeReport: true,
        }),
      ],
      strict,
    );
    expect(state.risk).not.toBeNull();
    expect(state.fastTrack).toBe(false);
  });

  it("refuses triage before coverage is verified", () => {
    const triage = cmd("TriageClaim", {
      sumInsured: policy.sumInsured,
      policyStartDate: policy.startDate,
      priorClaimsLast12Months: 0,
      singleParty: true,
      injuries: false,
      policeReport: true,
    });
    expect(run([register(), triage]).error?.code).toBe("claim.invalid_transition");
  });
});

describe("claim: assignment, documents, inspection", () => {
  const covered = [register(), cmd("VerifyCoverage", { policy })];

  it("assigns and reassigns an adjuster, keeping the history", () => {
    const { state, events } = run([
      ...covered,
      cmd("AssignAdjuster", { adjusterId: "adj-1" }),
      cmd("AssignAdjuster", { adjusterId: "adj-2", reason: "leave" }),
    ]);
    expect(state.status).toBe("in_assessment");
    expect(state.adjusterId).toBe("adj-2");
    expect(state.assignmentHistory.map((h) => h.adjusterId)).toEqual(["adj-1", "adj-2"]);
    const last = events.at(-1);
    expect(last?.type === "AdjusterAssigned" && last.previousAdjusterId).toBe("adj-1");
  });

  it("refuses to assign the adjuster who already has the claim", () => {
    const again = [
      ...covered,
      cmd("AssignAdjuster", { adjusterId: "a" }),
      cmd("AssignAdjuster", { adjusterId: "a" }),
    ];
    expect(run(again).error?.code).toBe("claim.invalid_transition");
  });

  it("completes the documents when the last requested one arrives and starts the decision deadline", () => {
    const { state, events } = run([
      ...covered,
      cmd("RequestDocuments", { documents: ["police_report", "photos"] }),
      cmd("ReceiveDocument", { document: "photos" }),
      cmd("ReceiveDocument", { document: "police_report", occurredAt: at(4) }),
    ]);
    expect(types(events).slice(-3)).toEqual([
      "DocumentReceived",
      "DocumentsCompleted",
      "DeadlineStarted",
    ]);
    expect(Object.values(state.deadlines)[0]?.ruleId).toBe("cn.decision_30d");
  });

  it("refuses a document that was never requested", () => {
    const result = run([...covered, cmd("ReceiveDocument", { document: "x" })]);
    expect(result.error?.code).toBe("claim.document_not_requested");
  });

  it("books and completes an inspection, and refuses completing one not booked", () => {
    const ok = run([
      ...covered,
      cmd("BookInspection", { scheduledAt: at(2), surveyorId: "s-1" }),
      cmd("CompleteInspection", { photos: ["p1.jpg"] }),
    ]);
    expect(ok.state.inspection).toBe("completed");
    expect(run([...covered, cmd("CompleteInspection", { photos: [] })]).error?.code).toBe(
      "claim.invalid_transition",
    );
  });
});

describe("claim: assessment, supplements and reserves", () => {
  it("assesses damage and totals the lines", () => {
    const { state } = run(toSettlement().slice(0, 5));
    expect(state.status).toBe("assessed");
    expect(state.assessment?.total).toEqual(cny(280_000));
  });

  it("refuses assessment lines in another currency", () => {
    const commands = [
      ...toSettlement().slice(0, 3),
      cmd("AssessDamage", {
        lines: [{ kind: "part", description: "x", amount: { amount: 1, currency: "USD" } }],
      }),
    ];
    expect(run(commands).error?.code).toBe("money.currency_mismatch");
  });

  it("records a shop dispute and an approved supplement that grows the assessment", () => {
    const { state, events } = run([
      ...toSettlement().slice(0, 5),
      cmd("RecordShopResponse", { response: "disputed", reason: "hidden damage" }),
      cmd("RequestSupplement", {
        supplementId: "S1",
        lines: [{ kind: "part", description: "Bracket", amount: cny(20_000) }],
        reason: "found behind bumper",
      }),
      cmd("ApproveSupplement", { supplementId: "S1" }),
    ]);
    expect(types(events)).toContain("AssessmentDisputed");
    expect(state.assessment?.total).toEqual(cny(300_000));
    expect(state.supplements.S1?.status).toBe("approved");
  });

  it("refuses to approve a supplement twice or one that does not exist", () => {
    const base = [
      ...toSettlement().slice(0, 5),
      cmd("RequestSupplement", {
        supplementId: "S1",
        lines: [{ kind: "part", description: "x", amount: cny(1) }],
        reason: "r",
      }),
      cmd("RejectSupplement", { supplementId: "S1", reason: "not related" }),
    ];
    expect(run([...base, cmd("ApproveSupplement", { supplementId: "S1" })]).error?.code).toBe(
      "claim.invalid_transition",
    );
    expect(run([...base, cmd("ApproveSupplement", { supplementId: "S9" })]).error?.code).toBe(
      "claim.supplement_not_found",
    );
  });

  it("records each reserve change with its delta and the new balance", () => {
    const { state, events } = run([
      register(),
      cmd("SetReserve", { costType: "indemnity", balance: cny(500_000) }),
      cmd("SetReserve", { costType: "indemnity", balance: cny(350_000) }),
      cmd("SetReserve", { costType: "expense", balance: cny(20_000) }),
    ]);
    const changes = events.filter((e) => e.type === "ReserveChanged");
    expect(changes.map((e) => e.type === "ReserveChanged" && e.delta.amount)).toEqual([
      500_000, -150_000, 20_000,
    ]);
    expect(state.reserves).toEqual({ indemnity: cny(350_000), expense: cny(20_000) });
  });

  it("writes nothing when the reserve is set to the balance it already has", () => {
    const commands = [register(), cmd("SetReserve", { costType: "indemnity", balance: cny(0) })];
    expect(run(commands).events).toHaveLength(1);
  });
});

describe("claim: settlement, payment, closing", () => {
  it("agrees a settlement after the assessment and starts the payment deadline", () => {
    const { state, events } = run(toSettlement());
    expect(state.status).toBe("settled");
    expect(types(events).slice(-2)).toEqual(["SettlementAgreed", "DeadlineStarted"]);
  });

  it("refuses a settlement before the assessment unless the claim is fast-tracked", () => {
    const commands = [
      ...toSettlement().slice(0, 3),
      cmd("AgreeSettlement", { amount: cny(1), method: "cash" }),
    ];
    expect(run(commands).error?.code).toBe("claim.invalid_transition");
  });

  it("records a payment, releases the reserve and meets the payment deadline", () => {
    const { state, events } = run([
      ...toSettlement(),
      ...paidOut("PO-1", cny(280_000), "indemnity", at(5)),
    ]);
    expect(types(events).slice(-3)).toEqual([
      "ClaimPaymentRecorded",
      "DeadlineMet",
      "ReserveChanged",
    ]);
    expect(state.paid?.indemnity).toEqual(cny(280_000));
    expect(state.reserves?.indemnity).toEqual(cny(20_000));
    const met = events.at(-2);
    expect(met?.type === "DeadlineMet" && met.onTime).toBe(true);
  });

  it("refuses indemnity above the settlement and the same payout twice", () => {
    const over = [...toSettlement(), ...paidOut("PO-1", cny(280_001), "indemnity")];
    expect(run(over).error?.code).toBe("claim.payout_exceeds_authority");
    const pay = cmd("RecordPayment", {
      payoutId: "PO-1",
      amount: cny(1_000),
      costType: "indemnity",
    });
    const twice = [...toSettlement(), ...paidOut("PO-1", cny(1_000)), pay];
    expect(run(twice).error?.code).toBe("claim.payment_already_recorded");
  });

  it("refuses a payment for a payout that was never committed and approved on the claim", () => {
    const pay = cmd("RecordPayment", {
      payoutId: "PO-9",
      amount: cny(1_000),
      costType: "indemnity",
    });
    expect(run([...toSettlement(), pay]).error?.code).toBe("claim.payout_not_committed");
    const unapproved = [
      ...toSettlement(),
      cmd("CommitPayout", { payoutId: "PO-9", amount: cny(1_000), costType: "indemnity" }),
      pay,
    ];
    expect(run(unapproved).error?.code).toBe("claim.payout_not_committed");
  });

  it("keeps the sum of payouts within the settlement, and frees a released payout's amount", () => {
    const commit = (payoutId: string, amount: number) =>
      cmd("CommitPayout", { payoutId, amount: cny(amount), costType: "indemnity" });
    const two = run([...toSettlement(), commit("PO-1", 200_000), commit("PO-2", 80_000)]);
    expect(two.error).toBeNull();
    const third = run([...toSettlement(), commit("PO-1", 200_000), commit("PO-2", 80_001)]);
    expect(third.error?.code).toBe("claim.payout_exceeds_authority");
    const released = run([
      ...toSettlement(),
      commit("PO-1", 200_000),
      cmd("ReleasePayoutCommitment", { payoutId: "PO-1", reason: "rejected" }),
      commit("PO-2", 280_000),
    ]);
    expect(released.error).toBeNull();
  });

  it("applies approval limits to the claim's total, so splitting cannot bypass them", () => {
    // An adjuster may approve up to 20,000 CNY: two payouts of 15,000 make 30,000.
    const commit = (payoutId: string) =>
      cmd("CommitPayout", { payoutId, amount: cny(1_500_000), costType: "indemnity" });
    const approve = (payoutId: string, approverRole: "adjuster" | "finance") =>
      cmd("ApprovePayoutCommitment", { payoutId, approverId: `u-${approverRole}`, approverRole });
    const base = [...toSettlement(3_000_000), commit("A"), commit("B"), approve("A", "adjuster")];
    expect(run(base).error).toBeNull();
    expect(run([...base, approve("B", "adjuster")]).error?.code).toBe(
      "payout.approval_limit_exceeded",
    );
    expect(run([...base, approve("B", "finance")]).error).toBeNull();
  });

  it("closes a fully paid claim and releases the remaining reserves to zero", () => {
    const { state, events } = run([
      ...toSettlement(),
      ...paidOut("PO-1", cny(280_000), "indemnity"),
      cmd("CloseClaim", { outcome: "paid" }),
    ]);
    expect(state.status).toBe("closed");
    expect(state.reserves).toEqual({ indemnity: cny(0), expense: cny(0) });
    expect(types(events).slice(-2)).toEqual(["ReserveChanged", "ClaimClosed"]);
  });

  it("refuses to close as paid before the settlement is paid", () => {
    expect(run([...toSettlement(), cmd("CloseClaim", { outcome: "paid" })]).error?.code).toBe(
      "claim.not_fully_paid",
    );
  });

  it("refuses commands on a closed claim with claim.closed, and reopens it", () => {
    const closed = [register(), cmd("CloseClaim", { outcome: "withdrawn" })];
    expect(
      run([...closed, cmd("SetReserve", { costType: "expense", balance: cny(5) })]).error?.code,
    ).toBe("claim.closed");
    const reopened = run([...closed, cmd("ReopenClaim", { reason: "new photos" })]);
    expect(reopened.state.status).toBe("in_assessment");
    expect(reopened.state.reopenCount).toBe(1);
  });

  it("takes a reversed payment back, leaving the case reserve to the adjuster", () => {
    const pay = paidOut("PO-1", cny(100_000));
    const reverse = cmd("ReversePayment", { payoutId: "PO-1", reason: "bank returned it" });
    const { state, events } = run([...toSettlement(), ...pay, reverse]);
    expect(types(events).at(-1)).toBe("ClaimPaymentReversed");
    expect(state.paid?.indemnity).toEqual(cny(0));
    expect(state.reserves?.indemnity).toEqual(cny(200_000));
    expect(run([...toSettlement(), ...pay, reverse, reverse]).error?.code).toBe(
      "claim.payment_not_found",
    );
    const payAgain = pay.at(-1) as ClaimCommand;
    expect(run([...toSettlement(), ...pay, reverse, payAgain]).error?.code).toBe(
      "claim.payment_already_recorded",
    );
    expect(run([...toSettlement(), ...pay, reverse, ...pay]).error?.code).toBe(
      "claim.payout_already_committed",
    );
  });

  it("refuses a reversal that would leave recoveries above the indemnity paid", () => {
    const commands = [
      ...toSettlement(),
      ...paidOut("PO-1", cny(100_000), "indemnity"),
      cmd("RecordRecovery", { kind: "salvage", amount: cny(50_000) }),
      cmd("ReversePayment", { payoutId: "PO-1", reason: "bounced" }),
    ];
    expect(run(commands).error?.code).toBe("claim.recovery_exceeds_paid");
  });

  it("records recoveries up to the indemnity paid", () => {
    const paid = [...toSettlement(), ...paidOut("PO-1", cny(280_000), "indemnity")];
    const ok = run([...paid, cmd("RecordRecovery", { kind: "salvage", amount: cny(30_000) })]);
    expect(ok.state.recovered).toEqual(cny(30_000));
    const tooMuch = run([
      ...paid,
      cmd("RecordRecovery", { kind: "subrogation", amount: cny(280_001) }),
    ]);
    expect(tooMuch.error?.code).toBe("claim.recovery_exceeds_paid");
  });

  it("denies a claim, sends the refusal notice once, and closes it as denied", () => {
    const { state, events, error } = run([
      register(),
      cmd("DenyClaim", { reason: "wear and tear" }),
      cmd("SendRefusalNotice", {}),
      cmd("CloseClaim", { outcome: "denied" }),
    ]);
    expect(error).toBeNull();
    expect(state.closedOutcome).toBe("denied");
    expect(types(events)).toContain("DeadlineMet");
    const twice = [
      register(),
      cmd("DenyClaim", { reason: "r" }),
      cmd("SendRefusalNotice", {}),
      cmd("SendRefusalNotice", {}),
    ];
    expect(run(twice).error?.code).toBe("claim.invalid_transition");
  });

  it("records feedback once decided and complaints at any time", () => {
    const { state } = run([
      ...toSettlement(),
      cmd("RecordFeedback", { csat: 4 }),
      cmd("FileComplaint", { text: "slow" }),
    ]);
    expect(state.csat).toBe(4);
    expect(state.complaints).toBe(1);
    expect(run([register(), cmd("RecordFeedback", { csat: 5 })]).error?.code).toBe(
      "claim.invalid_transition",
    );
    expect(run([...toSettlement(), cmd("RecordFeedback", { csat: 9 })]).error?.code).toBe(
      "claim.invalid_rating",
    );
  });
});

describe("claim: deadlines", () => {
  const settled = toSettlement();
  const paymentDeadline = () => {
    const { state } = run(settled);
    return Object.values(state.deadlines).find((d) => d.kind === "payment")!;
  };

  it("refuses to mark a deadline breached before it is due", () => {
    const d = paymentDeadline();
    const early = cmd("MarkDeadlineBreached", { deadlineId: d.id, occurredAt: at(4) });
    expect(run([...settled, early]).error?.code).toBe("claim.deadline_not_due");
  });

  it("marks a deadline breached once it is past due, and only once", () => {
    const d = paymentDeadline();
    const late = cmd("MarkDeadlineBreached", { deadlineId: d.id, occurredAt: at(30) });
    const { state } = run([...settled, late]);
    expect(state.deadlines[d.id]?.status).toBe("breached");
    expect(run([...settled, late, late]).error?.code).toBe("claim.deadline_not_open");
  });

  it("flags a deadline at risk once the fraction of its window has passed", () => {
    const d = paymentDeadline();
    const { events } = run([
      ...settled,
      cmd("FlagDeadlineAtRisk", { deadlineId: d.id, fraction: 0.5, occurredAt: at(10) }),
    ]);
    expect(types(events).at(-1)).toBe("DeadlineAtRisk");
  });

  it("pauses and resumes a deadline, moving its due time", () => {
    const d = paymentDeadline();
    const { state } = run([
      ...settled,
      cmd("PauseDeadline", { deadlineId: d.id, occurredAt: at(4) }),
      cmd("ResumeDeadline", { deadlineId: d.id, occurredAt: at(9) }),
    ]);
    const resumed = state.deadlines[d.id]!;
    expect(resumed.status).toBe("open");
    expect(Date.parse(resumed.dueAt)).toBeGreaterThan(Date.parse(d.dueAt));
  });

  it("refuses an unknown deadline id", () => {
    expect(run([...settled, cmd("PauseDeadline", { deadlineId: "nope" })]).error?.code).toBe(
      "claim.deadline_not_found",
    );
  });
});

describe("claim: state as of", () => {
  it("folds any prefix of the history into the state at that point", () => {
    const { events } = run(toSettlement());
    const settledAt = events.findIndex((e) => e.type === "SettlementAgreed");
    const before = foldEvents(claimDecider, events.slice(0, settledAt));
    expect(before.status).toBe("assessed");
    expect(E.isRight(claimDecider.decide(cmd("DenyClaim", { reason: "r" }), before))).toBe(true);
  });
});
