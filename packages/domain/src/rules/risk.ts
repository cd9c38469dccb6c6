import { z } from "zod";
import { MoneySchema } from "../shared/money.js";
import { daysBetween, InstantSchema, instantToLocalDate, LocalDateSchema } from "../shared/time.js";

/**
 * What the triage rules look at: the claim's amounts and dates as known at FNOL, plus a few
 * circumstances. `lossHourLocal` is the hour of the loss in local time, when known.
 */
export const RiskFactsSchema = z
  .object({
    estimatedAmount: MoneySchema,
    sumInsured: MoneySchema,
    lossDate: LocalDateSchema,
    policyStartDate: LocalDateSchema,
    reportedAt: InstantSchema,
    priorClaimsLast12Months: z.number().int().min(0),
    singleParty: z.boolean(),
    injuries: z.boolean(),
    policeReport: z.boolean(),
    lossHourLocal: z.number().int().min(0).max(23).optional(),
    description: z.string().max(2000).optional(),
  })
  .strict();
/** A parsed {@link RiskFactsSchema}. */
export type RiskFacts = z.infer<typeof RiskFactsSchema>;

/**
 * One triage rule: a pure predicate over the facts, the points it adds when it applies, and a
 * sentence a handler can read. Weights are integers by convention so scores stay exact.
 *
 * @example
 * ```ts
 * const towing: RiskRule = {
 *   id: "towed_away",
 *   weight: 5,
 *   explanation: "Vehicle was towed away from the scene",
 *   applies: (facts) => facts.description?.includes("towed") ?? false,
 * };
 * ```
 */
export interface RiskRule {
  readonly id: string;
  readonly weight: number;
  readonly explanation: string;
  readonly applies: (facts: RiskFacts) => boolean;
}

/** Risk bands: `low` → normal handling, `medium` → closer look, `high` → fraud review. */
export const RiskBandSchema = z.enum(["low", "medium", "high"]);
/** `"low"`, `"medium"` or `"high"`. */
export type RiskBand = z.infer<typeof RiskBandSchema>;

/** Where the bands start: `score < mediumFrom` is low, `score < highFrom` medium, else high. */
export const RiskBandsSchema = z
  .object({
    mediumFrom: z.number().min(0).max(100),
    highFrom: z.number().min(0).max(100),
  })
  .strict()
  .refine((bands) => bands.mediumFrom <= bands.highFrom, {
    message: "mediumFrom must not exceed highFrom",
  });
/** A parsed {@link RiskBandsSchema}. */
export type RiskBands = z.infer<typeof RiskBandsSchema>;

/** Default bands: low below 30, medium 30–59, high from 60. */
export const DEFAULT_RISK_BANDS: RiskBands = { mediumFrom: 30, highFrom: 60 };

/** A rule that applied, copied from the rule so the assessment explains itself in an event. */
export const RiskHitSchema = z
  .object({ ruleId: z.string().min(1), weight: z.number(), explanation: z.string() })
  .strict();
/** A parsed {@link RiskHitSchema}. */
export type RiskHit = z.infer<typeof RiskHitSchema>;

/** The outcome of {@link scoreRisk}, storable in a claim event. */
export const RiskAssessmentSchema = z
  .object({
    score: z.number().min(0).max(100),
    band: RiskBandSchema,
    hits: z.array(RiskHitSchema),
  })
  .strict();
/** A parsed {@link RiskAssessmentSchema}: score, band and the rules that applied. */
export type RiskAssessment = z.infer<typeof RiskAssessmentSchema>;

const NEW_POLICY_DAYS = 30;
const LATE_REPORT_DAYS = 30;
const HIGH_AMOUNT_PERCENT = 70n;
const FREQUENT_PRIOR_CLAIMS = 2;
const NIGHT_FROM_HOUR = 0;
const NIGHT_UNTIL_HOUR = 5;
const MIN_DESCRIPTION_LENGTH = 20;

