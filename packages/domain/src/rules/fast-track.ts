import { z } from "zod";
import { type Money, MoneySchema } from "../shared/money.js";
import type { RiskAssessment } from "./risk.js";

/**
 * When a claim may skip documents and settle within 24 h. `limit` is inclusive: an estimate
 * equal to the limit still qualifies. Scores above `maxRiskScore` do not.
 */
export const FastTrackConfigSchema = z
  .object({
    limit: MoneySchema,
    maxRiskScore: z.number().min(0).max(100),
    requireSingleParty: z.boolean().default(true),
    allowInjuries: z.boolean().default(false),
  })
  .strict();
/** A parsed {@link FastTrackConfigSchema}. */
export type FastTrackConfig = z.infer<typeof FastTrackConfigSchema>;

/** Up to CNY 5,000 (500,000 fen), risk score at most 29 (low band), one party, no injuries. */
export const DEFAULT_FAST_TRACK_CONFIG: FastTrackConfig = {
  limit: { amount: 500_000, currency: "CNY" },
  maxRiskScore: 29,
  requireSingleParty: true,
  allowInjuries: false,
};

/** Why a claim is not fast-tracked; stable codes, listed in this order. */
export const FAST_TRACK_REASONS = [
  "currency_mismatch",
  "amount_over_limit",
  "risk_too_high",
  "multi_party",
  "injuries",
] as const;
/** One of {@link FAST_TRACK_REASONS}. */
export const FastTrackReasonSchema = z.enum(FAST_TRACK_REASONS);
/** A stable reason code for not fast-tracking a claim. */
export type FastTrackReason = z.infer<typeof FastTrackReasonSchema>;

/** Eligible, or not with every reason why; storable in a claim event. */
export const FastTrackDecisionSchema = z
  .object({ eligible: z.boolean(), reasons: z.array(FastTrackReasonSchema) })
  .strict();
/** A parsed {@link FastTrackDecisionSchema}. */
export type FastTrackDecision = z.infer<typeof FastTrackDecisionSchema>;

/** The claim facts fast-track looks at (a `RiskFacts` value fits). */
export interface FastTrackFacts {
  readonly estimatedAmount: Money;
  readonly singleParty: boolean;
  readonly injuries: boolean;
}

// An amount in another currency cannot be compared with the limit without an FX rate the
// domain does not have, so it disqualifies rather than errors.
const amountReason = (amount: Money, limit: Money): FastTrackReason | undefined => {
  if (amount.currency !== limit.currency) return "currency_mismatch";
  return amount.amount > limit.amount ? "amount_over_limit" : undefined;
};

/**
 * Decides whether a claim goes to the fast track, listing every reason it does not.
 *
 * @example
 * ```ts
 * fastTrackEligibility(
 *   { estimatedAmount: money(320_000, "CNY"), singleParty: true, injuries: false },
 *   scoreRisk(facts),
 *   DEFAULT_FAST_TRACK_CONFIG,
 * ); // { eligible: true, reasons: [] }
 * ```
 */
export const fastTrackEligibility = (
  facts: FastTrackFacts,
  risk: RiskAssessment,
  config: FastTrackConfig = DEFAULT_FAST_TRACK_CONFIG,
): FastTrackDecision => {
  const candidates: (FastTrackReason | undefined)[] = [
    amountReason(facts.estimatedAmount, config.limit),
    risk.score > config.maxRiskScore ? "risk_too_high" : undefined,
    config.requireSingleParty && !facts.singleParty ? "multi_party" : undefined,
    !config.allowInjuries && facts.injuries ? "injuries" : undefined,
  ];
  const reasons = candidates.filter((reason) => reason !== undefined);
  return { eligible: reasons.length === 0, reasons };
};
