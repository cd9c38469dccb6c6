/**
 * Scripted histories for the operations read models (adjuster workload, time to settle, SLA
 * compliance, insurer scorecard, shop workload, customer): commands run through the real
 * deciders, their events recorded in global order as the store would return them.
 */
import {
  type ClaimCommand,
  type ClaimState,
  claimDecider,
  type Decider,
  type PayoutCommand,
  type PayoutState,
  type PolicySnapshot,
  payoutDecider,
  type RepairOrderCommand,
  type RepairOrderState,
  repairOrderDecider,
} from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import * as E from "fp-ts/lib/Either.js";
import { type DomainEventLike, EventLog } from "./recorded-events.js";

/** Monday 2 March 2026, 09:00 UTC: day 0 of every scripted history. */
export const T0 = "2026-03-02T09:00:00.000Z";

/** The instant `days` (and `hours`) after {@link T0}. */
export const at = (days: number, hours = 0): string =>
  new Date(Date.parse(T0) + days * 86_400_000 + hours * 3_600_000).toISOString();

/** `amount` minor units of CNY. */
export const cny = (amount: number) => ({ amount, currency: "CNY" });

type CommandOf<C extends { type: string }, T extends C["type"]> = Extract<C, { type: T }>;
type Fields<C> = Omit<C, "type" | "schemaVersion" | "occurredAt">;

/** A claim command of `type` at `occurredAt`. */
export const claimCommand = <T extends ClaimCommand["type"]>(
  type: T,
  occurredAt: string,
  fields: Fields<CommandOf<ClaimCommand, T>>,
): ClaimCommand => ({ type, schemaVersion: 1, occurredAt, ...fields }) as ClaimCommand;

/**
 * A payment recorded on a claim the way the system records one: the payout committed on the
 * claim, approved (by finance), then recorded as paid, all at `occurredAt`.
 */
export const paymentOnClaim = (
  occurredAt: string,
  fields: Fields<CommandOf<ClaimCommand, "RecordPayment">>,
): ClaimCommand[] => [
  claimCommand("CommitPayout", occurredAt, fields),
  claimCommand("ApprovePayoutCommitment", occurredAt, {
    payoutId: fields.payoutId,
    approverId: "u-fin",
    approverRole: "finance",
  }),
  claimCommand("RecordPayment", occurredAt, fields),
];

/** A repair order command of `type` at `occurredAt`. */
export const repairCommand = <T extends RepairOrderCommand["type"]>(
  type: T,
  occurredAt: string,
  fields: Fields<CommandOf<RepairOrderCommand, T>>,
): RepairOrderCommand => ({ type, schemaVersion: 1, occurredAt, ...fields }) as RepairOrderCommand;

/** A payout command of `type` at `occurredAt`. */
export const payoutCommand = <T extends PayoutCommand["type"]>(
  type: T,
  occurredAt: string,
  fields: Fields<CommandOf<PayoutCommand, T>>,
): PayoutCommand => ({ type, schemaVersion: 1, occurredAt, ...fields }) as PayoutCommand;

/** What varies between the claims of a scripted history. */
export interface ClaimScript {
  readonly claimId: string;
  readonly insurerId?: string;
  readonly line?: "motor_own_damage" | "motor_liability";
  readonly jurisdiction?: "CN" | "US-CA";
  readonly reportedAt: string;
  /** The FNOL estimate in fen; 3,000.00 CNY when absent. */
  readonly estimate?: number;
}

/** FNOL for a vehicle claim in CNY. */
export const registerClaim = (script: ClaimScript): ClaimCommand =>
  claimCommand("RegisterClaim", script.reportedAt, {
    claimId: script.claimId,
    policyId: `P-${script.claimId}`,
    insurerId: script.insurerId ?? "ins-a",
    line: script.line ?? "motor_own_damage",
    jurisdiction: script.jurisdiction ?? "CN",
    currency: "CNY",
    lossDate: new Date(Date.parse(script.reportedAt) - 86_400_000).toISOString().slice(0, 10),
    lossPlace: { country: script.jurisdiction === "US-CA" ? "US" : "CN", region: "Shanghai" },
    peril: "collision",
    description: "Rear-ended at a traffic light",
    channel: "partner_api",
    reporter: { name: "Li Wei" },
    insuredObject: { vin: "LSVAU2180N2183294" },
    estimatedAmount: cny(script.estimate ?? 300_000),
  });

/** The policy snapshot that covers {@link registerClaim}'s loss. */
export const coveringPolicy = (script: ClaimScript): PolicySnapshot => ({
  policyId: `P-${script.claimId}`,
  insurerId: script.insurerId ?? "ins-a",
  line: script.line ?? "motor_own_damage",
  jurisdiction: script.jurisdiction ?? "CN",
  insuredObject: { kind: "vehicle", vin: "LSVAU2180N2183294" },
  startDate: "2025-01-01",
  endDate: "2026-12-31",
  cancelledFrom: null,
  territory: { countries: [script.jurisdiction === "US-CA" ? "US" : "CN"] },
  perils: ["collision"],
  sumInsured: cny(20_000_000),
  deductible: cny(100_000),
});

