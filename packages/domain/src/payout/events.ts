import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { eventSchema, TextSchema } from "../shared/messages.js";
import { PositiveMoneySchema } from "../shared/money.js";
import { CostTypeSchema, RoleSchema } from "../shared/vocabulary.js";
import { PayeeSchema, RecoveryKindSchema } from "./commands.js";

/** A payout was requested (stream `payout-{payoutId}` starts here). `payee` is personal data. */
export const PayoutRequestedSchema = eventSchema("PayoutRequested", {
  payoutId: IdSchema,
  claimId: IdSchema,
  insurerId: IdSchema,
  payee: PayeeSchema,
  amount: PositiveMoneySchema,
  costType: CostTypeSchema,
  reason: TextSchema,
  requestedBy: IdSchema,
});

/** The payout was approved within the approver's limit. */
export const PayoutApprovedSchema = eventSchema("PayoutApproved", {
  approverId: IdSchema,
  approverRole: RoleSchema,
});

/** The payout was refused; it will not be paid. */
export const PayoutRejectedSchema = eventSchema("PayoutRejected", {
  rejectedBy: IdSchema,
  reason: TextSchema,
});

/** The money left: `amount` is what was paid (the approved amount). */
export const PayoutIssuedSchema = eventSchema("PayoutIssued", {
  paymentReference: z.string().trim().min(1).max(200),
  amount: PositiveMoneySchema,
});

/** Sending the approved payment failed. */
export const PayoutFailedSchema = eventSchema("PayoutFailed", { reason: TextSchema });

/** A failed payout is approved for payment again. */
export const PayoutRetriedSchema = eventSchema("PayoutRetried", { reason: TextSchema.optional() });

/** The payout was voided; `reversal` is true when it had been issued and the payment is reversed. */
export const PayoutVoidedSchema = eventSchema("PayoutVoided", {
  reason: TextSchema,
  reversal: z.boolean(),
});

/** Money was recovered against the issued payout. */
export const RecoveryRecordedSchema = eventSchema("RecoveryRecorded", {
  kind: RecoveryKindSchema,
  amount: PositiveMoneySchema,
  from: z.string().trim().min(1).max(200),
});

/** Every event of a `payout-{id}` stream, discriminated by `type`. */
export const PayoutEventSchema = z.discriminatedUnion("type", [
  PayoutRequestedSchema,
  PayoutApprovedSchema,
  PayoutRejectedSchema,
  PayoutIssuedSchema,
  PayoutFailedSchema,
  PayoutRetriedSchema,
  PayoutVoidedSchema,
  RecoveryRecordedSchema,
]);
export type PayoutEvent = z.infer<typeof PayoutEventSchema>;
/** The event of one `type`. */
export type PayoutEventOf<T extends PayoutEvent["type"]> = Extract<PayoutEvent, { type: T }>;
