import { z } from "zod";
import { PolicySnapshotSchema } from "../policy/snapshot.js";
import { IdSchema } from "../shared/ids.js";
import { commandSchema, TextSchema } from "../shared/messages.js";
import {
  CurrencySchema,
  MoneySchema,
  NonNegativeMoneySchema,
  PositiveMoneySchema,
} from "../shared/money.js";
import { InstantSchema, LocalDateSchema } from "../shared/time.js";
import { vehicleIdentityShape } from "../shared/vehicle.js";
import {
  CostTypeSchema,
  JurisdictionSchema,
  LineOfBusinessSchema,
  PerilSchema,
  RoleSchema,
} from "../shared/vocabulary.js";

/** Who reported the loss. Personal data: kept in one object so it can be crypto-shredded. */
export const ReporterSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().max(50).optional(),
    email: z.email().max(320).optional(),
  })
  .strict();
export type Reporter = z.infer<typeof ReporterSchema>;

/** Where the loss happened. */
export const LossPlaceSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/),
    region: z.string().trim().min(1).max(100),
    address: z.string().trim().max(500).optional(),
  })
  .strict();
export type LossPlace = z.infer<typeof LossPlaceSchema>;

/** The vehicle (or other object) as the reporter describes it. */
export const ReportedObjectSchema = z
  .object({
    ...vehicleIdentityShape,
  })
  .strict();

/** One line of a damage assessment or supplement: a part, labour, paint or other cost. */
export const AssessmentLineSchema = z
  .object({
    kind: z.enum(["part", "labour", "paint", "other"]),
    description: TextSchema,
    amount: NonNegativeMoneySchema,
  })
  .strict();
export type AssessmentLine = z.infer<typeof AssessmentLineSchema>;

/** First notice of loss: registers the claim. */
export const RegisterClaimSchema = commandSchema("RegisterClaim", {
  claimId: IdSchema,
  policyId: IdSchema,
  insurerId: IdSchema,
  line: LineOfBusinessSchema,
  jurisdiction: JurisdictionSchema,
  currency: CurrencySchema,
  lossDate: LocalDateSchema,
  lossPlace: LossPlaceSchema,
  peril: PerilSchema,
  description: TextSchema,
  channel: z.enum(["email", "phone", "web", "partner_api", "walk_in"]),
  referralNumber: z.string().trim().min(1).max(100).optional(),
  reporter: ReporterSchema,
  insuredObject: ReportedObjectSchema,
  estimatedAmount: NonNegativeMoneySchema.optional(),
});

export const AcknowledgeClaimSchema = commandSchema("AcknowledgeClaim", {});
export const RecordFirstContactSchema = commandSchema("RecordFirstContact", {
  channel: z.enum(["phone", "email", "sms", "visit"]),
});

/** Checks coverage against a snapshot of the claim's policy (loaded by the caller). */
export const VerifyCoverageSchema = commandSchema("VerifyCoverage", {
  policy: PolicySnapshotSchema,
});

/** Scores risk and decides fast track or fraud review, from facts the caller gathered. */
export const TriageClaimSchema = commandSchema("TriageClaim", {
  sumInsured: MoneySchema,
  policyStartDate: LocalDateSchema,
  priorClaimsLast12Months: z.number().int().min(0).max(1000),
  singleParty: z.boolean(),
  injuries: z.boolean(),
  policeReport: z.boolean(),
  lossHourLocal: z.number().int().min(0).max(23).optional(),
});

export const AssignAdjusterSchema = commandSchema("AssignAdjuster", {
  adjusterId: IdSchema,
  reason: z.string().trim().max(500).optional(),
});
export const RequestDocumentsSchema = commandSchema("RequestDocuments", {
  documents: z.array(z.string().trim().min(1).max(100)).min(1).max(50),
});
export const ReceiveDocumentSchema = commandSchema("ReceiveDocument", {
  document: z.string().trim().min(1).max(100),
});
export const BookInspectionSchema = commandSchema("BookInspection", {
  scheduledAt: InstantSchema,
  surveyorId: IdSchema,
});
export const CompleteInspectionSchema = commandSchema("CompleteInspection", {
  photos: z.array(z.string().trim().min(1).max(500)).max(200),
});
export const AssessDamageSchema = commandSchema("AssessDamage", {
  lines: z.array(AssessmentLineSchema).min(1).max(500),
});
export const RecordShopResponseSchema = commandSchema("RecordShopResponse", {
  response: z.enum(["confirmed", "disputed"]),
  reason: z.string().trim().max(2000).optional(),
});
export const RequestSupplementSchema = commandSchema("RequestSupplement", {
  supplementId: IdSchema,
  lines: z.array(AssessmentLineSchema).min(1).max(200),
  reason: TextSchema,
});
export const ApproveSupplementSchema = commandSchema("ApproveSupplement", {
  supplementId: IdSchema,
});
export const RejectSupplementSchema = commandSchema("RejectSupplement", {
  supplementId: IdSchema,
  reason: TextSchema,
});

