import { z } from "zod";
import { CurrencySchema, type Money } from "../shared/money.js";

/** How demanding a claim is to handle, from 1 (simple) to 5 (most complex). */
export const ComplexitySchema = z.number().int().min(1).max(5);
/** An integer 1..5. */
export type Complexity = z.infer<typeof ComplexitySchema>;

/**
 * Amount thresholds in minor units per currency, ascending: each one the estimate exceeds
 * adds a point of complexity. Amounts in a currency not listed add none, so list every
 * currency you handle.
 */
export const ComplexityConfigSchema = z
  .object({ amountThresholds: z.record(CurrencySchema, z.array(z.number().int().min(0))) })
  .strict();
/** A parsed {@link ComplexityConfigSchema}. */
export type ComplexityConfig = z.infer<typeof ComplexityConfigSchema>;

/** Roughly 5k / 20k / 100k CNY and the same order of money in RUB and USD. */
export const DEFAULT_COMPLEXITY_CONFIG: ComplexityConfig = {
  amountThresholds: {
    CNY: [500_000, 2_000_000, 10_000_000],
    RUB: [6_000_000, 25_000_000, 120_000_000],
    USD: [70_000, 300_000, 1_400_000],
  },
};

/** The facts complexity looks at (a `RiskFacts` value fits). */
export interface ComplexityFacts {
  readonly estimatedAmount: Money;
  readonly injuries: boolean;
  readonly singleParty: boolean;
}

/**
 * A simple, explainable complexity heuristic for assignment: start at 1, add a point for each
 * amount threshold the estimate exceeds, one for injuries and one for more than one party,
 * and stop at 5.
 *
 * @example
 * ```ts
 * complexityOf({ estimatedAmount: money(300_000, "CNY"), injuries: false, singleParty: true }); // 1
 * complexityOf({ estimatedAmount: money(2_500_000, "CNY"), injuries: true, singleParty: false }); // 5
 * ```
 */
export const complexityOf = (
  facts: ComplexityFacts,
  config: ComplexityConfig = DEFAULT_COMPLEXITY_CONFIG,
): Complexity => {
  const thresholds = config.amountThresholds[facts.estimatedAmount.currency] ?? [];
  const amountPoints = thresholds.filter((t) => facts.estimatedAmount.amount > t).length;
  const injuryPoint = facts.injuries ? 1 : 0;
  const partyPoint = facts.singleParty ? 0 : 1;
  return Math.min(5, 1 + amountPoints + injuryPoint + partyPoint);
};
