import * as E from "fp-ts/lib/Either.js";
import { tellClaimStory } from "./seed-claim-story.js";
import { applyWithReactions, createSeedLedger } from "./seed-ledger.js";
import { planPolicyBook, policySteps } from "./seed-policies.js";
import { drawClaimProfiles } from "./seed-profiles.js";
import { createSeedRandom } from "./seed-random.js";
import { aggregateIdOf, type SeedPlan, type TimedStep } from "./seed-types.js";

/** The seed of the data set `npm start` loads. */
export const DEFAULT_DEMO_SEED = 20_260_301;

/** What to generate. */
export interface SeedPlanOptions {
  /** Business "now": nothing happens after it. ISO 8601 with offset. */
  readonly now: string;
  /** Same seed and `now`, same plan. Defaults to {@link DEFAULT_DEMO_SEED}. */
  readonly seed?: number;
  /** Policies in the book (default 400). */
  readonly policies?: number;
  /** Claims, at least the showcase of about 35 (default 300). */
  readonly claims?: number;
}

const validated = (timed: readonly TimedStep[]): readonly TimedStep[] => {
  const ledger = createSeedLedger();
  for (const { step } of timed) {
    const result = applyWithReactions(ledger, {
      aggregate: step.aggregate,
      id: aggregateIdOf(step),
      command: step.command,
    });
    if (E.isLeft(result)) {
      throw new Error(
        `demo plan bug: ${step.command.type} on ${step.stream}: ${result.left.error.message}`,
      );
    }
  }
  return timed;
};

/**
 * Generates the demo data set as an ordered list of commands: a book of policies from four
 * insurers (CN ×2, RU, US-CA) over 27 months, and claims with losses over the 18 months before
 * `now` in every stage of their life, with repair orders at five partner shops and payouts.
 *
 * Pure and deterministic: a local mulberry32 source, no clock (`now` is an input). Each claim's
 * story is played through the real deciders and the process manager while it is generated,
 * which lets the plan play the deadline scheduler exactly (`FlagDeadlineAtRisk`,
 * `MarkDeadlineBreached` right after a deadline runs out) and approve and issue the payouts
 * the process manager requests under its derived ids. Steps come in business-time order, and
 * no step is after `now`. Throws only on a bug in the generator itself.
 *
 * The plan does not contain what the process manager sends (settlement and invoice payout
 * requests, recorded payments and recoveries, closing paid claims): whoever applies it must
 * run `reactToEvent` after each command, as {@link applyPlanInMemory} and `seedDemoData` do.
 *
 * @example
 * ```ts
 * const plan = buildSeedPlan({ now: "2026-11-25T12:00:00Z" });
 * plan[0]; // { stream: "policy-POL-VG-0123", aggregate: "policy", command: { type: "IssuePolicy", … } }
 * ```
 */
export const buildSeedPlan = (options: SeedPlanOptions): SeedPlan => {
  const nowMs = Date.parse(options.now);
  if (!Number.isFinite(nowMs)) throw new Error(`buildSeedPlan: "${options.now}" is not an instant`);
  const random = createSeedRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const policies = planPolicyBook(random, nowMs, options.policies ?? 400);
  const profiles = drawClaimProfiles(random, nowMs, policies, options.claims ?? 300);
  const policyTimeline = validated(policies.flatMap(policySteps).sort((a, b) => a.at - b.at));
  const ledger = createSeedLedger();
  const claimTimelines = profiles.flatMap((profile) =>
    tellClaimStory(profile, ledger, random, nowMs),
  );
  // A stable sort keeps each stream's own order among steps at the same instant.
  return [...policyTimeline, ...claimTimelines].sort((a, b) => a.at - b.at).map(({ step }) => step);
};