/** Sets the case reserve of a cost type to a new balance; the event records the delta. */
export const SetReserveSchema = commandSchema("SetReserve", {
  costType: CostTypeSchema,
  balance: NonNegativeMoneySchema,
  reason: z.string().trim().max(500).optional(),
});
export const AgreeSettlementSchema = commandSchema("AgreeSettlement", {
  amount: NonNegativeMoneySchema,
  method: z.enum(["repair", "cash"]),
});
export const DenyClaimSchema = commandSchema("DenyClaim", { reason: TextSchema });
export const SendRefusalNoticeSchema = commandSchema("SendRefusalNotice", {});
/**
 * Commits a payout's amount against the claim before the payout is requested (sent by the
 * system on every `RequestPayout`): indemnity within the agreed settlement, expense within the
 * expense reserve, counting every payout already committed and not released.
 */
export const CommitPayoutSchema = commandSchema("CommitPayout", {
  payoutId: IdSchema,
  amount: PositiveMoneySchema,
  costType: CostTypeSchema,
});
/**
 * Records a payout's approval on the claim before the payout is approved (sent by the system
 * on every `ApprovePayout`): the approver's limit applies to everything approved on the claim,
 * so splitting a sum into payouts cannot get around it.
 */
export const ApprovePayoutCommitmentSchema = commandSchema("ApprovePayoutCommitment", {
  payoutId: IdSchema,
  approverId: IdSchema,
  approverRole: RoleSchema,
});
/** Releases a committed payout that will not be paid (rejected, voided before issue). */
export const ReleasePayoutCommitmentSchema = commandSchema("ReleasePayoutCommitment", {
  payoutId: IdSchema,
  reason: TextSchema,
});
/** A payout was issued for this claim (sent by the process manager). */
export const RecordPaymentSchema = commandSchema("RecordPayment", {
  payoutId: IdSchema,
  amount: PositiveMoneySchema,
  costType: CostTypeSchema,
});
/** An issued payout was reversed (bounced, voided after issue): the claim's paid total falls back. */
export const ReversePaymentSchema = commandSchema("ReversePayment", {
  payoutId: IdSchema,
  reason: TextSchema,
});
export const RecordRecoverySchema = commandSchema("RecordRecovery", {
  kind: z.enum(["subrogation", "salvage"]),
  amount: PositiveMoneySchema,
  payoutId: IdSchema.optional(),
});
export const CloseClaimSchema = commandSchema("CloseClaim", {
  outcome: z.enum(["paid", "denied", "withdrawn", "duplicate"]),
});
export const ReopenClaimSchema = commandSchema("ReopenClaim", { reason: TextSchema });
export const PauseDeadlineSchema = commandSchema("PauseDeadline", {
  deadlineId: z.string().min(1).max(200),
  reason: z.string().trim().max(500).optional(),
});
export const ResumeDeadlineSchema = commandSchema("ResumeDeadline", {
  deadlineId: z.string().min(1).max(200),
});
/** Sent by the deadline scheduler when a deadline's window has run out. */
export const MarkDeadlineBreachedSchema = commandSchema("MarkDeadlineBreached", {
  deadlineId: z.string().min(1).max(200),
});
/**
 * Sent by the system once a jurisdiction's holiday table was extended: provisional deadlines
 * (counted past the old table's end) are counted again on the longer table.
 */
export const RecomputeDeadlinesSchema = commandSchema("RecomputeDeadlines", {});
/** Sent by the deadline scheduler when a set fraction of a deadline's window has passed. */
export const FlagDeadlineAtRiskSchema = commandSchema("FlagDeadlineAtRisk", {
  deadlineId: z.string().min(1).max(200),
  fraction: z.number().gt(0).lt(1),
});
export const RecordFeedbackSchema = commandSchema("RecordFeedback", {
  csat: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export const FileComplaintSchema = commandSchema("FileComplaint", { text: TextSchema });

/** Every command the Claim aggregate accepts, discriminated by `type`. */
export const ClaimCommandSchema = z.discriminatedUnion("type", [
  RegisterClaimSchema,
  AcknowledgeClaimSchema,
  RecordFirstContactSchema,
  VerifyCoverageSchema,
  TriageClaimSchema,
  AssignAdjusterSchema,
  RequestDocumentsSchema,
  ReceiveDocumentSchema,
  BookInspectionSchema,
  CompleteInspectionSchema,
  AssessDamageSchema,
  RecordShopResponseSchema,
  RequestSupplementSchema,
  ApproveSupplementSchema,
  RejectSupplementSchema,
  SetReserveSchema,
  AgreeSettlementSchema,
  DenyClaimSchema,
  SendRefusalNoticeSchema,
  RecordPaymentSchema,
  ReversePaymentSchema,
  RecordRecoverySchema,
  CloseClaimSchema,
  ReopenClaimSchema,
  PauseDeadlineSchema,
  ResumeDeadlineSchema,
  MarkDeadlineBreachedSchema,
  FlagDeadlineAtRiskSchema,
  RecomputeDeadlinesSchema,
  RecordFeedbackSchema,
  FileComplaintSchema,
  CommitPayoutSchema,
  ApprovePayoutCommitmentSchema,
  ReleasePayoutCommitmentSchema,
]);
export type ClaimCommand = z.infer<typeof ClaimCommandSchema>;
/** The command as a caller may write it (`schemaVersion` may be omitted). */
export type ClaimCommandInput = z.input<typeof ClaimCommandSchema>;
/** The command of one `type`. */
export type ClaimCommandOf<T extends ClaimCommand["type"]> = Extract<ClaimCommand, { type: T }>;
