import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { checkApprovalLimit, DEFAULT_APPROVAL_LIMITS } from "../rules/approval.js";
import type { ClaimCommand } from "./commands.js";
import { claimDecider } from "./decide.js";
import type { ClaimEvent } from "./events.js";
import type { ClaimState } from "./state.js";
import { claimCommandsArb } from "./testing/claim-arbitraries.js";

// Oracles written apart from the decider: sums over the events, not over the decider's ledger.
interface Books {
  settlement: number;
  expenseReserve: number;
  /** Payout id → amount, cost type, whether approved; removed when released or paid. */
  open: Map<string, { amount: number; costType: string; approved: boolean }>;
  paidIndemnity: number;
  approvedOnClaim: number;
  /** Approved payouts still counting (not reversed), by id. */
  approved: Map<string, number>;
}

const fresh = (): Books => ({
  settlement: 0,
  expenseReserve: 0,
  open: new Map(),
  paidIndemnity: 0,
  approvedOnClaim: 0,
  approved: new Map(),
});

const book = (books: Books, event: ClaimEvent): void => {
  switch (event.type) {
    case "SettlementAgreed":
      books.settlement = event.amount.amount;
      return;
    case "ReserveChanged":
      if (event.costType === "expense") books.expenseReserve = event.balance.amount;
      return;
    case "PayoutCommitted":
      books.open.set(event.payoutId, {
        amount: event.amount.amount,
        costType: event.costType,
        approved: false,
      });
      return;
    case "PayoutCommitmentApproved": {
      const entry = books.open.get(event.payoutId);
      if (entry) entry.approved = true;
      books.approved.set(event.payoutId, event.amount.amount);
      books.approvedOnClaim = [...books.approved.values()].reduce((a, b) => a + b, 0);
      return;
    }
    case "PayoutCommitmentReleased":
      books.open.delete(event.payoutId);
      books.approved.delete(event.payoutId);
      books.approvedOnClaim = [...books.approved.values()].reduce((a, b) => a + b, 0);
      return;
    case "ClaimPaymentRecorded":
      books.open.delete(event.payoutId);
      if (event.costType === "indemnity") books.paidIndemnity += event.amount.amount;
      return;
    case "ClaimPaymentReversed":
      if (event.costType === "indemnity") books.paidIndemnity -= event.amount.amount;
      books.approved.delete(event.payoutId);
      books.approvedOnClaim = [...books.approved.values()].reduce((a, b) => a + b, 0);
      return;
    default:
      return;
  }
};

const unpaid = (books: Books, costType: string): number =>
  [...books.open.values()]
    .filter((entry) => entry.costType === costType)
    .reduce((sum, entry) => sum + entry.amount, 0);

interface Played {
  readonly command: ClaimCommand;
  readonly before: ClaimState;
  readonly events: readonly ClaimEvent[];
  readonly books: Books;
}

/** Plays every command, keeping the books from the accepted events after each step. */
const play = (commands: readonly ClaimCommand[]): Played[] => {
  let state = claimDecider.initialState;
  const books = fresh();
  const steps: Played[] = [];
  for (const command of commands) {
    const result = claimDecider.decide(command, state);
    const before = state;
    const events = E.isRight(result) ? result.right : [];
    for (const event of events) {
      state = claimDecider.evolve(state, event);
      book(books, event);
    }
    steps.push({ command, before, events, books: { ...books, open: new Map(books.open) } });
  }
  return steps;
};

// A command sequence with payout commands of its own mixed in, many of them abusive.
const abuseArb = fc
  .tuple(
    claimCommandsArb,
    fc.array(
      fc.record({
        at: fc.nat({ max: 30 }),
        id: fc.constantFrom("x1", "x2", "x3", "x4"),
        amount: fc.integer({ min: 1, max: 30_000_000 }),
        costType: fc.constantFrom("indemnity" as const, "expense" as const),
        role: fc.constantFrom("adjuster" as const, "handler" as const, "finance" as const),
        kind: fc.constantFrom("commit", "approve", "pay", "release"),
      }),
      { maxLength: 30 },
    ),
  )
  .map(([commands, extra]) => {
    const all = [...commands];
    for (const step of extra) {
      const occurredAt = (all.at(-1) ?? all[0])?.occurredAt ?? "2026-03-01T08:00:00.000Z";
      const money = { amount: step.amount, currency: "CNY" };
      const command =
        step.kind === "commit"
          ? { type: "CommitPayout", payoutId: step.id, amount: money, costType: step.costType }
          : step.kind === "approve"
            ? {
                type: "ApprovePayoutCommitment",
                payoutId: step.id,
                approverId: `u-${step.role}`,
                approverRole: step.role,
              }
            : step.kind === "pay"
              ? { type: "RecordPayment", payoutId: step.id, amount: money, costType: step.costType }
              : { type: "ReleasePayoutCommitment", payoutId: step.id, reason: "voided" };
      all.splice(Math.min(step.at, all.length), 0, {
        ...command,
        schemaVersion: 1,
        occurredAt,
      } as ClaimCommand);
    }
    return all;
  });

describe("money invariants of a claim (any command sequence)", () => {
  it("property: indemnity paid and committed never exceeds the agreed settlement", () => {
    fc.assert(
      fc.property(abuseArb, (commands) => {
        for (const { books } of play(commands)) {
          expect(books.paidIndemnity + unpaid(books, "indemnity")).toBeLessThanOrEqual(
            books.settlement,
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it("property: expense committed and unpaid never exceeds the expense reserve", () => {
    fc.assert(
      fc.property(abuseArb, (commands) => {
        for (const { books } of play(commands)) {
          expect(unpaid(books, "expense")).toBeLessThanOrEqual(books.expenseReserve);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("property: a payment is recorded only for a payout committed and approved for that amount", () => {
    fc.assert(
      fc.property(abuseArb, (commands) => {
        const approvedFor = new Map<string, number>();
        for (const { events } of play(commands)) {
          for (const event of events) {
            if (event.type === "PayoutCommitmentApproved") {
              approvedFor.set(event.payoutId, event.amount.amount);
            }
            if (event.type === "PayoutCommitmentReleased") approvedFor.delete(event.payoutId);
            if (event.type === "ClaimPaymentRecorded") {
              expect(approvedFor.get(event.payoutId)).toBe(event.amount.amount);
              approvedFor.delete(event.payoutId);
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("property: every approval keeps the claim's approved total within the approver's limit", () => {
    fc.assert(
      fc.property(abuseArb, (commands) => {
        for (const { events, books } of play(commands)) {
          for (const event of events) {
            if (event.type !== "PayoutCommitmentApproved") continue;
            const total = { amount: books.approvedOnClaim, currency: event.amount.currency };
            expect(
              E.isRight(checkApprovalLimit(event.approverRole, total, DEFAULT_APPROVAL_LIMITS)),
            ).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("splitting a sum into payouts does not get around an approval limit", () => {
    // An adjuster may approve 20,000 CNY: two payouts of 15,000 are 30,000 on the claim.
    const steps = play(
      [
        { type: "CommitPayout", payoutId: "a", costType: "expense" },
        { type: "CommitPayout", payoutId: "b", costType: "expense" },
      ].map(
        (c) =>
          ({
            ...c,
            schemaVersion: 1,
            occurredAt: "2026-03-02T08:00:00.000Z",
            amount: { amount: 1_500_000, currency: "CNY" },
          }) as ClaimCommand,
      ),
    );
    expect(steps).toHaveLength(2);
  });
});
