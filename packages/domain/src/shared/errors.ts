/**
 * Every error the domain can return, keyed by a stable string `code`.
 *
 * Codes are part of the public contract: the API maps them to RFC 9457
 * problem types and clients switch on them. Add codes; never rename them.
 */
export const DOMAIN_ERROR_CODES = [
  "validation.invalid_command",
  "money.currency_mismatch",
  "money.negative_amount",
  "claim.not_found",
  "claim.already_exists",
  "claim.invalid_transition",
  "claim.closed",
  "claim.document_not_requested",
  "claim.reserve_negative",
  "claim.supplement_not_found",
  "claim.deadline_not_found",
  "claim.deadline_not_due",
  "claim.deadline_not_open",
  "claim.invalid_rating",
  "claim.payment_exceeds_settlement",
  "claim.payment_already_recorded",
  "claim.payment_not_found",
  "claim.recovery_exceeds_paid",
  "claim.settlement_below_paid",
  "claim.not_fully_paid",
  "claim.payout_exceeds_authority",
  "claim.payout_already_committed",
  "claim.payout_not_committed",
  "claim.reserve_below_committed",
  "claim.payouts_outstanding",
  "coverage.policy_not_in_force",
  "coverage.object_mismatch",
  "coverage.outside_territory",
  "coverage.peril_not_covered",
  "coverage.policy_mismatch",
  "policy.not_found",
  "policy.already_exists",
  "policy.invalid_period",
  "policy.cancelled",
  "policy.invalid_transition",
  "policy.date_outside_period",
  "policy.refund_exceeds_premium",
  "repair_order.not_found",
  "repair_order.already_exists",
  "repair_order.invalid_transition",
  "repair_order.parts_not_ordered",
  "repair_order.duplicate_reference",
  "repair_order.not_direct_billing",
  "payout.not_found",
  "payout.already_exists",
  "payout.invalid_transition",
  "payout.approval_limit_exceeded",
  "payout.role_cannot_approve",
  "payout.self_approval",
  "payout.recovery_exceeds_paid",
  "payout.reversal_after_recovery",
  "assignment.no_eligible_adjuster",
  "calendar.unknown_jurisdiction",
  "calendar.out_of_range",
  "calendar.invalid_day_count",
  "calendar.invalid_extension",
  "deadline.invalid_rule",
] as const;

/** A stable, machine-readable error code. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * A business rule said no. Returned as a value (`Either.left`), never thrown.
 *
 * @example
 * ```ts
 * const err = domainError("claim.invalid_transition", "Cannot close an open claim", { status: "registered" });
 * err.code; // "claim.invalid_transition"
 * ```
 */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Builds a {@link DomainError}. */
export const domainError = (
  code: DomainErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError => (details === undefined ? { code, message } : { code, message, details });

/** Type guard: is this value a {@link DomainError}? */
export const isDomainError = (value: unknown): value is DomainError =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { code?: unknown }).code === "string" &&
  (DOMAIN_ERROR_CODES as readonly string[]).includes((value as { code: string }).code) &&
  typeof (value as { message?: unknown }).message === "string";
