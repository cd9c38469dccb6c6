import type { ClaimEvent } from "@claimstream/domain";
import { sql, type UpdateObject } from "kysely";
import type { ClaimsListTables } from "./schema.js";

/** Column changes of a claim row. */
export type ClaimRowChanges = UpdateObject<ClaimsListTables, "claims">;

/**
 * How a claim event (other than FNOL and the deadline events) changes the claim's row. The
 * status follows the Claim aggregate's own `evolveClaim` transitions.
 */
export const claimRowChanges = (event: ClaimEvent): ClaimRowChanges => {
  switch (event.type) {
    case "CoverageVerified":
      return { status: "coverage_verified" };
    case "AdjusterAssigned":
      return {
        adjuster_id: event.adjusterId,
        status: sql`case when status = 'coverage_verified' then 'in_assessment' else status end`,
      };
    case "DamageAssessed":
      return { status: "assessed" };
    case "SettlementAgreed":
      return { status: "settled", settled_at: event.occurredAt };
    case "ClaimDenied":
      return { status: "denied" };
    case "ClaimClosed":
      return { status: "closed", closed_at: event.occurredAt, close_outcome: event.outcome };
    case "ClaimReopened":
      return {
        status: "in_assessment",
        closed_at: null,
        close_outcome: null,
        reopen_count: sql`reopen_count + 1`,
      };
    case "ReserveChanged":
      return event.costType === "indemnity"
        ? { reserve_indemnity: event.balance.amount }
        : { reserve_expense: event.balance.amount };
    case "RecoveryRecorded":
      return { recovered: sql`recovered + ${event.amount.amount}` };
    case "FastTrackApproved":
      return { fast_track: true };
    case "ReferredToFraudReview":
      return { fraud_review: true };
    default:
      // Payments are counted from the payout stream (where reversals are); other events only
      // move the row's last position.
      return {};
  }
};
