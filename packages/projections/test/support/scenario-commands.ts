/** Command builders for scripted claims histories (policies, claims, payouts), all CNY. */
import {
  type Claim,
  type ClaimCommand,
  headroom,
  type PayoutCommand,
  type Policy,
} from "@claimstream/domain";
import type { ClaimsWorld } from "./claims-world.js";

/** An instant on a 2026 (or other) business date, at `hour` UTC. */
export const on = (date: string, hour = 9): string =>
  `${date}T${String(hour).padStart(2, "0")}:00:00.000Z`;

const cny = (amount: number) => ({ amount, currency: "CNY" });

const VIN = {
  "P-1": "LSVAU2180N2183294",
  "P-2": "LFV2A21K7A4012345",
  "P-3": "WVWZZZ1KZ8W000001",
} as const;

type PolicyId = keyof typeof VIN;

/** The VIN insured by a scenario policy. */
export const vinOf = (policyId: PolicyId): string => VIN[policyId];

/** A claim command of `type` at `occurredAt`. */
export const claimCommand = <T extends ClaimCommand["type"]>(
  type: T,
  occurredAt: string,
  fields: Omit<Claim.ClaimCommandOf<T>, "type" | "schemaVersion" | "occurredAt">,
): Claim.ClaimCommandOf<T> =>
  ({ type, schemaVersion: 1, occurredAt, ...fields }) as unknown as Claim.ClaimCommandOf<T>;

/** A payout command of `type` at `occurredAt`. */
export const payoutCommand = <T extends PayoutCommand["type"]>(
  type: T,
  occurredAt: string,
  fields: Omit<Extract<PayoutCommand, { type: T }>, "type" | "schemaVersion" | "occurredAt">,
): Extract<PayoutCommand, { type: T }> =>
  ({ type, schemaVersion: 1, occurredAt, ...fields }) as unknown as Extract<
    PayoutCommand,
    { type: T }
  >;

/** `IssuePolicy` for one of the three scenario policies. */
export const issuePolicy = (
  policyId: PolicyId,
  fields: Pick<
    Policy.PolicyCommandOf<"IssuePolicy">,
    "insurerId" | "line" | "region" | "startDate" | "endDate" | "perils" | "occurredAt"
  > & { premium: number },
): Policy.PolicyCommandOf<"IssuePolicy"> => ({
  type: "IssuePolicy",
  schemaVersion: 1,
  occurredAt: fields.occurredAt,
  policyId,
  insurerId: fields.insurerId,
  policyNumber: `CN-${policyId}`,
  line: fields.line,
  jurisdiction: "CN",
  holder: { name: "Li Wei" },
  insuredObject: { kind: "vehicle", vin: VIN[policyId] },
  startDate: fields.startDate,
  endDate: fields.endDate,
  territory: { countries: ["CN"] },
  perils: fields.perils,
  sumInsured: cny(20_000_000),
  deductible: cny(100_000),
  writtenPremium: cny(fields.premium),
  region: fields.region,
});

/** Registers, verifies and (optionally) assigns a claim on a scenario policy. */
export const openClaim = (
  world: ClaimsWorld,
  claimId: string,
  options: {
    policyId: PolicyId;
    lossDate: string;
    reportedAt: string;
    adjusterId?: string;
    line?: "motor_own_damage" | "motor_liability";
    peril?: "collision" | "third_party_liability";
  },
): void => {
  const at = options.reportedAt;
  world.claim(
    claimId,
    claimCommand("RegisterClaim", at, {
      claimId,
      policyId: options.policyId,
      insurerId: world.snapshot(options.policyId).insurerId,
      line: options.line ?? "motor_own_damage",
      jurisdiction: "CN",
      currency: "CNY",
      lossDate: options.lossDate,
      lossPlace: { country: "CN", region: "Shanghai" },
      peril: options.peril ?? "collision",
      description: `Loss of ${claimId}`,
      channel: "partner_api",
      reporter: { name: "Li Wei" },
      insuredObject: { vin: VIN[options.policyId] },
    }),
  );
  world.claim(
    claimId,
    claimCommand("VerifyCoverage", at, { policy: world.snapshot(options.policyId) }),
  );
  if (options.adjusterId !== undefined) {
    world.claim(claimId, claimCommand("AssignAdjuster", at, { adjusterId: options.adjusterId }));
  }
};

/** Sets a case reserve balance. */
export const setReserve = (
  world: ClaimsWorld,
  claimId: string,
  at: string,
  costType: "indemnity" | "expense",
  balance: number,
): void => {
  world.claim(claimId, claimCommand("SetReserve", at, { costType, balance: cny(balance) }));
};

/** Assesses the damage at `amount` and agrees a cash settlement of it (a payout is requested). */
export const assessAndSettle = (
  world: ClaimsWorld,
  claimId: string,
  assessedAt: string,
  settledAt: string,
  amount: number,
): void => {
  world.claim(
    claimId,
    claimCommand("AssessDamage", assessedAt, {
      lines: [{ kind: "part", description: "Damaged parts and labour", amount: cny(amount) }],
    }),
  );
  world.claim(
    claimId,
    claimCommand("AgreeSettlement", settledAt, { amount: cny(amount), method: "cash" }),
  );
};

/** Requests (unless it exists), approves and issues a payout. */
export const payPayout = (
  world: ClaimsWorld,
  payoutId: string,
  approvedAt: string,
  issuedAt: string,
  request?: { claimId: string; amount: number; costType: "indemnity" | "expense" },
): void => {
  if (request !== undefined) {
    const claim = world.claimState(request.claimId);
    const missing = request.amount - headroom(claim, request.costType);
    if (request.costType === "expense" && missing > 0) {
      // Expense payouts are committed against the expense reserve: raise it just enough (the
      // payment releases it again).
      const reserve = claim.reserves?.expense.amount ?? 0;
      setReserve(world, request.claimId, approvedAt, "expense", reserve + missing);
    }
    world.payout(
      payoutId,
      payoutCommand("RequestPayout", approvedAt, {
        payoutId,
        claimId: request.claimId,
        insurerId: "ins-a",
        payee: { kind: "shop", id: "shop-1", name: "Shop One" },
        amount: cny(request.amount),
        costType: request.costType,
        reason: "loss adjustment fee",
        requestedBy: "u-handler",
      }),
    );
  }
  world.payout(
    payoutId,
    payoutCommand("ApprovePayout", approvedAt, { approverId: "u-fin", approverRole: "finance" }),
  );
  world.payout(
    payoutId,
    payoutCommand("IssuePayout", issuedAt, { paymentReference: `ref-${payoutId}` }),
  );
};
