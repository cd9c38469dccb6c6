import type { ClaimEvent, CostType, LineOfBusiness, PolicyEvent } from "@claimstream/domain";
import type { PaidChange } from "../shared/payout-lookup.js";
import type { RecordsetColumn } from "../shared/recordset-upsert.js";

/**
 * The loss fact rows as a set-based handler builds them in memory: dates as `YYYY-MM-DD`,
 * instants as ISO 8601 text, money in minor units.
 */
export interface ClaimFactRow {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly policy_id: string;
  readonly line: LineOfBusiness;
  readonly loss_date: string;
  readonly currency: string;
  readonly reported_at: string;
}

/** A policy's premium facts (see `PolicyFactTable`). */
export interface PolicyFactRow {
  readonly policy_id: string;
  readonly insurer_id: string;
  readonly line: LineOfBusiness;
  readonly region: string;
  readonly start_date: string;
  readonly end_date: string;
  readonly written_premium: number;
  readonly currency: string;
  readonly issued_at: string;
  readonly cancelled_from: string | null;
  readonly cancelled_at: string | null;
}

/** A dated paid movement (see `PaidMovementTable`). */
export interface PaidMovementRow {
  readonly position: number;
  readonly claim_id: string;
  readonly cost_type: CostType;
  readonly kind: "payment" | "reversal" | "recovery";
  readonly amount: number;
  readonly currency: string;
  readonly occurred_at: string;
  readonly payout_id: string | null;
}

/** A dated reserve movement (see `ReserveMovementTable`). */
export interface ReserveMovementRow {
  readonly position: number;
  readonly claim_id: string;
  readonly cost_type: CostType;
  readonly delta: number;
  readonly balance: number;
  readonly currency: string;
  readonly occurred_at: string;
}

/** The facts one claim event adds, keyed by the table they go to. */
export type ClaimFact =
  | { readonly table: "claims"; readonly row: ClaimFactRow }
  | { readonly table: "reserve_movements"; readonly row: ReserveMovementRow }
  | { readonly table: "paid_movements"; readonly row: PaidMovementRow };

/**
 * The fact a claim event records (pure): the claim itself at FNOL, a reserve movement, or a
 * recovery (a negative indemnity paid movement); nothing for the other claim events.
 */
export const claimFact = (
  id: string,
  event: ClaimEvent,
  position: number,
): ClaimFact | undefined => {
  switch (event.type) {
    case "ClaimRegistered":
      return {
        table: "claims",
        row: {
          claim_id: id,
          insurer_id: event.insurerId,
          policy_id: event.policyId,
          line: event.line,
          loss_date: event.lossDate,
          currency: event.currency,
          reported_at: event.occurredAt,
        },
      };
    case "ReserveChanged":
      return {
        table: "reserve_movements",
        row: {
          position,
          claim_id: id,
          cost_type: event.costType,
          delta: event.delta.amount,
          balance: event.balance.amount,
          currency: event.balance.currency,
          occurred_at: event.occurredAt,
        },
      };
    case "RecoveryRecorded":
      return {
        table: "paid_movements",
        row: {
          position,
          claim_id: id,
          cost_type: "indemnity",
          kind: "recovery",
          amount: -event.amount.amount,
          currency: event.amount.currency,
          occurred_at: event.occurredAt,
          payout_id: event.payoutId ?? null,
        },
      };
    default:
      return undefined;
  }
};

/** The paid movement of a payout event's {@link PaidChange}. */
export const payoutMovement = (
  change: PaidChange,
  payoutId: string,
  position: number,
  occurredAt: string,
): PaidMovementRow => ({
  position,
  claim_id: change.claimId,
  cost_type: change.costType,
  kind: change.kind,
  amount: change.amount,
  currency: change.currency,
  occurred_at: occurredAt,
  payout_id: payoutId,
});

/**
 * How a policy event changes its premium facts (pure): `PolicyIssued` records the policy
 * (first one wins), `PolicyCancelled` dates the cancellation of a known policy.
 */
export const stepPolicyFact = (
  row: PolicyFactRow | undefined,
  id: string,
  event: PolicyEvent,
): PolicyFactRow | undefined => {
  if (event.type === "PolicyIssued") {
    return (
      row ?? {
        policy_id: id,
        insurer_id: event.insurerId,
        line: event.line,
        region: event.region,
        start_date: event.startDate,
        end_date: event.endDate,
        written_premium: event.writtenPremium.amount,
        currency: event.writtenPremium.currency,
        issued_at: event.occurredAt,
        cancelled_from: null,
        cancelled_at: null,
      }
    );
  }
  if (event.type === "PolicyCancelled" && row !== undefined) {
    return { ...row, cancelled_from: event.cancelledFrom, cancelled_at: event.occurredAt };
  }
  return row;
};

/** The columns of each loss fact table, for `upsertRecordset`. */
export const LOSS_FACT_COLUMNS = {
  claims: [
    ["claim_id", "text"],
    ["insurer_id", "text"],
    ["policy_id", "text"],
    ["line", "text"],
    ["loss_date", "date"],
    ["currency", "text"],
    ["reported_at", "timestamptz"],
  ],
  policies: [
    ["policy_id", "text"],
    ["insurer_id", "text"],
    ["line", "text"],
    ["region", "text"],
    ["start_date", "date"],
    ["end_date", "date"],
    ["written_premium", "bigint"],
    ["currency", "text"],
    ["issued_at", "timestamptz"],
    ["cancelled_from", "date"],
    ["cancelled_at", "timestamptz"],
  ],
  paid_movements: [
    ["position", "bigint"],
    ["claim_id", "text"],
    ["cost_type", "text"],
    ["kind", "text"],
    ["amount", "bigint"],
    ["currency", "text"],
    ["occurred_at", "timestamptz"],
    ["payout_id", "text"],
  ],
  reserve_movements: [
    ["position", "bigint"],
    ["claim_id", "text"],
    ["cost_type", "text"],
    ["delta", "bigint"],
    ["balance", "bigint"],
    ["currency", "text"],
    ["occurred_at", "timestamptz"],
  ],
} as const satisfies Record<string, readonly RecordsetColumn[]>;