/** FNOL then coverage verified one hour later. */
export const openClaim = (script: ClaimScript): ClaimCommand[] => [
  registerClaim(script),
  claimCommand("VerifyCoverage", hoursAfter(script.reportedAt, 1), {
    policy: coveringPolicy(script),
  }),
];

/** `hours` after an instant. */
export const hoursAfter = (instant: string, hours: number): string =>
  new Date(Date.parse(instant) + hours * 3_600_000).toISOString();

/** Damage assessed as one part line of `amount` fen. */
export const assessDamage = (occurredAt: string, amount: number): ClaimCommand =>
  claimCommand("AssessDamage", occurredAt, {
    lines: [{ kind: "part", description: "Rear bumper", amount: cny(amount) }],
  });

class Aggregates<C, Ev extends DomainEventLike, S> {
  private readonly states = new Map<string, S>();

  constructor(
    private readonly decider: Decider<C, Ev, S>,
    private readonly streamOf: (id: string) => string,
    private readonly log: EventLog,
  ) {}

  /** Decides and records; `undefined` (nothing recorded) when the decider refuses. */
  tryDecide(id: string, command: C): readonly Ev[] | undefined {
    const state = this.states.get(id) ?? this.decider.initialState;
    const result = this.decider.decide(command, state);
    if (E.isLeft(result)) return undefined;
    this.states.set(id, result.right.reduce(this.decider.evolve, state));
    this.log.append(this.streamOf(id), result.right);
    return result.right;
  }

  decide(id: string, command: C): readonly Ev[] {
    const state = this.states.get(id) ?? this.decider.initialState;
    const result = this.decider.decide(command, state);
    if (E.isLeft(result)) {
      const { code, message } = result.left;
      throw new Error(
        `${this.streamOf(id)} refused ${JSON.stringify(command)}: ${code} ${message}`,
      );
    }
    return this.tryDecide(id, command) ?? [];
  }

  state(id: string): S {
    return this.states.get(id) ?? this.decider.initialState;
  }
}

/**
 * A history built by running commands through the real deciders; the events land in one
 * {@link EventLog} in the order the commands ran.
 *
 * @example
 * ```ts
 * const history = new DecidedHistory();
 * history.claim("C-1", ...openClaim({ claimId: "C-1", reportedAt: T0 }));
 * await applyProjection(db, adjusterWorkloadProjection, history.events);
 * ```
 */
export class DecidedHistory {
  readonly log = new EventLog();
  readonly claims = new Aggregates(claimDecider, (id) => `claim-${id}`, this.log);
  readonly repairOrders = new Aggregates(
    repairOrderDecider,
    (id) => `repair-order-${id}`,
    this.log,
  );
  readonly payouts = new Aggregates(payoutDecider, (id) => `payout-${id}`, this.log);

  get events(): RecordedEvent[] {
    return this.log.events;
  }

  /** Runs claim commands in order; throws on the first refusal. */
  claim(claimId: string, ...commands: readonly ClaimCommand[]): this {
    for (const command of commands) this.claims.decide(claimId, command);
    return this;
  }

  /** Runs repair order commands in order; throws on the first refusal. */
  repairOrder(repairOrderId: string, ...commands: readonly RepairOrderCommand[]): this {
    for (const command of commands) this.repairOrders.decide(repairOrderId, command);
    return this;
  }

  /** Runs payout commands in order; throws on the first refusal. */
  payout(payoutId: string, ...commands: readonly PayoutCommand[]): this {
    for (const command of commands) this.payouts.decide(payoutId, command);
    return this;
  }

  claimState(claimId: string): ClaimState {
    return this.claims.state(claimId);
  }

  repairOrderState(repairOrderId: string): RepairOrderState {
    return this.repairOrders.state(repairOrderId);
  }

  payoutState(payoutId: string): PayoutState {
    return this.payouts.state(payoutId);
  }
}

/**
 * A payout requested, approved by an admin and issued: `PayoutRequested`, `PayoutApproved`,
 * `PayoutIssued`, the last at `issuedAt`.
 */
export const issuedPayout = (options: {
  readonly payoutId: string;
  readonly claimId: string;
  readonly insurerId?: string;
  readonly payee: { readonly kind: "policyholder" | "shop"; readonly id: string };
  readonly amount: number;
  readonly requestedAt: string;
  readonly issuedAt: string;
}): PayoutCommand[] => [
  payoutCommand("RequestPayout", options.requestedAt, {
    payoutId: options.payoutId,
    claimId: options.claimId,
    insurerId: options.insurerId ?? "ins-a",
    payee: { ...options.payee, name: options.payee.id },
    amount: cny(options.amount),
    costType: "indemnity",
    reason: "settlement",
    requestedBy: "u-1",
  }),
  payoutCommand("ApprovePayout", options.requestedAt, { approverId: "u-2", approverRole: "admin" }),
  payoutCommand("IssuePayout", options.issuedAt, { paymentReference: `BANK-${options.payoutId}` }),
];
