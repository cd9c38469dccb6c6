import type { ClaimCommand } from "./claim/commands.js";
import type { ClaimEvent } from "./claim/events.js";
import type { ClaimState } from "./claim/state.js";
import type { PayoutCommand } from "./payout/commands.js";
import type { PayoutEvent } from "./payout/events.js";
import type { PayoutState } from "./payout/state.js";
import type { RepairOrderEvent } from "./repair-order/events.js";
import type { RepairOrderState } from "./repair-order/state.js";
import { systemId } from "./shared/ids.js";

/**
 * One event the process manager reacts to, with the state of its aggregate right after it
 * (the event alone does not always say which claim a payout belongs to).
 */
export type ProcessInput =
  | {
      readonly aggregate: "claim";
      readonly id: string;
      readonly event: ClaimEvent;
      readonly state: ClaimState;
    }
  | {
      readonly aggregate: "repair-order";
      readonly id: string;
      readonly event: RepairOrderEvent;
      readonly state: RepairOrderState;
    }
  | {
      readonly aggregate: "payout";
      readonly id: string;
      readonly event: PayoutEvent;
      readonly state: PayoutState;
    };

/** A command for an aggregate, as the process manager decided it. */
export type ProcessCommand =
  | { readonly aggregate: "claim"; readonly id: string; readonly command: ClaimCommand }
  | { readonly aggregate: "payout"; readonly id: string; readonly command: PayoutCommand };

/** Who the process manager's payout requests name as requester. */
export interface ProcessManagerConfig {
  readonly actorId: string;
}

/** The default: requests are made by `process-manager`. */
export const DEFAULT_PROCESS_MANAGER_CONFIG: ProcessManagerConfig = { actorId: "process-manager" };

/** The payout the process manager requests for a claim's `n`-th cash settlement (1 = first). */
export const settlementPayoutId = (claimId: string, n: number): string =>
  systemId("settlement", claimId, String(n));

/** The payout the process manager requests for a direct-billing repair invoice. */
export const invoicePayoutId = (repairOrderId: string, invoiceNumber: string): string =>
  systemId("invoice", repairOrderId, invoiceNumber);

/**
 * The event types {@link reactToEvent} may answer with commands; every other event causes
 * nothing. A durable reactor reads only these from `$all`.
 */
export const PROCESS_MANAGER_TRIGGERS: readonly string[] = [
  "SettlementAgreed",
  "ClaimPaymentRecorded",
  "RepairOrderInvoiced",
  "PayoutIssued",
  "PayoutRejected",
  "PayoutVoided",
  "RecoveryRecorded",
];

const head = (event: { occurredAt: string }) =>
  ({ schemaVersion: 1, occurredAt: event.occurredAt }) as const;

const onClaimEvent = (
  input: Extract<ProcessInput, { aggregate: "claim" }>,
  config: ProcessManagerConfig,
): ProcessCommand[] => {
  const { event, state, id } = input;
  const facts = state.facts;
  if (!facts) return [];
  const paid = state.paid?.indemnity.amount ?? 0;
  const settlement = state.settlement;
  if (event.type === "SettlementAgreed" && event.method === "cash") {
    const outstanding = event.amount.amount - paid;
    if (outstanding <= 0) return [];
    const payoutId = settlementPayoutId(id, state.reopenCount + 1);
    return [
      {
        aggregate: "payout",
        id: payoutId,
        command: {
          type: "RequestPayout",
          ...head(event),
          payoutId,
          claimId: facts.claimId,
          insurerId: facts.insurerId,
          payee: { kind: "policyholder", id: facts.policyId, name: facts.reporter.name },
          amount: { amount: outstanding, currency: event.amount.currency },
          costType: "indemnity",
          reason: "settlement agreed",
          requestedBy: config.actorId,
        },
      },
    ];
  }
  if (
    event.type === "ClaimPaymentRecorded" &&
    state.status === "settled" &&
    settlement !== null &&
    paid >= settlement.amount.amount
  ) {
    return [
      { aggregate: "claim", id, command: { type: "CloseClaim", ...head(event), outcome: "paid" } },
    ];
  }
  return [];
};

const onRepairOrderEvent = (
  input: Extract<ProcessInput, { aggregate: "repair-order" }>,
  config: ProcessManagerConfig,
): ProcessCommand[] => {
  const { event, state, id } = input;
  if (event.type !== "RepairOrderInvoiced" || state.status === "none" || !state.directBilling)
    return [];
  const payoutId = invoicePayoutId(id, event.invoiceNumber);
  return [
    {
      aggregate: "payout",
      id: payoutId,
      command: {
        type: "RequestPayout",
        ...head(event),
        payoutId,
        claimId: state.claimId,
        insurerId: state.insurerId,
        payee: { kind: "shop", id: state.shopId, name: state.shopId },
        amount: event.amount,
        costType: "indemnity",
        reason: `repair invoice ${event.invoiceNumber}`,
        requestedBy: config.actorId,
      },
    },
  ];
};

