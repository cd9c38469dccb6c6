import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { type DomainError, domainError } from "../shared/errors.js";
import { type Money, NonNegativeMoneySchema } from "../shared/money.js";
import { type Role, RoleSchema } from "../shared/vocabulary.js";

/**
 * How much one role may approve: `"unlimited"`, or a maximum per currency (inclusive).
 * A currency that is not listed cannot be approved by that role at all.
 */
export const RoleApprovalLimitSchema = z.union([
  z.literal("unlimited"),
  z
    .array(NonNegativeMoneySchema)
    .refine((maxima) => new Set(maxima.map((m) => m.currency)).size === maxima.length, {
      message: "one maximum per currency",
    }),
]);
export type RoleApprovalLimit = z.infer<typeof RoleApprovalLimitSchema>;

/**
 * Approval limits by role. A role that is not listed cannot approve payouts. Insurers
 * override the defaults per contract; validate their configuration with this schema.
 */
export const ApprovalLimitsSchema = z.partialRecord(RoleSchema, RoleApprovalLimitSchema);
export type ApprovalLimits = z.infer<typeof ApprovalLimitsSchema>;

const major = (units: number, currency: string): Money => ({ amount: units * 100, currency });

/**
 * The default limits: handler 50,000, adjuster 20,000, finance 200,000, finance manager
 * 2,000,000 (CNY; RUB and USD at round equivalents), admin unlimited. Analysts, auditors,
 * integrators and shops cannot approve.
 */
export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = {
  handler: [major(50_000, "CNY"), major(500_000, "RUB"), major(7_000, "USD")],
  adjuster: [major(20_000, "CNY"), major(200_000, "RUB"), major(3_000, "USD")],
  finance: [major(200_000, "CNY"), major(2_000_000, "RUB"), major(30_000, "USD")],
  finance_manager: [major(2_000_000, "CNY"), major(20_000_000, "RUB"), major(300_000, "USD")],
  admin: "unlimited",
};

/**
 * Checks that `role` may approve `amount` under `limits`.
 *
 * - the role has no entry → `payout.role_cannot_approve` with details `{ role }`;
 * - the amount is above the role's maximum for its currency, or the role has no maximum in
 *   that currency → `payout.approval_limit_exceeded` with details `{ limit, amount, role }`
 *   (`limit` is `null` when the currency is not configured).
 *
 * @example
 * ```ts
 * checkApprovalLimit("handler", money(4_000_000, "CNY"), DEFAULT_APPROVAL_LIMITS); // E.right(undefined)
 * checkApprovalLimit("adjuster", money(4_000_000, "CNY"), DEFAULT_APPROVAL_LIMITS);
 * // E.left({ code: "payout.approval_limit_exceeded", details: { limit: { amount: 2000000, … }, … } })
 * ```
 */
export const checkApprovalLimit = (
  role: Role,
  amount: Money,
  limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS,
): E.Either<DomainError, void> => {
  const roleLimit = limits[role];
  if (roleLimit === undefined) {
    return E.left(
      domainError("payout.role_cannot_approve", `The role ${role} cannot approve payouts`, {
        role,
      }),
    );
  }
  if (roleLimit === "unlimited") return E.right(undefined);
  const limit = roleLimit.find((max) => max.currency === amount.currency) ?? null;
  if (limit !== null && amount.amount <= limit.amount) return E.right(undefined);
  const why =
    limit === null ? `has no approval limit in ${amount.currency}` : "may not approve this much";
  return E.left(
    domainError("payout.approval_limit_exceeded", `The role ${role} ${why}`, {
      limit,
      amount,
      role,
    }),
  );
};
