import { checkApprovalLimit, type Money, type Role } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import type { DemoInsurer } from "./seed-catalog.js";

/**
 * An amount given in CNY major units, scaled to the insurer's currency, rounded to its step
 * and expressed in minor units. Never below one rounding step.
 */
export const scaledMoney = (insurer: DemoInsurer, cnyMajor: number): Money => {
  const major = Math.max(
    insurer.roundTo,
    Math.round((cnyMajor * insurer.perCny) / insurer.roundTo) * insurer.roundTo,
  );
  return { amount: major * 100, currency: insurer.currency };
};

/** `amount` in the currency of `like`. */
export const moneyLike = (like: Money, amount: number): Money => ({
  amount,
  currency: like.currency,
});

/**
 * Splits `total` minor units by `shares` (fractions summing to about 1) into whole minor
 * units that add up to `total` exactly; the last part takes the rounding remainder.
 */
export const splitAmount = (total: number, shares: readonly number[]): number[] => {
  const parts = shares.slice(0, -1).map((share) => Math.floor(total * share));
  return [...parts, total - parts.reduce((sum, part) => sum + part, 0)];
};

const APPROVER_ROLES: readonly Role[] = ["handler", "finance", "finance_manager", "admin"];

/**
 * The most junior role allowed to approve `amount` under the default approval limits, and the
 * user of the insurer's finance team holding it (never the process manager, the requester).
 */
export const approverFor = (
  insurer: DemoInsurer,
  amount: Money,
): { readonly approverId: string; readonly approverRole: Role } => {
  const role =
    APPROVER_ROLES.find((candidate) => E.isRight(checkApprovalLimit(candidate, amount))) ?? "admin";
  return {
    approverId: `${role.replace("_", "-")}-${insurer.code.toLowerCase()}-1`,
    approverRole: role,
  };
};
