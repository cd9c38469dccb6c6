import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { commandSchema, TextSchema } from "../shared/messages.js";
import { PositiveMoneySchema } from "../shared/money.js";
import { CostTypeSchema, RoleSchema } from "../shared/vocabulary.js";

/**
 * Who receives the money: the policyholder or the repair shop. Personal data (name, bank
 * account): kept in this one object so it can be crypto-shredded later.
 */
export const PayeeSchema = z
  .object({
    kind: z.enum(["policyholder", "shop"]),
    id: IdSchema,
    name: z.string().trim().min(1).max(200),
    account: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type Payee = z.infer<typeof PayeeSchema>;

/** Kinds of recovery: from a liable third party (subrogation) or from selling salvage. */
export const RecoveryKindSchema = z.enum(["subrogation", "salvage"]);
export type RecoveryKind = z.infer<typeof RecoveryKindSchema>;

/** Asks for one payment on a claim; the payout's currency is `amount`'s. */
export const RequestPayoutSchema = commandSchema("RequestPayout", {
  payoutId: IdSchema,
  claimId: IdSchema,
  insurerId: IdSchema,
  payee: PayeeSchema,
  amount: PositiveMoneySchema,
  costType: CostTypeSchema,
  reason: TextSchema,
  requestedBy: IdSchema,
});

/** Approves the payout, within the approver role's limit and not by its requester. */
export const ApprovePayoutSchema = commandSchema("ApprovePayout", {
  approverId: IdSchema,
  approverRole: RoleSchema,
});

/** Refuses a requested payout for good. */
export const RejectPayoutSchema = commandSchema("RejectPayout", {
  rejectedBy: IdSchema,
  reason: TextSchema,
});

/** The money was sent; `paymentReference` is the bank's or the payment system's reference. */
export const IssuePayoutSchema = commandSchema("IssuePayout", {
  paymentReference: z.string().trim().min(1).max(200),
});

/** Sending the approved payment failed; it may be retried or voided. */
export const FailPayoutSchema = commandSchema("FailPayout", { reason: TextSchema });

/** Puts a failed payout back to approved, to be issued again. */
export const RetryPayoutSchema = commandSchema("RetryPayout", { reason: TextSchema.optional() });

/** Voids the payout: before issue it simply will not be paid; after issue it is reversed. */
export const VoidPayoutSchema = commandSchema("VoidPayout", { reason: TextSchema });

/** Money recovered against this payout; `from` names who paid it (an insurer, a salvage buyer). */
export const RecordRecoverySchema = commandSchema("RecordRecovery", {
  kind: RecoveryKindSchema,
  amount: PositiveMoneySchema,
  from: z.string().trim().min(1).max(200),
});

/** Every command the Payout aggregate accepts, discriminated by `type`. */
export const PayoutCommandSchema = z.discriminatedUnion("type", [
  RequestPayoutSchema,
  ApprovePayoutSchema,
  RejectPayoutSchema,
  IssuePayoutSchema,
  FailPayoutSchema,
  RetryPayoutSchema,
  VoidPayoutSchema,
  RecordRecoverySchema,
]);
export type PayoutCommand = z.infer<typeof PayoutCommandSchema>;
/** The command as a caller may write it (`schemaVersion` may be omitted). */
export type PayoutCommandInput = z.input<typeof PayoutCommandSchema>;
/** The command of one `type`. */
export type PayoutCommandOf<T extends PayoutCommand["type"]> = Extract<PayoutCommand, { type: T }>;
