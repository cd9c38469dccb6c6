/**
 * Policy test fixtures: valid commands and command arbitraries. Test-only: excluded from the build.
 */
import fc from "fast-check";
import { instantAt } from "../../shared/testing/command-sequences.js";
import type { PolicyCommand, PolicyCommandOf } from "../commands.js";

export const T0 = "2026-01-01T08:00:00.000Z";

export const issuePolicy = (
  overrides: Partial<PolicyCommandOf<"IssuePolicy">> = {},
): PolicyCommandOf<"IssuePolicy"> => ({
  type: "IssuePolicy",
  schemaVersion: 1,
  occurredAt: T0,
  policyId: "P-1",
  insurerId: "ins-a",
  policyNumber: "CN-MOD-2026-000123",
  line: "motor_own_damage",
  jurisdiction: "CN",
  holder: { name: "Li Wei", email: "li.wei@example.cn", phone: "+86 138 0000 0000" },
  insuredObject: { kind: "vehicle", vin: "LSVAU2180N2183294", plate: "沪A12345" },
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  territory: { countries: ["CN"] },
  perils: ["collision", "glass", "theft"],
  sumInsured: { amount: 20_000_000, currency: "CNY" },
  deductible: { amount: 100_000, currency: "CNY" },
  writtenPremium: { amount: 365_000, currency: "CNY" },
  region: "Shanghai",
  ...overrides,
});

export const endorsePolicy = (
  overrides: Partial<PolicyCommandOf<"EndorsePolicy">> = {},
): PolicyCommandOf<"EndorsePolicy"> => ({
  type: "EndorsePolicy",
  schemaVersion: 1,
  occurredAt: "2026-04-01T10:00:00.000Z",
  effectiveDate: "2026-04-01",
  changes: { perils: ["collision", "glass", "theft", "flood"] },
  ...overrides,
});

export const cancelPolicy = (
  overrides: Partial<PolicyCommandOf<"CancelPolicy">> = {},
): PolicyCommandOf<"CancelPolicy"> => ({
  type: "CancelPolicy",
  schemaVersion: 1,
  occurredAt: "2026-07-01T10:00:00.000Z",
  cancelledFrom: "2026-07-01",
  refundPremium: { amount: 100_000, currency: "CNY" },
  reason: "Vehicle sold",
  ...overrides,
});

/** Dates of 2025–2027, to land before, inside and after the 2026 policy period. */
const dateArb = fc
  .integer({ min: 0, max: 3 * 365 })
  .map((day) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10));

/** Mostly CNY, sometimes another currency, amounts sometimes invalid (negative, zero). */
const moneyArb = fc.record({
  amount: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: -100, max: 0 })),
  currency: fc.constantFrom("CNY", "CNY", "CNY", "RUB"),
});

const issueArb = fc
  .record({ startDate: dateArb, endDate: dateArb, premium: moneyArb, deductible: moneyArb })
  .map(({ startDate, endDate, premium, deductible }) =>
    issuePolicy({ startDate, endDate, writtenPremium: premium, deductible }),
  );

const endorseArb = fc
  .record({
    effectiveDate: dateArb,
    sumInsured: fc.option(moneyArb, { nil: undefined }),
    perils: fc.option(fc.subarray(["collision", "fire", "flood", "theft"] as const), {
      nil: undefined,
    }),
  })
  .map(({ effectiveDate, sumInsured, perils }) =>
    endorsePolicy({
      effectiveDate,
      changes: {
        ...(sumInsured ? { sumInsured } : {}),
        ...(perils ? { perils: [...perils] } : {}),
      },
    }),
  );

const cancelArb = fc
  .record({ cancelledFrom: dateArb, refund: fc.option(moneyArb, { nil: undefined }) })
  .map(({ cancelledFrom, refund }) =>
    cancelPolicy(
      refund
        ? { cancelledFrom, refundPremium: refund }
        : { cancelledFrom, refundPremium: undefined },
    ),
  );

/** Any Policy command, valid or not for whatever state it meets. */
export const anyPolicyCommandArb: fc.Arbitrary<PolicyCommand> = fc
  .tuple(fc.oneof(issueArb, endorseArb, endorseArb, cancelArb), fc.nat({ max: 500_000 }))
  .map(([command, minutes]) => ({ ...command, occurredAt: instantAt(minutes) }));

/** The way a policy usually goes: issued, endorsed, cancelled. */
export const policyPath: readonly PolicyCommand[] = [
  issuePolicy(),
  endorsePolicy(),
  endorsePolicy({
    effectiveDate: "2026-02-01",
    changes: { sumInsured: { amount: 25_000_000, currency: "CNY" } },
  }),
  cancelPolicy(),
];