const onPayoutEvent = (input: Extract<ProcessInput, { aggregate: "payout" }>): ProcessCommand[] => {
  const { event, state, id } = input;
  if (state.status === "none") return [];
  if (event.type === "PayoutIssued") {
    return [
      {
        aggregate: "claim",
        id: state.claimId,
        command: {
          type: "RecordPayment",
          ...head(event),
          payoutId: id,
          amount: event.amount,
          costType: state.costType,
        },
      },
    ];
  }
  if (event.type === "PayoutRejected" || (event.type === "PayoutVoided" && !event.reversal)) {
    return [
      {
        aggregate: "claim",
        id: state.claimId,
        command: {
          type: "ReleasePayoutCommitment",
          ...head(event),
          payoutId: id,
          reason: event.type === "PayoutRejected" ? "payout rejected" : "payout voided",
        },
      },
    ];
  }
  if (event.type === "PayoutVoided" && event.reversal) {
    return [
      {
        aggregate: "claim",
        id: state.claimId,
        command: { type: "ReversePayment", ...head(event), payoutId: id, reason: event.reason },
      },
    ];
  }
  if (event.type === "RecoveryRecorded") {
    return [
      {
        aggregate: "claim",
        id: state.claimId,
        command: {
          type: "RecordRecovery",
          ...head(event),
          kind: event.kind,
          amount: event.amount,
          payoutId: id,
        },
      },
    ];
  }
  return [];
};

/** A command on the claim that must succeed before a payout command may be decided. */
export interface ClaimGuard {
  readonly aggregate: "claim";
  readonly id: string;
  readonly command: ClaimCommand;
  /** What takes the guard back when the payout command fails after it (`undefined`: nothing). */
  readonly undo?: ClaimCommand;
}

/** The payout commands that have a claim guard ({@link claimGuardOf}). */
export const hasClaimGuard = (type: string): boolean =>
  type === "RequestPayout" || type === "ApprovePayout";

/**
 * The claim is where a payout's money is accounted for, so that limits hold across every
 * payout of the claim, whoever sends them and however concurrently: a payout request is first
 * committed on the claim (`CommitPayout`: indemnity within the settlement, expense within the
 * reserve) and an approval first recorded there (`ApprovePayoutCommitment`: the approver's
 * limit covers the claim's approved total). Both are idempotent; the claim stream's version
 * serialises competing payouts. `undefined`: the command needs no guard.
 *
 * @example
 * ```ts
 * const guard = claimGuardOf(command, payoutState);
 * if (guard) await handle("claim", guard.id, guard.command); // then the payout command
 * ```
 */
export const claimGuardOf = (
  command: PayoutCommand,
  state: PayoutState,
): ClaimGuard | undefined => {
  if (!hasClaimGuard(command.type)) return undefined;
  if (command.type === "RequestPayout") {
    return {
      aggregate: "claim",
      id: command.claimId,
      command: {
        type: "CommitPayout",
        ...head(command),
        payoutId: command.payoutId,
        amount: command.amount,
        costType: command.costType,
      },
      undo: {
        type: "ReleasePayoutCommitment",
        ...head(command),
        payoutId: command.payoutId,
        reason: "the payout request was not recorded",
      },
    };
  }
  // An approval recorded on the claim without its payout's stays: it only makes later
  // approvals on the claim stricter, and a retry of the approval finds it (idempotent).
  if (command.type === "ApprovePayout" && state.status !== "none") {
    return {
      aggregate: "claim",
      id: state.claimId,
      command: {
        type: "ApprovePayoutCommitment",
        ...head(command),
        payoutId: state.payoutId,
        approverId: command.approverId,
        approverRole: command.approverRole,
      },
    };
  }
  return undefined;
};

/**
 * The process manager linking claim, repair order and payout (pure: event in, commands out).
 *
 * - a cash settlement agreed on a claim → a payout of what is still unpaid, to the policyholder;
 * - a direct-billing repair order invoiced → a payout to the shop;
 * - a payout issued → the claim records the payment; reversed → the claim takes it back;
 *   rejected or voided before issue → the claim releases its commitment;
 *   a recovery → the claim records it;
 * - a settled claim whose indemnity is fully paid → the claim closes as paid.
 *
 * Command ids are derived from the event's aggregate, so running the same event twice yields
 * the same commands: the creation commands are refused the second time (`*.already_exists`).
 *
 * @example
 * ```ts
 * for (const out of reactToEvent({ aggregate: "payout", id: "PO-1", event, state })) {
 *   await handle(out.aggregate, out.id, out.command);
 * }
 * ```
 */
export const reactToEvent = (
  input: ProcessInput,
  config: ProcessManagerConfig = DEFAULT_PROCESS_MANAGER_CONFIG,
): ProcessCommand[] => {
  switch (input.aggregate) {
    case "claim":
      return onClaimEvent(input, config);
    case "repair-order":
      return onRepairOrderEvent(input, config);
    case "payout":
      return onPayoutEvent(input);
  }
};
