import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { ClaimCommand } from "./commands.js";
import { claimDecider } from "./decide.js";
import { type ClaimEvent, ClaimEventSchema } from "./events.js";
import type { ClaimState, ClaimStatus } from "./state.js";
import { claimCommandsArb } from "./testing/claim-arbitraries.js";

/** Statuses in which each command may succeed: an oracle written apart from the decider. */
const ALLOWED: Record<ClaimCommand["type"], readonly ClaimStatus[]> = {
  RegisterClaim: ["none"],
  AcknowledgeClaim: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
  ],
  RecordFirstContact: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
  ],
  VerifyCoverage: ["registered"],
  TriageClaim: ["coverage_verified", "in_assessment", "assessed"],
  AssignAdjuster: ["coverage_verified", "in_assessment", "assessed", "settled"],
  RequestDocuments: ["registered", "coverage_verified", "in_assessment", "assessed"],
  ReceiveDocument: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
  ],
  BookInspection: ["coverage_verified", "in_assessment", "assessed"],
  CompleteInspection: ["coverage_verified", "in_assessment", "assessed"],
  AssessDamage: ["in_assessment", "assessed"],
  RecordShopResponse: ["assessed", "settled"],
  RequestSupplement: ["assessed", "settled"],
  ApproveSupplement: ["assessed", "settled"],
  RejectSupplement: ["assessed", "settled"],
  SetReserve: ["registered", "coverage_verified", "in_assessment", "assessed", "settled"],
  AgreeSettlement: ["coverage_verified", "in_assessment", "assessed"],
  DenyClaim: ["registered", "coverage_verified", "in_assessment", "assessed"],
  SendRefusalNotice: ["denied", "closed"],
  RecordPayment: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  CommitPayout: ["registered", "coverage_verified", "in_assessment", "assessed", "settled"],
  ApprovePayoutCommitment: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
  ],
  ReleasePayoutCommitment: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  ReversePayment: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  RecordRecovery: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  CloseClaim: ["registered", "coverage_verified", "in_assessment", "assessed", "settled", "denied"],
  ReopenClaim: ["closed"],
  PauseDeadline: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  ResumeDeadline: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  // Counts again whatever is provisional; nothing to count is no event, never a refusal.
  RecomputeDeadlines: [
    "none",
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  MarkDeadlineBreached: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  FlagDeadlineAtRisk: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
  RecordFeedback: ["settled", "denied", "closed"],
  FileComplaint: [
    "registered",
    "coverage_verified",
    "in_assessment",
    "assessed",
    "settled",
    "denied",
    "closed",
  ],
};

interface Step {
  readonly command: ClaimCommand;
  readonly before: ClaimState;
  readonly result: E.Either<unknown, readonly ClaimEvent[]>;
}

/** Decides every command in turn, folding accepted events; never stops on a refusal. */
const play = (commands: readonly ClaimCommand[]) => {
  let state = claimDecider.initialState;
  const events: ClaimEvent[] = [];
  const steps: Step[] = [];
  for (const command of commands) {
    const result = claimDecider.decide(command, state);
    steps.push({ command, before: state, result });
    if (E.isRight(result)) {
      for (const event of result.right) {
        state = claimDecider.evolve(state, event);
        events.push(event);
      }
    }
  }
  return { state, events, steps };
};

const moneyIn = (event: ClaimEvent): { amount: number; currency: string }[] =>
  JSON.stringify(event).includes('"currency"')
    ? [...JSON.stringify(event).matchAll(/\{"amount":(-?\d+),"currency":"([A-Z]{3})"\}/g)].map(
        (m) => ({
          amount: Number(m[1]),
          currency: m[2]!,
        }),
      )
    : [];

describe("claim properties", () => {
  it("property: evolve over any command sequence never throws and every event parses", () => {
    fc.assert(
      fc.property(claimCommandsArb, (commands) => {
        const { events } = play(commands);
        for (const event of events) {
          expect(ClaimEventSchema.safeParse(event).success).toBe(true);
          expect(() => claimDecider.evolve(claimDecider.initialState, event)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: a command in a status that does not allow it is refused and writes no events", () => {
    fc.assert(
      fc.property(claimCommandsArb, (commands) => {
        for (const step of play(commands).steps) {
          if (!ALLOWED[step.command.type].includes(step.before.status)) {
            expect(E.isLeft(step.result)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: money in a claim's events is always in the claim's currency", () => {
    fc.assert(
      fc.property(claimCommandsArb, (commands) => {
        const { events, state } = play(commands);
        const currency = state.facts?.currency;
        for (const m of events.flatMap(moneyIn)) expect(m.currency).toBe(currency);
      }),
      { numRuns: 300 },
    );
  });

  it("property: each reserve balance equals the sum of its deltas", () => {
    fc.assert(
      fc.property(claimCommandsArb, (commands) => {
        const { events, state } = play(commands);
        for (const costType of ["indemnity", "expense"] as const) {
          const changes = events.filter(
            (e): e is Extract<ClaimEvent, { type: "ReserveChanged" }> =>
              e.type === "ReserveChanged" && e.costType === costType,
          );
          let running = 0;
          for (const change of changes) {
            running += change.delta.amount;
            expect(change.balance.amount).toBe(running);
            expect(change.balance.amount).toBeGreaterThanOrEqual(0);
          }
          expect(state.reserves?.[costType].amount ?? 0).toBe(running);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: indemnity paid never exceeds the agreed settlement, recoveries never exceed paid", () => {
    fc.assert(
      fc.property(claimCommandsArb, (commands) => {
        let state = claimDecider.initialState;
        for (const step of play(commands).steps) {
          if (E.isRight(step.result))
            for (const e of step.result.right) state = claimDecider.evolve(state, e);
          const paid = state.paid?.indemnity.amount ?? 0;
          expect(paid).toBeLessThanOrEqual(state.settlement?.amount.amount ?? 0);
          expect(state.recovered?.amount ?? 0).toBeLessThanOrEqual(paid);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("claim command generator", () => {
  it("reaches every decision and pays claims often enough for the properties to mean something", () => {
    const outcomes = fc.sample(claimCommandsArb, { numRuns: 500, seed: 42 }).map((c) => play(c));
    const reached = (status: ClaimStatus) =>
      outcomes.filter((o) => o.steps.some((s) => s.before.status === status)).length;
    const paid = outcomes.filter((o) =>
      o.events.some((e) => e.type === "ClaimPaymentRecorded"),
    ).length;
    expect(reached("settled")).toBeGreaterThan(10);
    expect(reached("closed")).toBeGreaterThan(10);
    expect(reached("denied")).toBeGreaterThan(10);
    expect(paid).toBeGreaterThan(10);
  });
});
