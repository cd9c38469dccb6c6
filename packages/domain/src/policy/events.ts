import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { eventSchema, TextSchema } from "../shared/messages.js";
import { NonNegativeMoneySchema, PositiveMoneySchema } from "../shared/money.js";
import { LocalDateSchema } from "../shared/time.js";
import { JurisdictionSchema, LineOfBusinessSchema } from "../shared/vocabulary.js";
import { CoveredPerilsSchema, EndorsementChangesSchema, PolicyHolderSchema } from "./commands.js";
import { InsuredObjectSchema, TerritorySchema } from "./snapshot.js";

/** A policy was issued (stream `policy-{policyId}` starts here). `holder` is personal data. */
export const PolicyIssuedSchema = eventSchema("PolicyIssued", {
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
export type PolicyIssued = z.infer<typeof PolicyIssuedSchema>;

/** The cover changed from `effectiveDate` on; only the changed terms are listed. */
export const PolicyEndorsedSchema = eventSchema("PolicyEndorsed", {
  effectiveDate: LocalDateSchema,
  changes: EndorsementChangesSchema,
  reason: TextSchema.optional(),
});
export type PolicyEndorsed = z.infer<typeof PolicyEndorsedSchema>;

/** The policy gives no cover from `cancelledFrom` on. */
export const PolicyCancelledSchema = eventSchema("PolicyCancelled", {
  cancelledFrom: LocalDateSchema,
  refundPremium: NonNegativeMoneySchema.optional(),
  reason: TextSchema.optional(),
});
export type PolicyCancelled = z.infer<typeof PolicyCancelledSchema>;

/** Every event of a `policy-{id}` stream, discriminated by `type`. */
export const PolicyEventSchema = z.discriminatedUnion("type", [
  PolicyIssuedSchema,
  PolicyEndorsedSchema,
  PolicyCancelledSchema,
]);
export type PolicyEvent = z.infer<typeof PolicyEventSchema>;
/** The event of one `type`. */
export type PolicyEventOf<T extends PolicyEvent["type"]> = Extract<PolicyEvent, { type: T }>;
