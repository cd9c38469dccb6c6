import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { type DomainError, domainError } from "../shared/errors.js";
import { IdSchema } from "../shared/ids.js";
import { LineOfBusinessSchema } from "../shared/vocabulary.js";
import { ComplexitySchema } from "./complexity.js";
import { includesLabel } from "./labels.js";

/**
 * An adjuster or surveyor as assignment sees them: skills (lines, regions, languages, the
 * most complex claims they take), capacity (about 16 active accidents per surveyor) and
 * current load. Regions and languages compare ignoring case and extra spaces.
 */
export const AdjusterProfileSchema = z
  .object({
    adjusterId: IdSchema,
    lines: z.array(LineOfBusinessSchema),
    regions: z.array(z.string().trim().min(1).max(100)),
    maxComplexity: ComplexitySchema,
    languages: z.array(z.string().trim().min(1).max(35)),
    capacity: z.number().int().min(1).default(16),
    activeClaims: z.number().int().min(0),
    available: z.boolean(),
  })
  .strict();
/** A parsed {@link AdjusterProfileSchema} (capacity filled in). */
export type AdjusterProfile = z.infer<typeof AdjusterProfileSchema>;

/** What the claim needs from its adjuster. */
export const AssignmentRequestSchema = z
  .object({
    line: LineOfBusinessSchema,
    region: z.string().trim().min(1).max(100),
    complexity: ComplexitySchema,
    language: z.string().trim().min(1).max(35).optional(),
  })
  .strict();
/** A parsed {@link AssignmentRequestSchema}. */
export type AssignmentRequest = z.infer<typeof AssignmentRequestSchema>;

/** The adjuster chosen, their load ratio before taking the claim, and why; storable in an event. */
export const AssignmentChoiceSchema = z
  .object({
    adjusterId: IdSchema,
    loadRatio: z.number().min(0).max(1),
    explanation: z.string(),
  })
  .strict();
/** A parsed {@link AssignmentChoiceSchema}. */
export type AssignmentChoice = z.infer<typeof AssignmentChoiceSchema>;

/** Why an adjuster cannot take a claim; stable codes, listed in this order. */
export const ADJUSTER_EXCLUSION_REASONS = [
  "unavailable",
  "line_not_handled",
  "region_not_covered",
  "complexity_too_high",
  "language_not_spoken",
  "at_capacity",
] as const;
/** One of {@link ADJUSTER_EXCLUSION_REASONS}. */
export type AdjusterExclusionReason = (typeof ADJUSTER_EXCLUSION_REASONS)[number];

/**
 * Every reason `adjuster` cannot take the claim described by `request`; empty when eligible.
 *
 * @example
 * ```ts
 * exclusionReasons({ line: "property", region: "Moscow", complexity: 4 }, adjuster);
 * // ["line_not_handled", "complexity_too_high"]
 * ```
 */
export const exclusionReasons = (
  request: AssignmentRequest,
  adjuster: AdjusterProfile,
): readonly AdjusterExclusionReason[] => {
  const checks: readonly [AdjusterExclusionReason, boolean][] = [
    ["unavailable", !adjuster.available],
    ["line_not_handled", !adjuster.lines.includes(request.line)],
    ["region_not_covered", !includesLabel(adjuster.regions, request.region)],
    ["complexity_too_high", request.complexity > adjuster.maxComplexity],
    [
      "language_not_spoken",
      request.language !== undefined && !includesLabel(adjuster.languages, request.language),
    ],
    ["at_capacity", adjuster.activeClaims >= adjuster.capacity],
  ];
  return checks.filter(([, excluded]) => excluded).map(([reason]) => reason);
};

/**
 * Orders adjusters by load: lower `activeClaims / capacity` first (compared by
 * cross-multiplication, so no float rounding), then fewer active claims, then `adjusterId`.
 */
export const compareAdjusterLoad = (a: AdjusterProfile, b: AdjusterProfile): number => {
  const byRatio = a.activeClaims * b.capacity - b.activeClaims * a.capacity;
  if (byRatio !== 0) return Math.sign(byRatio);
  if (a.activeClaims !== b.activeClaims) return Math.sign(a.activeClaims - b.activeClaims);
  return a.adjusterId < b.adjusterId ? -1 : a.adjusterId > b.adjusterId ? 1 : 0;
};

const explain = (
  chosen: AdjusterProfile,
  request: AssignmentRequest,
  eligibleCount: number,
): string => {
  const language = request.language === undefined ? "" : `, speaks ${request.language}`;
  const skills = `handles ${request.line} in ${request.region} up to complexity ${chosen.maxComplexity} (claim: ${request.complexity})${language}`;
  const load = `load ${chosen.activeClaims}/${chosen.capacity} is the lowest of ${eligibleCount} eligible adjuster(s)`;
  return `${chosen.adjusterId} ${skills}; ${load}`;
};

const noEligibleAdjuster = (
  request: AssignmentRequest,
  excluded: readonly { adjusterId: string; reasons: readonly AdjusterExclusionReason[] }[],
): DomainError =>
  domainError(
    "assignment.no_eligible_adjuster",
    excluded.length === 0
      ? "No adjusters to choose from"
      : `None of ${excluded.length} adjuster(s) can take a ${request.line} claim in ${request.region}`,
    { request, excluded },
  );

/**
 * Picks the adjuster for a claim: among those available, skilled for the line, region,
 * complexity and (if asked) language, and below capacity, the one with the lowest load ratio;
 * ties go to fewer active claims, then the smaller `adjusterId`, so the choice never depends
 * on input order. With nobody eligible, `assignment.no_eligible_adjuster` lists why each
 * adjuster was excluded.
 *
 * @example
 * ```ts
 * const choice = chooseAdjuster({ line: "motor_own_damage", region: "Beijing", complexity: 2 }, team);
 * // E.right({ adjusterId: "adj-3", loadRatio: 0.125, explanation: "adj-3 handles …" })
 * ```
 */
export const chooseAdjuster = (
  request: AssignmentRequest,
  adjusters: readonly AdjusterProfile[],
): E.Either<DomainError, AssignmentChoice> => {
  const assessed = adjusters.map((adjuster) => ({
    adjuster,
    reasons: exclusionReasons(request, adjuster),
  }));
  const eligible = assessed.filter((a) => a.reasons.length === 0).map((a) => a.adjuster);
  const [chosen] = [...eligible].sort(compareAdjusterLoad);
  if (chosen === undefined) {
    const excluded = assessed.map((a) => ({
      adjusterId: a.adjuster.adjusterId,
      reasons: a.reasons,
    }));
    return E.left(noEligibleAdjuster(request, excluded));
  }
  return E.right({
    adjusterId: chosen.adjusterId,
    loadRatio: chosen.activeClaims / chosen.capacity,
    explanation: explain(chosen, request, eligible.length),
  });
};
