import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { MoneySchema } from "../shared/money.js";
import { LocalDateSchema } from "../shared/time.js";
import { vehicleIdentityShape } from "../shared/vehicle.js";
import { JurisdictionSchema, LineOfBusinessSchema, PerilSchema } from "../shared/vocabulary.js";

/** The insured object: a vehicle (VIN and/or plate) or another object with a free reference. */
export const InsuredObjectSchema = z
  .object({
    kind: z.enum(["vehicle", "property", "person"]),
    ...vehicleIdentityShape,
    reference: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(500).optional(),
  })
  .strict();
export type InsuredObject = z.infer<typeof InsuredObjectSchema>;

/** Where a policy applies: a list of ISO 3166 country codes, optionally narrowed to regions. */
export const TerritorySchema = z
  .object({
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
    regions: z.array(z.string().trim().min(1).max(100)).optional(),
  })
  .strict();
export type Territory = z.infer<typeof TerritorySchema>;

/**
 * What a claim needs to know of its policy: a coverage snapshot taken from the Policy
 * aggregate's state. Period dates are inclusive (`startDate` … `endDate`).
 */
export const PolicySnapshotSchema = z
  .object({
    policyId: IdSchema,
    insurerId: IdSchema,
    line: LineOfBusinessSchema,
    jurisdiction: JurisdictionSchema,
    insuredObject: InsuredObjectSchema,
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    cancelledFrom: LocalDateSchema.nullable(),
    territory: TerritorySchema,
    perils: z.array(PerilSchema).min(1),
    sumInsured: MoneySchema,
    deductible: MoneySchema,
  })
  .strict();
export type PolicySnapshot = z.infer<typeof PolicySnapshotSchema>;
