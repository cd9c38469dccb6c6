/**
 * Claim test fixtures: a valid FNOL, a matching policy snapshot and a tiny given/when helper.
 * Test-only: excluded from the build.
 */
import * as E from "fp-ts/lib/Either.js";
import type { PolicySnapshot } from "../../policy/snapshot.js";
import { foldEvents } from "../../shared/decider.js";
import type { DomainError } from "../../shared/errors.js";
import type { ClaimCommand, ClaimCommandOf } from "../commands.js";
import { claimDecider } from "../decide.js";
import type { ClaimEvent } from "../events.js";
import type { ClaimState } from "../state.js";

export const T0 = "2026-03-02T09:00:00.000Z";

/** An instant `days` (and `hours`) after T0. */
export const at = (days: number, hours = 0): string =>
  new Date(Date.parse(T0) + days * 86_400_000 + hours * 3_600_000).toISOString();

export const policy: PolicySnapshot = {
  policyId: "P-1",
  insurerId: "ins-a",
  line: "motor_own_damage",
  jurisdiction: "CN",
  insuredObject: { kind: "vehicle", vin: "LSVAU2180N2183294", plate: "沪A12345" },
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  cancelledFrom: null,
  territory: { countries: ["CN"] },
  perils: ["collision", "glass", "theft"],
  sumInsured: { amount: 20_000_000, currency: "CNY" },
  deductible: { amount: 100_000, currency: "CNY" },
};

export const register = (
  overrides: Partial<ClaimCommandOf<"RegisterClaim">> = {},
): ClaimCommandOf<"RegisterClaim"> => ({
  type: "RegisterClaim",
  schemaVersion: 1,
  occurredAt: T0,
  claimId: "C-1",
  policyId: "P-1",
  insurerId: "ins-a",
  line: "motor_own_damage",
  jurisdiction: "CN",
  currency: "CNY",
  lossDate: "2026-02-28",
  lossPlace: { country: "CN", region: "Shanghai" },
  peril: "collision",
  description: "Rear-ended at a traffic light on Yan'an Road, bumper and boot lid damaged",
  channel: "partner_api",
  referralNumber: "REF-77",
  reporter: { name: "Li Wei", phone: "+86 138 0000 0000" },
  insuredObject: { vin: "LSVAU2180N2183294" },
  estimatedAmount: { amount: 300_000, currency: "CNY" },
  ...overrides,
});

/** A command of `type` stamped at `occurredAt` (defaults to one day after T0). */
export const cmd = <T extends ClaimCommand["type"]>(
  type: T,
  fields: Omit<ClaimCommandOf<T>, "type" | "schemaVersion" | "occurredAt"> & {
    occurredAt?: string;
  },
): ClaimCommandOf<T> =>
  ({ type, schemaVersion: 1, occurredAt: at(1), ...fields }) as unknown as ClaimCommandOf<T>;

/** Runs commands in order; stops at the first refusal. */
export const run = (
  commands: readonly ClaimCommand[],
  decider = claimDecider,
): { state: ClaimState; events: ClaimEvent[]; error: DomainError | null } => {
  const events: ClaimEvent[] = [];
  let state = decider.initialState;
  for (const command of commands) {
    const result = decider.decide(command, state);
    if (E.isLeft(result)) return { state, events, error: result.left };
    events.push(...result.right);
    state = foldEvents(decider, events);
  }
  return { state, events, error: null };
};

/** The commands that take a claim to an agreed cash settlement of `amount` fen. */
export const toSettlement = (amount = 280_000): ClaimCommand[] => [
  register(),
  cmd("VerifyCoverage", { policy, occurredAt: at(0, 1) }),
  cmd("AssignAdjuster", { adjusterId: "adj-1", occurredAt: at(0, 2) }),
  cmd("SetReserve", {
    costType: "indemnity",
    balance: { amount: 300_000, currency: "CNY" },
    occurredAt: at(0, 3),
  }),
  cmd("AssessDamage", {
    lines: [
      { kind: "part", description: "Rear bumper", amount: { amount: 180_000, currency: "CNY" } },
      {
        kind: "labour",
        description: "Fit and paint",
        amount: { amount: 100_000, currency: "CNY" },
      },
    ],
    occurredAt: at(2),
  }),
  cmd("AgreeSettlement", {
    amount: { amount, currency: "CNY" },
    method: "cash",
    occurredAt: at(3),
  }),
];

/**
 * A payout paid out on the claim as the system records it: committed, approved by finance,
 * then recorded as paid (at `occurredAt`, default one day after T0).
 */
export const paidOut = (
  payoutId: string,
  amount: { amount: number; currency: string },
  costType: "indemnity" | "expense" = "indemnity",
  occurredAt = at(1),
): ClaimCommand[] => [
  cmd("CommitPayout", { payoutId, amount, costType, occurredAt }),
  cmd("ApprovePayoutCommitment", {
    payoutId,
    approverId: "finance-1",
    approverRole: "finance",
    occurredAt,
  }),
  cmd("RecordPayment", { payoutId, amount, costType, occurredAt }),
];

/** The `type`s of events, for compact assertions. */
export const types = (events: readonly ClaimEvent[]): string[] => events.map((e) => e.type);
