import type { DomainError, DomainErrorCode } from "@claimstream/domain";
import { HttpProblem } from "./problem.js";

const NOT_FOUND = 404;
const CONFLICT = 409;
const UNPROCESSABLE = 422;
const FORBIDDEN = 403;
const BAD_REQUEST = 400;

/**
 * HTTP status per domain error code. Exhaustive on purpose: a new domain code fails the build
 * until it is given a status here (and a row in docs/api.md).
 *
 * - 404: the aggregate does not exist (or is outside the caller's insurer);
 * - 409: the command does not fit the aggregate's current state (retrying later may succeed);
 * - 403: the actor lacks the authority (approval limits, self-approval);
 * - 422: the command is well-formed but breaks a business rule;
 * - 400: the command is invalid as such.
 */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  "validation.invalid_command": BAD_REQUEST,
  "money.currency_mismatch": UNPROCESSABLE,
  "money.negative_amount": UNPROCESSABLE,
  "claim.not_found": NOT_FOUND,
  "claim.already_exists": CONFLICT,
  "claim.invalid_transition": CONFLICT,
  "claim.closed": CONFLICT,
  "claim.document_not_requested": UNPROCESSABLE,
  "claim.reserve_negative": UNPROCESSABLE,
  "claim.supplement_not_found": UNPROCESSABLE,
  "claim.deadline_not_found": UNPROCESSABLE,
  "claim.deadline_not_due": CONFLICT,
  "claim.deadline_not_open": CONFLICT,
  "claim.invalid_rating": UNPROCESSABLE,
  "claim.payment_exceeds_settlement": UNPROCESSABLE,
  "claim.payment_already_recorded": CONFLICT,
  "claim.recovery_exceeds_paid": UNPROCESSABLE,
  "claim.settlement_below_paid": UNPROCESSABLE,
  "claim.not_fully_paid": CONFLICT,
  "claim.payment_not_found": UNPROCESSABLE,
  "claim.payout_exceeds_authority": UNPROCESSABLE,
  "claim.payout_already_committed": CONFLICT,
  "claim.payout_not_committed": UNPROCESSABLE,
  "claim.reserve_below_committed": UNPROCESSABLE,
  "claim.payouts_outstanding": CONFLICT,
  "coverage.policy_not_in_force": UNPROCESSABLE,
  "coverage.object_mismatch": UNPROCESSABLE,
  "coverage.outside_territory": UNPROCESSABLE,
  "coverage.peril_not_covered": UNPROCESSABLE,
  "coverage.policy_mismatch": UNPROCESSABLE,
  "policy.not_found": NOT_FOUND,
  "policy.already_exists": CONFLICT,
  "policy.invalid_period": UNPROCESSABLE,
  "policy.cancelled": CONFLICT,
  "policy.invalid_transition": CONFLICT,
  "policy.date_outside_period": UNPROCESSABLE,
  "policy.refund_exceeds_premium": UNPROCESSABLE,
  "repair_order.not_found": NOT_FOUND,
  "repair_order.already_exists": CONFLICT,
  "repair_order.invalid_transition": CONFLICT,
  "repair_order.parts_not_ordered": CONFLICT,
  "repair_order.duplicate_reference": CONFLICT,
  "repair_order.not_direct_billing": UNPROCESSABLE,
  "payout.not_found": NOT_FOUND,
  "payout.already_exists": CONFLICT,
  "payout.invalid_transition": CONFLICT,
  "payout.approval_limit_exceeded": FORBIDDEN,
  "payout.role_cannot_approve": FORBIDDEN,
  "payout.self_approval": FORBIDDEN,
  "payout.recovery_exceeds_paid": UNPROCESSABLE,
  "payout.reversal_after_recovery": CONFLICT,
  "assignment.no_eligible_adjuster": UNPROCESSABLE,
  "calendar.unknown_jurisdiction": UNPROCESSABLE,
  "calendar.out_of_range": UNPROCESSABLE,
  "calendar.invalid_day_count": UNPROCESSABLE,
  "calendar.invalid_extension": UNPROCESSABLE,
  "deadline.invalid_rule": UNPROCESSABLE,
};

const TITLES: Readonly<Record<number, string>> = {
  [BAD_REQUEST]: "Invalid command",
  [FORBIDDEN]: "Not within the actor's authority",
  [NOT_FOUND]: "Not found",
  [CONFLICT]: "Conflicts with the current state",
  [UNPROCESSABLE]: "Breaks a business rule",
};

/**
 * The problem for a domain error: its code, message and details, with the status of
 * {@link DOMAIN_ERROR_STATUS}.
 *
 * @example
 * ```ts
 * problemOfDomainError(domainError("claim.closed", "The claim is closed")).statusCode; // 409
 * ```
 */
export const problemOfDomainError = (error: DomainError): HttpProblem => {
  const status = DOMAIN_ERROR_STATUS[error.code];
  const extensions = error.details === undefined ? {} : { details: error.details };
  return new HttpProblem(
    status,
    error.code,
    TITLES[status] ?? "Rejected",
    error.message,
    extensions,
  );
};
