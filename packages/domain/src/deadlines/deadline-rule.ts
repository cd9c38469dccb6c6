import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { JurisdictionSchema } from "../shared/vocabulary.js";

/** What a deadline is for. */
export const DeadlineKindSchema = z.enum([
  "acknowledge",
  "first_contact",
  "inspection",
  "decision",
  "refusal_notice",
  "payment",
  "repair",
  "fast_track_settlement",
]);
/** What a deadline is for. */
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

/**
 * How a deadline's length is counted.
 *
 * - `calendar_days`: every day counts.
 * - `working_days`: only working days of the jurisdiction's business calendar count.
 * - `calendar_days_excluding_holidays`: every day but public holidays counts (weekends do).
 * - `hours`: elapsed time, to the millisecond.
 *
 * Day counts start the day after the start event (the start day never counts) and end at the
 * end of the last counted day, in UTC.
 */
export const DeadlineUnitSchema = z.enum([
  "calendar_days",
  "working_days",
  "calendar_days_excluding_holidays",
  "hours",
]);
/** How a deadline's length is counted; see {@link DeadlineUnitSchema}. */
export type DeadlineUnit = z.infer<typeof DeadlineUnitSchema>;

/** Units whose counting needs a jurisdiction's business calendar. */
export const CALENDAR_BOUND_UNITS: readonly DeadlineUnit[] = [
  "working_days",
  "calendar_days_excluding_holidays",
];

const EventTypesSchema = z.array(z.string().min(1).max(100));

/**
 * A deadline as configuration: how long, counted how, where, by what authority, and which
 * event types start, stop, pause and resume it. Insurers ship their own or override the
 * presets per contract.
 *
 * `jurisdiction` is `null` for rules that apply in every jurisdiction (an insurer's own
 * service promise); such rules must use a unit that needs no holiday table (`hours` or
 * `calendar_days`).
 *
 * @example
 * ```ts
 * const rule = DeadlineRuleSchema.parse({
 *   id: "cn.decision_30d", kind: "decision", length: 30, unit: "calendar_days",
 *   jurisdiction: "CN", source: "PRC Insurance Law art. 23",
 *   startsOn: ["DocumentsCompleted"], stopsOn: ["SettlementAgreed", "ClaimDenied"],
 * });
 * ```
 */
export const DeadlineRuleSchema = z
  .object({
    id: IdSchema,
    kind: DeadlineKindSchema,
    length: z.number().int().positive().max(10_000),
    unit: DeadlineUnitSchema,
    jurisdiction: JurisdictionSchema.nullable(),
    /** Citation of the law, regulation or contract clause the rule comes from. */
    source: z.string().trim().min(1).max(500),
    startsOn: EventTypesSchema.min(1),
    stopsOn: EventTypesSchema.min(1),
    pausesOn: EventTypesSchema.optional(),
    resumesOn: EventTypesSchema.optional(),
    /** Penalty per day late, in basis points of the amount due (1 % = 100). */
    latePenaltyBasisPointsPerDay: z.number().int().nonnegative().max(10_000).optional(),
  })
  .strict()
  .refine((rule) => rule.jurisdiction !== null || !CALENDAR_BOUND_UNITS.includes(rule.unit), {
    message: "a rule counted in working days or excluding holidays needs a jurisdiction",
    path: ["jurisdiction"],
  });
/** A deadline as configuration; see {@link DeadlineRuleSchema}. */
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/**
 * The part of a rule that fixes when a deadline falls due: its length, unit and (for
 * calendar-bound units) jurisdiction.
 */
export type DeadlineTerm = Pick<DeadlineRule, "length" | "unit" | "jurisdiction">;
