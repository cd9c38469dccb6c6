import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { commandSchema, TextSchema } from "../shared/messages.js";
import { NonNegativeMoneySchema, PositiveMoneySchema } from "../shared/money.js";
import { LocalDateSchema } from "../shared/time.js";
import { JurisdictionSchema, LineOfBusinessSchema, PerilSchema } from "../shared/vocabulary.js";
import { InsuredObjectSchema, TerritorySchema } from "./snapshot.js";

/**
 * The policyholder. Personal data: kept in this one object so that it can be encrypted with
 * the holder's key and crypto-shredded later without touching the rest of the event.
 */
export const PolicyHolderSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320).optional(),
    phone: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type PolicyHolder = z.infer<typeof PolicyHolderSchema>;

/** Covered perils: at least one, each listed once. */
export const CoveredPerilsSchema = z
  .array(PerilSchema)
  .min(1)
  .refine((perils) => new Set(perils).size === perils.length, {
    message: "each peril may be listed once",
  });

/**
 * What an endorsement changes: any of sum insured, perils, territory and insured object,
 * at least one of them. Fields left out keep their value.
 */
export const EndorsementChangesSchema = z
  .object({
    sumInsured: PositiveMoneySchema.optional(),
    perils: CoveredPerilsSchema.optional(),
    territory: TerritorySchema.optional(),
    insuredObject: InsuredObjectSchema.optional(),
  })
  .strict()
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), {
    message: "an endorsement changes at least one term",
  });
export type EndorsementChanges = z.infer<typeof EndorsementChangesSchema>;

/**
 * Issues a policy: the written contract with its period (inclusive dates), cover and premium.
 * `sumInsured`, `deductible` and `writtenPremium` share one currency, the policy's currency.
 * `region` is the underwriting region the analytics slice by.
 */
export const IssuePolicySchema = commandSchema("IssuePolicy", {
  policyId: IdSchema,
  insurerId: IdSchema,
  policyNumber: z.string().trim().min(1).max(100),
  line: LineOfBusinessSchema,
  jurisdiction: JurisdictionSchema,
  holder: PolicyHolderSchema,
  insuredObject: InsuredObjectSchema,
  startDate: LocalDateSchema,
  endDate: LocalDateSchema,
  territory: TerritorySchema,
  perils: CoveredPerilsSchema,
  sumInsured: PositiveMoneySchema,
  deductible: NonNegativeMoneySchema,
  writtenPremium: NonNegativeMoneySchema,
  region: z.string().trim().min(1).max(100),
});

/** Changes the cover from `effectiveDate` (inside the policy period) on. */
export const EndorsePolicySchema = commandSchema("EndorsePolicy", {
  effectiveDate: LocalDateSchema,
  changes: EndorsementChangesSchema,
  reason: TextSchema.optional(),
});

/**
 * Cancels the policy: it gives no cover from `cancelledFrom` (inside the period) on, so
 * `cancelledFrom` is the first day without cover. `refundPremium` is what the holder gets
 * back, at most the written premium.
 */
export const CancelPolicySchema = commandSchema("CancelPolicy", {
  cancelledFrom: LocalDateSchema,
  refundPremium: NonNegativeMoneySchema.optional(),
  reason: TextSchema.optional(),
});

/** Every command the Policy aggregate accepts, discriminated by `type`. */
export const PolicyCommandSchema = z.discriminatedUnion("type", [
  IssuePolicySchema,
  EndorsePolicySchema,
  CancelPolicySchema,
]);
export type PolicyCommand = z.infer<typeof PolicyCommandSchema>;
/** The command as a caller may write it (`schemaVersion` may be omitted). */
export type PolicyCommandInput = z.input<typeof PolicyCommandSchema>;
/** The command of one `type`. */
export type PolicyCommandOf<T extends PolicyCommand["type"]> = Extract<PolicyCommand, { type: T }>;
