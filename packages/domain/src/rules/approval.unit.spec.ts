import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { RoleSchema } from "../shared/vocabulary.js";
import {
  type ApprovalLimits,
  ApprovalLimitsSchema,
  checkApprovalLimit,
  DEFAULT_APPROVAL_LIMITS,
} from "./approval.js";

const cny = (amount: number) => ({ amount, currency: "CNY" });
const codeOf = (result: E.Either<{ code: string }, void>) =>
  E.isLeft(result) ? result.left.code : "ok";

describe("approval limits", () => {
  it("lets each approving role approve up to its default limit in CNY, inclusive", () => {
    const limits: [string, number][] = [
      ["handler", 5_000_000],
      ["adjuster", 2_000_000],
      ["finance", 20_000_000],
      ["finance_manager", 200_000_000],
    ];
    for (const [role, max] of limits) {
      const parsedRole = RoleSchema.parse(role);
      expect(checkApprovalLimit(parsedRole, cny(max))).toEqual(E.right(undefined));
      expect(codeOf(checkApprovalLimit(parsedRole, cny(max + 1)))).toBe(
        "payout.approval_limit_exceeded",
      );
    }
  });

  it("rejects a payout above the approver's limit with the limit, amount and role", () => {
    const result = checkApprovalLimit("adjuster", cny(2_000_001), DEFAULT_APPROVAL_LIMITS);
    expect(E.isLeft(result) && result.left.details).toEqual({
      limit: cny(2_000_000),
      amount: cny(2_000_001),
      role: "adjuster",
    });
  });

  it("lets an admin approve any amount in any currency", () => {
    expect(
      checkApprovalLimit("admin", { amount: Number.MAX_SAFE_INTEGER, currency: "XAU" }),
    ).toEqual(E.right(undefined));
  });

  it("refuses analysts, auditors, integrators and shops with payout.role_cannot_approve", () => {
    for (const role of ["analyst", "auditor", "integrator", "shop"] as const) {
      expect(codeOf(checkApprovalLimit(role, cny(1)))).toBe("payout.role_cannot_approve");
    }
  });

  it("treats a currency without a configured limit as exceeding it", () => {
    const result = checkApprovalLimit("finance", { amount: 1, currency: "EUR" });
    expect(E.isLeft(result) && result.left.details).toMatchObject({ limit: null, role: "finance" });
  });

  it("validates a configuration with one maximum per currency and known roles", () => {
    expect(ApprovalLimitsSchema.safeParse(DEFAULT_APPROVAL_LIMITS).success).toBe(true);
    expect(ApprovalLimitsSchema.safeParse({ handler: [cny(1), cny(2)] }).success).toBe(false);
    expect(ApprovalLimitsSchema.safeParse({ janitor: "unlimited" }).success).toBe(false);
  });

  it("property: a capped role may approve exactly the amounts up to its maximum", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (max, amount) => {
          const limits: ApprovalLimits = { handler: [cny(max)] };
          const result = checkApprovalLimit("handler", cny(amount), limits);
          expect(E.isRight(result)).toBe(amount <= max);
        },
      ),
    );
  });
});