// BigInt keeps the comparison exact for any safe-integer amount; different currencies
// cannot be compared, so the rule does not fire on them.
const amountAbovePercentOfSumInsured = (facts: RiskFacts, percent: bigint): boolean =>
  facts.estimatedAmount.currency === facts.sumInsured.currency &&
  BigInt(facts.estimatedAmount.amount) * 100n > BigInt(facts.sumInsured.amount) * percent;

/**
 * The shipped triage rules; their weights add up to 90, so no single claim starts at 100.
 * Insurers may pass their own list to {@link scoreRisk}.
 */
export const DEFAULT_RISK_RULES: readonly RiskRule[] = [
  {
    id: "new_policy",
    weight: 15,
    explanation: `Loss within ${NEW_POLICY_DAYS} days of the policy start`,
    applies: (f) => daysBetween(f.policyStartDate, f.lossDate) <= NEW_POLICY_DAYS,
  },
  {
    id: "late_reporting",
    weight: 10,
    explanation: `Reported more than ${LATE_REPORT_DAYS} days after the loss`,
    applies: (f) => daysBetween(f.lossDate, instantToLocalDate(f.reportedAt)) > LATE_REPORT_DAYS,
  },
  {
    id: "amount_near_sum_insured",
    weight: 15,
    explanation: `Estimated amount above ${HIGH_AMOUNT_PERCENT} % of the sum insured`,
    applies: (f) => amountAbovePercentOfSumInsured(f, HIGH_AMOUNT_PERCENT),
  },
  {
    id: "frequent_claims",
    weight: 15,
    explanation: `${FREQUENT_PRIOR_CLAIMS} or more claims in the last 12 months`,
    applies: (f) => f.priorClaimsLast12Months >= FREQUENT_PRIOR_CLAIMS,
  },
  {
    id: "night_loss_without_police_report",
    weight: 10,
    explanation: `Loss between ${NIGHT_FROM_HOUR}:00 and ${NIGHT_UNTIL_HOUR}:00 without a police report`,
    applies: (f) =>
      f.lossHourLocal !== undefined &&
      f.lossHourLocal >= NIGHT_FROM_HOUR &&
      f.lossHourLocal < NIGHT_UNTIL_HOUR &&
      !f.policeReport,
  },
  {
    id: "injuries",
    weight: 10,
    explanation: "People were injured",
    applies: (f) => f.injuries,
  },
  {
    id: "multi_party",
    weight: 5,
    explanation: "More than one party involved",
    applies: (f) => !f.singleParty,
  },
  {
    id: "vague_description",
    weight: 10,
    explanation: `Description missing or shorter than ${MIN_DESCRIPTION_LENGTH} characters`,
    applies: (f) => (f.description?.trim().length ?? 0) < MIN_DESCRIPTION_LENGTH,
  },
];

/** The band a score falls in. */
export const riskBandOf = (score: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskBand =>
  score < bands.mediumFrom ? "low" : score < bands.highFrom ? "medium" : "high";

/**
 * Scores a claim: the sum of the weights of the rules that apply, kept within 0..100,
 * with every hit listed in rule order so the handler sees why.
 *
 * @example
 * ```ts
 * const risk = scoreRisk(facts);
 * // { score: 25, band: "low", hits: [{ ruleId: "new_policy", weight: 15, explanation: "…" }, …] }
 * if (requiresFraudReview(risk)) … // band "high"
 * ```
 */
export const scoreRisk = (
  facts: RiskFacts,
  rules: readonly RiskRule[] = DEFAULT_RISK_RULES,
  bands: RiskBands = DEFAULT_RISK_BANDS,
): RiskAssessment => {
  const hits: RiskHit[] = rules
    .filter((rule) => rule.applies(facts))
    .map(({ id, weight, explanation }) => ({ ruleId: id, weight, explanation }));
  const total = hits.reduce((sum, hit) => sum + hit.weight, 0);
  const score = Math.min(100, Math.max(0, total));
  return { score, band: riskBandOf(score, bands), hits };
};

/** High-risk claims go to a second (fraud) review before any payment. */
export const requiresFraudReview = (risk: RiskAssessment): boolean => risk.band === "high";
