import { Deadlines, IdSchema } from "@claimstream/domain";
import { z } from "zod";

/** A contract term: how long, counted how (calendar days, working days …). */
export const SlaTermSchema = z
  .object({
    length: z.number().int().positive().max(10_000),
    unit: Deadlines.DeadlineUnitSchema,
  })
  .strict();
/** A contract term; see {@link SlaTermSchema}. */
export type SlaTerm = z.infer<typeof SlaTermSchema>;

/**
 * One insurer's service levels, each optional: what it leaves out keeps the regulatory preset
 * (or has no deadline when no preset exists for the claim's jurisdiction).
 */
export const InsurerSlaSchema = z
  .object({
    acknowledge: SlaTermSchema.optional(),
    firstContact: SlaTermSchema.optional(),
    inspection: SlaTermSchema.optional(),
    decision: SlaTermSchema.optional(),
    paymentAfterAgreement: SlaTermSchema.optional(),
    repair: SlaTermSchema.optional(),
  })
  .strict();
/** One insurer's service levels; see {@link InsurerSlaSchema}. */
export type InsurerSla = z.infer<typeof InsurerSlaSchema>;

/**
 * The SLA configuration (`CLAIMSTREAM_SLA_CONFIG` as JSON, or the JSON file named by
 * `CLAIMSTREAM_SLA_CONFIG_FILE`): the at-risk fraction the deadline scheduler warns at, and
 * per-insurer terms applied on top of the regulatory presets.
 *
 * @example
 * ```json
 * {
 *   "atRiskFraction": 0.75,
 *   "insurers": {
 *     "pacific-mutual": {
 *       "paymentAfterAgreement": { "length": 5, "unit": "working_days" },
 *       "firstContact": { "length": 24, "unit": "hours" }
 *     }
 *   }
 * }
 * ```
 */
export const SlaConfigSchema = z
  .object({
    atRiskFraction: z.number().gt(0).lt(1).default(0.8),
    insurers: z.record(IdSchema, InsurerSlaSchema).default({}),
  })
  .strict();
/** The SLA configuration; see {@link SlaConfigSchema}. */
export type SlaConfig = z.infer<typeof SlaConfigSchema>;

/** No insurer terms, warnings at 80 % of a window. */
export const DEFAULT_SLA_CONFIG: SlaConfig = { atRiskFraction: 0.8, insurers: {} };
