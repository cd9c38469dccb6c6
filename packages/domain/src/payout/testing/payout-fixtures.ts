/**
 * Payout test fixtures: valid commands, the usual path and command arbitraries.
 * Test-only: excluded from the build.
 */
import fc from "fast-check";
import { instantAt } from "../../shared/testing/command-sequences.js";
import { RoleSchema } from "../../shared/vocabulary.js";
import type { PayoutCommand, PayoutCommandOf } from "../commands.js";

export const T0 = "2026-04-01T09:00:00.000Z";

/** An instant `hours` after T0. */
export const at = (hours: number): string =>
  new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

type Of<T extends PayoutCommand["type"]> = PayoutCommandOf<T>;

/** A command of `type` with `fields`, at `hours` after T0. */
export const po = <T extends PayoutCommand["type"]>(
  type: T,
  fields: Omit<Of<T>, "type" | "schemaVersion" | "occurredAt">,
  hours = 1,
): Of<T> => ({ type, schemaVersion: 1, occurredAt: at(hours), ...fields }) as Of<T>;

export const cny = (amount: number) => ({ amount, currency: "CNY" });

/** A request for 30,000.00 CNY to the policyholder, requested by handler `u-1`. */
export const requestPayout = (
  overrides: Partial<Of<"RequestPayout">> = {},
): Of<"RequestPayout"> => ({
  type: "RequestPayout",
  schemaVersion: 1,
  occurredAt: T0,
  payoutId: "PAY-1",
  claimId: "C-1",
  insurerId: "ins-a",
  payee: { kind: "policyholder", id: "holder-1", name: "Li Wei", account: "6222 0000 1111 2222" },
  amount: cny(3_000_000),
  costType: "indemnity",
  reason: "Settlement agreed on 2026-03-30",
  requestedBy: "u-1",
  ...overrides,
});

export const approvePayout = po("ApprovePayout", { approverId: "u-2", approverRole: "handler" }, 2);
export const rejectPayout = po(
  "RejectPayout",
  { rejectedBy: "u-2", reason: "Bank account missing" },
  2,
);
export const issuePayout = po("IssuePayout", { paymentReference: "BANK-REF-001" }, 24);
export const failPayout = po("FailPayout", { reason: "Account closed" }, 24);
export const retryPayout = po("RetryPayout", { reason: "New account on file" }, 30);
export const voidPayout = po("VoidPayout", { reason: "Duplicate payment" }, 48);
export const recordRecovery = (amount = 500_000, kind: "subrogation" | "salvage" = "subrogation") =>
  po("RecordRecovery", { kind, amount: cny(amount), from: "Third-party insurer" }, 200);

/** The usual life of a payout: requested, approved, a failed attempt, retried, issued, recovered. */
export const payoutPath: readonly PayoutCommand[] = [
  requestPayout(),
  approvePayout,
  failPayout,
  retryPayout,
  issuePayout,
  recordRecovery(500_000),
  recordRecovery(200_000, "salvage"),
];

const moneyArb = fc.record({
  amount: fc.oneof(
    fc.integer({ min: 1, max: 4_000_000 }),
    fc.integer({ min: 1, max: 300_000_000 }),
    fc.constant(0),
  ),
  currency: fc.constantFrom("CNY", "CNY", "CNY", "EUR"),
});
const userArb = fc.constantFrom("u-1", "u-2", "u-3");
const roleArb = fc.constantFrom(...RoleSchema.options);

/** Any Payout command, valid or not for whatever state it meets. */
export const anyPayoutCommandArb: fc.Arbitrary<PayoutCommand> = fc
  .tuple(
    fc.oneof(
      fc
        .tuple(moneyArb, userArb)
        .map(([amount, requestedBy]) => requestPayout({ amount, requestedBy })),
      fc
        .tuple(userArb, roleArb)
        .map(([approverId, approverRole]) => po("ApprovePayout", { approverId, approverRole })),
      fc.constantFrom(rejectPayout, issuePayout, failPayout, retryPayout, voidPayout),
      fc
        .tuple(
          moneyArb,
          fc.constantFrom("subrogation", "salvage") as fc.Arbitrary<"subrogation" | "salvage">,
        )
        .map(([amount, kind]) => po("RecordRecovery", { kind, amount, from: "Someone" })),
    ),
    fc.nat({ max: 20_000 }),
  )
  .map(([command, minutes]) => ({ ...command, occurredAt: instantAt(minutes) }));
