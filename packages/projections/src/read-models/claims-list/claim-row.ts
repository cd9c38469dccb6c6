import type { ClaimEvent, ClaimStatus, Jurisdiction, LineOfBusiness } from "@claimstream/domain";
import type { PaidChange } from "../shared/payout-lookup.js";
import type { RecordsetColumn } from "../shared/recordset-upsert.js";

/**
 * A claims list row as the handler folds it in memory (see `ClaimsListClaimTable`): dates
 * as `YYYY-MM-DD`, instants as ISO 8601 text, money in minor units; `incurred` is generated
 * by the table.
 */
export interface ClaimRow {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly policy_id: string;
  readonly line: LineOfBusiness;
  readonly jurisdiction: Jurisdiction;
  readonly region: string | null;
  readonly loss_region: string;
  readonly loss_date: string;
  readonly status: ClaimStatus;
  readonly adjuster_id: string | null;
  readonly reported_at: string;
  readonly settled_at: string | null;
  readonly closed_at: string | null;
  readonly close_outcome: string | null;
  readonly currency: string;
  readonly reserve_indemnity: number;
  readonly reserve_expense: number;
  readonly paid_indemnity: number;
  readonly paid_expense: number;
  readonly recovered: number;
  readonly fast_track: boolean;
  readonly fraud_review: boolean;
  readonly open_deadlines: number;
  readonly next_deadline_due: string | null;
  readonly reopen_count: number;
  readonly last_position: number;
  readonly last_event_at: string;
}

/** The columns of {@link ClaimRow} with their PostgreSQL types, for `upsertRecordset`. */
export const CLAIM_ROW_COLUMNS: readonly RecordsetColumn[] = [
  ["claim_id", "text"],
  ["insurer_id", "text"],
  ["policy_id", "text"],
  ["line", "text"],
  ["jurisdiction", "text"],
  ["region", "text"],
  ["loss_region", "text"],
  ["loss_date", "date"],
  ["status", "text"],
  ["adjuster_id", "text"],
  ["reported_at", "timestamptz"],
  ["settled_at", "timestamptz"],
  ["closed_at", "timestamptz"],
  ["close_outcome", "text"],
  ["currency", "text"],
  ["reserve_indemnity", "bigint"],
  ["reserve_expense", "bigint"],
  ["paid_indemnity", "bigint"],
  ["paid_expense", "bigint"],
  ["recovered", "bigint"],
  ["fast_track", "boolean"],
  ["fraud_review", "boolean"],
  ["open_deadlines", "integer"],
  ["next_deadline_due", "timestamptz"],
  ["reopen_count", "integer"],
  ["last_position", "bigint"],
  ["last_event_at", "timestamptz"],
];

/** A claim's row as its FNOL creates it; `region` is its policy's, when already known. */
export const registeredClaimRow = (
  id: string,
  event: Extract<ClaimEvent, { type: "ClaimRegistered" }>,
  position: number,
  region: string | null,
): ClaimRow => ({
  claim_id: id,
  insurer_id: event.insurerId,
  policy_id: event.policyId,
  line: event.line,
  jurisdiction: event.jurisdiction,
  region,
  loss_region: event.lossPlace.region,
  loss_date: event.lossDate,
  status: "registered",
  adjuster_id: null,
  reported_at: event.occurredAt,
  settled_at: null,
  closed_at: null,
  close_outcome: null,
  currency: event.currency,
  reserve_indemnity: 0,
  reserve_expense: 0,
  paid_indemnity: 0,
  paid_expense: 0,
  recovered: 0,
  fast_track: false,
  fraud_review: false,
  open_deadlines: 0,
  next_deadline_due: null,
  reopen_count: 0,
  last_position: position,
  last_event_at: event.occurredAt,
});

/**
 * How a claim event (other than FNOL and the deadline events) changes the claim's row (pure).
 * The status follows the Claim aggregate's own `evolveClaim` transitions.
 */
export const evolveClaimRow = (row: ClaimRow, event: ClaimEvent): ClaimRow => {
  switch (event.type) {
    case "CoverageVerified":
      return { ...row, status: "coverage_verified" };
    case "AdjusterAssigned":
      return {
        ...row,
        adjuster_id: event.adjusterId,
        status: row.status === "coverage_verified" ? "in_assessment" : row.status,
      };
    case "DamageAssessed":
      return { ...row, status: "assessed" };
    case "SettlementAgreed":
      return { ...row, status: "settled", settled_at: event.occurredAt };
    case "ClaimDenied":
      return { ...row, status: "denied" };
    case "ClaimClosed":
      return {
        ...row,
        status: "closed",
        closed_at: event.occurredAt,
        close_outcome: event.outcome,
      };
    case "ClaimReopened":
      return {
        ...row,
        status: "in_assessment",
        closed_at: null,
        close_outcome: null,
        reopen_count: row.reopen_count + 1,
      };
    case "ReserveChanged":
      return event.costType === "indemnity"
        ? { ...row, reserve_indemnity: event.balance.amount }
        : { ...row, reserve_expense: event.balance.amount };
    case "RecoveryRecorded":
      return { ...row, recovered: row.recovered + event.amount.amount };
    case "FastTrackApproved":
      return { ...row, fast_track: true };
    case "ReferredToFraudReview":
      return { ...row, fraud_review: true };
    default:
      // Payments are counted from the payout stream (where reversals are); other events only
      // move the row's last position.
      return row;
  }
};

/** A payout's paid change (issued, or reversed) added to its claim's row (pure). */
export const addPaid = (row: ClaimRow, change: PaidChange): ClaimRow =>
  change.costType === "indemnity"
    ? { ...row, paid_indemnity: row.paid_indemnity + change.amount }
    : { ...row, paid_expense: row.paid_expense + change.amount };

/** The row as changed by the event at `position`, which happened at `occurredAt`. */
export const touchClaimRow = (row: ClaimRow, position: number, occurredAt: string): ClaimRow => ({
  ...row,
  last_position: position,
  last_event_at: occurredAt,
});
