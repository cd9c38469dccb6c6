import * as E from "fp-ts/lib/Either.js";
import { applyWithReactions, createSeedLedger } from "./seed-ledger.js";
import {
  aggregateIdOf,
  type SeedEvent,
  type SeedPlan,
  type SeedStepFailure,
  seedStreamId,
} from "./seed-types.js";

/** Every stream of an applied plan with its events, in the order they were recorded. */
export type SeedStreams = ReadonlyMap<string, readonly SeedEvent[]>;

/**
 * Applies a plan without any store: each step through the real (default) deciders, then the
 * process manager's reactions, all in memory. For tests, and for seeding an embedded demo.
 * Left with the first refused command, which is a bug in the plan.
 *
 * @example
 * ```ts
 * const result = applyPlanInMemory(buildSeedPlan({ now }));
 * if (E.isRight(result)) result.right.get("claim-CLM-00001"); // [{ type: "ClaimRegistered", … }, …]
 * ```
 */
export const applyPlanInMemory = (plan: SeedPlan): E.Either<SeedStepFailure, SeedStreams> => {
  const ledger = createSeedLedger();
  for (const [stepIndex, step] of plan.entries()) {
    const result = applyWithReactions(ledger, {
      aggregate: step.aggregate,
      id: aggregateIdOf(step),
      command: step.command,
    });
    if (E.isLeft(result)) {
      const { target, error } = result.left;
      return E.left({
        stepIndex,
        step,
        refused: {
          aggregate: target.aggregate,
          stream: seedStreamId(target.aggregate, target.id),
          command: target.command,
        },
        error,
      });
    }
  }
  return E.right(ledger.streams());
};
