/**
 * fast-check generators of claim command sequences: valid-looking commands in random order, so
 * most are refused and some walk the whole lifecycle. Test-only: excluded from the build.
 */
import fc from "fast-check";
import type { ClaimCommand } from "../commands.js";
import { at, cmd, policy, register } from "./claim-fixtures.js";

const currency = fc.constantFrom("CNY", "CNY", "CNY", "RUB");
const amount = fc.integer({ min: 1, max: 2_000_000 });
const money = fc.record({ amount, currency });
const costType = fc.constantFrom("indemnity" as const, "expense" as const);
const deadlineId = fc.constantFrom(
  "cn.payment_10d-1",
  "cn.decision_30d-1",
  "cn.refusal_notice_3d-1",
  "fast_track.settle_24h-1",
);

/** One claim command (without its time), any type. */
const commandBody: fc.Arbitrary<(day: number) => ClaimCommand> = fc.oneof(
  fc.constant(() => register()),
  fc.constant((d: number) => cmd("AcknowledgeClaim", { occurredAt: at(d) })),
  fc.constant((d: number) => cmd("RecordFirstContact", { channel: "phone", occurredAt: at(d) })),
  fc.constant((d: number) => cmd("VerifyCoverage", { policy, occurredAt: at(d) })),
  fc.record({ singleParty: fc.boolean(), injuries: fc.boolean(), prior: fc.nat(4) }).map(
    (f) => (d: number) =>
      cmd("TriageClaim", {
        sumInsured: policy.sumInsured,
        policyStartDate: policy.startDate,
        priorClaimsLast12Months: f.prior,
        singleParty: f.singleParty,
        injuries: f.injuries,
        policeReport: true,
        occurredAt: at(d),
      }),
  ),
  fc
    .constantFrom("a1", "a2")
    .map((id) => (d: number) => cmd("AssignAdjuster", { adjusterId: id, occurredAt: at(d) })),
  fc.constant((d: number) => cmd("RequestDocuments", { documents: ["photos"], occurredAt: at(d) })),
  fc.constant((d: number) => cmd("ReceiveDocument", { document: "photos", occurredAt: at(d) })),
  fc.constant((d: number) =>
    cmd("BookInspection", { scheduledAt: at(d + 1), surveyorId: "s", occurredAt: at(d) }),
  ),
  fc.constant((d: number) => cmd("CompleteInspection", { photos: [], occurredAt: at(d) })),
  money.map(
    (m) => (d: number) =>
      cmd("AssessDamage", {
        lines: [{ kind: "part", description: "part", amount: m }],
        occurredAt: at(d),
      }),
  ),
  fc.tuple(costType, money).map(
    ([c, m]) =>
      (d: number) =>
        cmd("SetReserve", { costType: c, balance: m, occurredAt: at(d) }),
  ),
  fc.tuple(money, fc.constantFrom("repair" as const, "cash" as const)).map(
    ([m, method]) =>
      (d: number) =>
        cmd("AgreeSettlement", { amount: m, method, occurredAt: at(d) }),
  ),
  fc.constant((d: number) => cmd("DenyClaim", { reason: "r", occurredAt: at(d) })),
  fc.constant((d: number) => cmd("SendRefusalNotice", { occurredAt: at(d) })),
  fc.tuple(fc.constantFrom("p1", "p2", "p3"), money, costType).map(
    ([id, m, c]) =>
      (d: number) =>
        cmd("CommitPayout", { payoutId: id, amount: m, costType: c, occurredAt: at(d) }),
  ),
  fc
    .tuple(
      fc.constantFrom("p1", "p2", "p3"),
      fc.constantFrom(
        "adjuster" as const,
        "handler" as const,
        "finance" as const,
        "analyst" as const,
      ),
    )
    .map(
      ([id, role]) =>
        (d: number) =>
          cmd("ApprovePayoutCommitment", {
            payoutId: id,
            approverId: `u-${role}`,
            approverRole: role,
            occurredAt: at(d),
          }),
    ),
  fc
    .constantFrom("p1", "p2", "p3")
    .map(
      (id) => (d: number) =>
        cmd("ReleasePayoutCommitment", { payoutId: id, reason: "rejected", occurredAt: at(d) }),
    ),
  fc.tuple(fc.constantFrom("p1", "p2", "p3"), money, costType).map(
    ([id, m, c]) =>
      (d: number) =>
        cmd("RecordPayment", { payoutId: id, amount: m, costType: c, occurredAt: at(d) }),
  ),
  money.map(
    (m) => (d: number) => cmd("RecordRecovery", { kind: "salvage", amount: m, occurredAt: at(d) }),
  ),
  fc
    .constantFrom("paid" as const, "denied" as const, "withdrawn" as const, "duplicate" as const)
    .map((outcome) => (d: number) => cmd("CloseClaim", { outcome, occurredAt: at(d) })),
  fc.constant((d: number) => cmd("ReopenClaim", { reason: "new facts", occurredAt: at(d) })),
  deadlineId.map(
    (id) => (d: number) => cmd("PauseDeadline", { deadlineId: id, occurredAt: at(d) }),
  ),
  deadlineId.map(
    (id) => (d: number) => cmd("ResumeDeadline", { deadlineId: id, occurredAt: at(d) }),
  ),
  deadlineId.map(
    (id) => (d: number) => cmd("MarkDeadlineBreached", { deadlineId: id, occurredAt: at(d) }),
  ),
  fc
    .integer({ min: 1, max: 5 })
    .map((csat) => (d: number) => cmd("RecordFeedback", { csat, occurredAt: at(d) })),
);

