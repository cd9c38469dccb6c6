import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { InsuredObjectSchema, type PolicySnapshot, TerritorySchema } from "../policy/snapshot.js";
import { type DomainError, domainError } from "../shared/errors.js";
import { IdSchema } from "../shared/ids.js";
import { LocalDateSchema } from "../shared/time.js";
import { PerilSchema } from "../shared/vocabulary.js";
import { includesLabel } from "./labels.js";

/** Where the loss happened: an ISO 3166-1 alpha-2 country, optionally a region and an address. */
export const LossPlaceSchema = z
  .object({
    country: TerritorySchema.shape.countries.element,
    region: z.string().trim().min(1).max(100).optional(),
    address: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
/** A parsed {@link LossPlaceSchema}. */
export type LossPlace = z.infer<typeof LossPlaceSchema>;

/**
 * The facts of a loss that coverage depends on: when, what caused it, where, and which
 * object was damaged (VIN and/or plate as reported at FNOL).
 */
export const LossFactsSchema = z
  .object({
    lossDate: LocalDateSchema,
    peril: PerilSchema,
    lossPlace: LossPlaceSchema,
    insuredObject: InsuredObjectSchema.pick({ vin: true, plate: true }),
  })
  .strict();
/** A parsed {@link LossFactsSchema}. */
export type LossFacts = z.infer<typeof LossFactsSchema>;

/** Ids of the coverage rules, in the order {@link checkCoverage} applies them. */
export const COVERAGE_RULE_IDS = [
  "policy_in_force",
  "insured_object_matches",
  "loss_place_in_territory",
  "peril_covered",
] as const;
/** One of {@link COVERAGE_RULE_IDS}. */
export const CoverageRuleIdSchema = z.enum(COVERAGE_RULE_IDS);
/** A coverage rule id, as listed in {@link CoverageConfirmation.checkedRules}. */
export type CoverageRuleId = z.infer<typeof CoverageRuleIdSchema>;

/**
 * Proof that a loss is covered: the policy and the rules that were checked and passed.
 * A rule that does not apply (the object rule for a non-vehicle policy) is not listed.
 */
export const CoverageConfirmationSchema = z
  .object({ policyId: IdSchema, checkedRules: z.array(CoverageRuleIdSchema) })
  .strict();
/** A parsed {@link CoverageConfirmationSchema}. */
export type CoverageConfirmation = z.infer<typeof CoverageConfirmationSchema>;

type RuleOutcome = "passed" | "not_applicable" | DomainError;

interface CoverageRule {
  readonly id: CoverageRuleId;
  readonly evaluate: (policy: PolicySnapshot, loss: LossFacts) => RuleOutcome;
}

// ISO dates ("YYYY-MM-DD") order lexicographically exactly as they order in time.
const policyInForce: CoverageRule = {
  id: "policy_in_force",
  evaluate: (policy, loss) => {
    const { lossDate } = loss;
    const inPeriod = lossDate >= policy.startDate && lossDate <= policy.endDate;
    const cancelled = policy.cancelledFrom !== null && lossDate >= policy.cancelledFrom;
    if (inPeriod && !cancelled) return "passed";
    const why = cancelled
      ? `the policy is cancelled from ${policy.cancelledFrom}`
      : `the policy runs ${policy.startDate} to ${policy.endDate}`;
    return domainError("coverage.policy_not_in_force", `Loss on ${lossDate}: ${why}`, {
      lossDate,
      startDate: policy.startDate,
      endDate: policy.endDate,
      cancelledFrom: policy.cancelledFrom,
    });
  },
};

const normalizeVin = (vin: string): string => vin.trim().toUpperCase();
const normalizePlate = (plate: string): string => plate.replace(/\s+/g, "").toUpperCase();

/** Which identifier decides the match: the VIN when both sides know it, else the plate. */
const compareVehicles = (
  insured: PolicySnapshot["insuredObject"],
  reported: LossFacts["insuredObject"],
): { compared: "vin" | "plate" | "none"; matches: boolean } => {
  if (insured.vin !== undefined && reported.vin !== undefined) {
    return { compared: "vin", matches: normalizeVin(insured.vin) === normalizeVin(reported.vin) };
  }
  if (insured.plate !== undefined && reported.plate !== undefined) {
    const matches = normalizePlate(insured.plate) === normalizePlate(reported.plate);
    return { compared: "plate", matches };
  }
  return { compared: "none", matches: false };
};

const insuredObjectMatches: CoverageRule = {
  id: "insured_object_matches",
  evaluate: (policy, loss) => {
    if (policy.insuredObject.kind !== "vehicle") return "not_applicable";
    const { compared, matches } = compareVehicles(policy.insuredObject, loss.insuredObject);
    if (matches) return "passed";
    const message =
      compared === "none"
        ? "The reported vehicle cannot be compared with the insured one (no common VIN or plate)"
        : `The reported vehicle's ${compared.toUpperCase()} differs from the insured one`;
    return domainError("coverage.object_mismatch", message, {
      compared,
      insured: { vin: policy.insuredObject.vin, plate: policy.insuredObject.plate },
      reported: { vin: loss.insuredObject.vin, plate: loss.insuredObject.plate },
    });
  },
};

const lossPlaceInTerritory: CoverageRule = {
  id: "loss_place_in_territory",
  evaluate: (policy, loss) => {
    const { countries, regions } = policy.territory;
    const { country, region } = loss.lossPlace;
    const countryCovered = countries.includes(country);
    const regionCovered =
      regions === undefined ||
      regions.length === 0 ||
      (region !== undefined && includesLabel(regions, region));
    if (countryCovered && regionCovered) return "passed";
    const where = region === undefined ? country : `${region}, ${country}`;
    return domainError("coverage.outside_territory", `${where} is outside the policy territory`, {
      country,
      region,
      territory: policy.territory,
    });
  },
};

const perilCovered: CoverageRule = {
  id: "peril_covered",
  evaluate: (policy, loss) =>
    policy.perils.includes(loss.peril)
      ? "passed"
      : domainError("coverage.peril_not_covered", `The policy does not cover ${loss.peril}`, {
          peril: loss.peril,
          coveredPerils: policy.perils,
        }),
};

const COVERAGE_RULES: readonly CoverageRule[] = [
  policyInForce,
  insuredObjectMatches,
  lossPlaceInTerritory,
  perilCovered,
];

const isFailure = (outcome: RuleOutcome): outcome is DomainError => typeof outcome !== "string";

/**
 * Checks a loss against a policy snapshot and stops at the first rule that fails, in this
 * order: policy in force on the loss date (period inclusive, cancelled from `cancelledFrom`
 * on), insured vehicle matches (VIN if both sides know it, else plate ignoring case and
 * spaces, else a mismatch), loss place inside the territory, peril covered.
 *
 * @example
 * ```ts
 * const result = checkCoverage(policy, {
 *   lossDate: "2026-03-01",
 *   peril: "collision",
 *   lossPlace: { country: "CN", region: "Beijing" },
 *   insuredObject: { plate: "京A 12345" },
 * });
 * // E.right({ policyId: "P-1", checkedRules: ["policy_in_force", …] })
 * // or E.left({ code: "coverage.outside_territory", … })
 * ```
 */
export const checkCoverage = (
  policy: PolicySnapshot,
  loss: LossFacts,
): E.Either<DomainError, CoverageConfirmation> => {
  const checkedRules: CoverageRuleId[] = [];
  for (const rule of COVERAGE_RULES) {
    const outcome = rule.evaluate(policy, loss);
    if (isFailure(outcome)) return E.left(outcome);
    if (outcome === "passed") checkedRules.push(rule.id);
  }
  return E.right({ policyId: policy.policyId, checkedRules });
};

/**
 * Every coverage rule that fails, in rule order; empty when the loss is covered.
 * For explanations to the claimant and the handler, where the first reason is not enough.
 *
 * @example
 * ```ts
 * checkCoverageAll(policy, loss).map((e) => e.code);
 * // ["coverage.outside_territory", "coverage.peril_not_covered"]
 * ```
 */
export const checkCoverageAll = (policy: PolicySnapshot, loss: LossFacts): readonly DomainError[] =>
  COVERAGE_RULES.map((rule) => rule.evaluate(policy, loss)).filter(isFailure);