const cny = (amount: number) => ({ amount, currency: "CNY" });

/** The happy paths of docs/domain.md: cash settlement paid in two parts, or a denial. */
/** Commit, approve (finance) and record one indemnity payout. */
const paidOut = (payoutId: string, amount: number): ((d: number) => ClaimCommand)[] => [
  (d) =>
    cmd("CommitPayout", {
      payoutId,
      amount: cny(amount),
      costType: "indemnity",
      occurredAt: at(d),
    }),
  (d) =>
    cmd("ApprovePayoutCommitment", {
      payoutId,
      approverId: "u-finance",
      approverRole: "finance",
      occurredAt: at(d),
    }),
];

const lifecycleArb: fc.Arbitrary<((day: number) => ClaimCommand)[]> = fc
  .record({ settle: fc.integer({ min: 2, max: 2_000_000 }), deny: fc.boolean() })
  .map(({ settle, deny }) => {
    const half = Math.floor(settle / 2);
    const head: ((d: number) => ClaimCommand)[] = [
      (d) => cmd("VerifyCoverage", { policy, occurredAt: at(d) }),
      (d) => cmd("AssignAdjuster", { adjusterId: "a1", occurredAt: at(d) }),
      (d) => cmd("SetReserve", { costType: "indemnity", balance: cny(settle), occurredAt: at(d) }),
      (d) => cmd("RequestDocuments", { documents: ["photos"], occurredAt: at(d) }),
      (d) => cmd("ReceiveDocument", { document: "photos", occurredAt: at(d) }),
    ];
    const denial: ((d: number) => ClaimCommand)[] = [
      (d) => cmd("DenyClaim", { reason: "excluded", occurredAt: at(d) }),
      (d) => cmd("SendRefusalNotice", { occurredAt: at(d) }),
      (d) => cmd("CloseClaim", { outcome: "denied", occurredAt: at(d) }),
    ];
    const settlement: ((d: number) => ClaimCommand)[] = [
      (d) =>
        cmd("AssessDamage", {
          lines: [{ kind: "part", description: "p", amount: cny(settle) }],
          occurredAt: at(d),
        }),
      (d) => cmd("AgreeSettlement", { amount: cny(settle), method: "cash", occurredAt: at(d) }),
      ...paidOut("p1", half),
      ...paidOut("p2", settle - half),
      (d) =>
        cmd("RecordPayment", {
          payoutId: "p1",
          amount: cny(half),
          costType: "indemnity",
          occurredAt: at(d),
        }),
      (d) =>
        cmd("RecordPayment", {
          payoutId: "p2",
          amount: cny(settle - half),
          costType: "indemnity",
          occurredAt: at(d),
        }),
      (d) => cmd("RecordRecovery", { kind: "salvage", amount: cny(half), occurredAt: at(d) }),
      (d) => cmd("CloseClaim", { outcome: "paid", occurredAt: at(d) }),
      (d) => cmd("RecordFeedback", { csat: 4, occurredAt: at(d) }),
      (d) => cmd("ReopenClaim", { reason: "new damage found", occurredAt: at(d) }),
    ];
    return [...head, ...(deny ? denial : settlement)];
  });

/**
 * A sequence of claim commands whose business times move forward by 0–5 days each: a prefix of
 * a lifecycle path with random commands mixed in, so that most random commands land in a
 * meaningful state and many are refused.
 */
export const claimCommandsArb: fc.Arbitrary<ClaimCommand[]> = fc
  .record({
    path: lifecycleArb,
    keep: fc.nat({ max: 17 }),
    noise: fc.array(fc.tuple(commandBody, fc.nat({ max: 14 })), { maxLength: 25 }),
    gaps: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ path, keep, noise, gaps }) => {
    const steps = path.slice(0, keep);
    for (const [make, position] of noise) steps.splice(Math.min(position, steps.length), 0, make);
    let day = 0;
    return [
      register(),
      ...steps.map((make, i) => {
        day += gaps[i % gaps.length] ?? 1;
        return make(day);
      }),
    ];
  });
