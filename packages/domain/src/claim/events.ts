import { z } from "zod";
import { DeadlineSchema } from "../deadlines/deadline.js";
import { RiskAssessmentSchema } from "../rules/risk.js";
import { IdSchema } from "../shared/ids.js";
import { eventSchema, TextSchema } from "../shared/messages.js";
import { CurrencySchema, MoneySchema } from "../shared/money.js";
import { InstantSchema, LocalDateSchema } from "../shared/time.js";
import {
  CostTypeSchema,
  JurisdictionSchema,
  LineOfBusinessSchema,
  PerilSchema,
  RoleSchema,
} from "../shared/vocabulary.js";
import {
  AssessmentLineSchema,
  LossPlaceSchema,
  ReportedObjectSchema,
  ReporterSchema,
} from "./commands.js";

const DeadlineIdSchema = z.string().min(1).max(200);

export const ClaimRegisteredSchema = eventSchema("ClaimRegistered", {
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
  referralNumber: z.string().nullable(),
  reporter: ReporterSchema,
  insuredObject: ReportedObjectSchema,
  estimatedAmount: MoneySchema.nullable(),
});
export const ClaimAcknowledgedSchema = eventSchema("ClaimAcknowledged", {});
export const FirstContactMadeSchema = eventSchema("FirstContactMade", {
  channel: z.enum(["phone", "email", "sms", "visit"]),
});
export const CoverageVerifiedSchema = eventSchema("CoverageVerified", {
  policyId: IdSchema,
  checkedRules: z.array(z.string()),
});
export const CoverageDeniedSchema = eventSchema("CoverageDenied", {
  policyId: IdSchema,
  code: z.string(),
  reason: z.string(),
});
export const RiskScoredSchema = eventSchema("RiskScored", { assessment: RiskAssessmentSchema });
export const FastTrackApprovedSchema = eventSchema("FastTrackApproved", { limit: MoneySchema });
export const ReferredToFraudReviewSchema = eventSchema("ReferredToFraudReview", {
  score: z.number(),
  ruleIds: z.array(z.string()),
});
export const AdjusterAssignedSchema = eventSchema("AdjusterAssigned", {
  adjusterId: IdSchema,
  previousAdjusterId: IdSchema.nullable(),
  reason: z.string().nullable(),
});
export const DocumentsRequestedSchema = eventSchema("DocumentsRequested", {
  documents: z.array(z.string()),
});
export const DocumentReceivedSchema = eventSchema("DocumentReceived", { document: z.string() });
export const DocumentsCompletedSchema = eventSchema("DocumentsCompleted", {
  documents: z.array(z.string()),
});
export const InspectionBookedSchema = eventSchema("InspectionBooked", {
  scheduledAt: InstantSchema,
  surveyorId: IdSchema,
});
export const InspectionCompletedSchema = eventSchema("InspectionCompleted", {
  photos: z.array(z.string()),
});
export const DamageAssessedSchema = eventSchema("DamageAssessed", {
  lines: z.array(AssessmentLineSchema),
  total: MoneySchema,
});
export const AssessmentConfirmedSchema = eventSchema("AssessmentConfirmed", {
  reason: z.string().nullable(),
});
export const AssessmentDisputedSchema = eventSchema("AssessmentDisputed", {
  reason: z.string().nullable(),
});
export const SupplementRequestedSchema = eventSchema("SupplementRequested", {
  supplementId: IdSchema,
  lines: z.array(AssessmentLineSchema),
  total: MoneySchema,
  reason: z.string(),
});
export const SupplementApprovedSchema = eventSchema("SupplementApproved", {
  supplementId: IdSchema,
  total: MoneySchema,
});
export const SupplementRejectedSchema = eventSchema("SupplementRejected", {
  supplementId: IdSchema,
  reason: z.string(),
});
/** A case reserve moved: `balance` is the new balance, `delta` the change that got it there. */
export const ReserveChangedSchema = eventSchema("ReserveChanged", {
  costType: CostTypeSchema,
  delta: MoneySchema,
  balance: MoneySchema,
  reason: z.string().nullable(),
});
export const SettlementAgreedSchema = eventSchema("SettlementAgreed", {
  amount: MoneySchema,
  method: z.enum(["repair", "cash"]),
});
export const ClaimDeniedSchema = eventSchema("ClaimDenied", {
  reason: z.string(),
  code: z.string().nullable(),
});
export const RefusalNoticeSentSchema = eventSchema("RefusalNoticeSent", {});
/** A payout's amount is committed against the claim (it is then requested). */
export const PayoutCommittedSchema = eventSchema("PayoutCommitted", {
  payoutId: IdSchema,
  amount: MoneySchema,
  costType: CostTypeSchema,
});
/** A committed payout was approved, by whom and in which role. */
export const PayoutCommitmentApprovedSchema = eventSchema("PayoutCommitmentApproved", {
  payoutId: IdSchema,
  approverId: IdSchema,
  approverRole: RoleSchema,
  amount: MoneySchema,
});
/** A committed payout will not be paid: its amount is free again. */
export const PayoutCommitmentReleasedSchema = eventSchema("PayoutCommitmentReleased", {
  payoutId: IdSchema,
  amount: MoneySchema,
  costType: CostTypeSchema,
  reason: z.string(),
});
export const ClaimPaymentRecordedSchema = eventSchema("ClaimPaymentRecorded", {
  payoutId: IdSchema,
  amount: MoneySchema,
  costType: CostTypeSchema,
});
export const ClaimPaymentReversedSchema = eventSchema("ClaimPaymentReversed", {
  payoutId: IdSchema,
  amount: MoneySchema,
  costType: CostTypeSchema,
  reason: z.string(),
});
export const RecoveryRecordedSchema = eventSchema("RecoveryRecorded", {
  kind: z.enum(["subrogation", "salvage"]),
  amount: MoneySchema,
  payoutId: IdSchema.nullable(),
});
export const ClaimClosedSchema = eventSchema("ClaimClosed", {
  outcome: z.enum(["paid", "denied", "withdrawn", "duplicate"]),
});
export const ClaimReopenedSchema = eventSchema("ClaimReopened", { reason: z.string() });
export const DeadlineStartedSchema = eventSchema("DeadlineStarted", { deadline: DeadlineSchema });
export const DeadlinePausedSchema = eventSchema("DeadlinePaused", {
  deadlineId: DeadlineIdSchema,
  reason: z.string().nullable(),
});
export const DeadlineResumedSchema = eventSchema("DeadlineResumed", {
  deadlineId: DeadlineIdSchema,
  dueAt: InstantSchema,
  /**
   * The holiday table's end when the new due time lies past it (provisional), `null` when it is
   * exact; absent on events recorded before this field (the deadline's flag then stands).
   */
  tableEnd: LocalDateSchema.nullable().optional(),
});
/** A provisional deadline counted again on a longer holiday table. */
export const DeadlineRecomputedSchema = eventSchema("DeadlineRecomputed", {
  deadlineId: DeadlineIdSchema,
  dueAt: InstantSchema,
  previousDueAt: InstantSchema,
  /** Still past the (longer) table's end, and that end. */
  provisional: z.boolean(),
  tableEnd: LocalDateSchema.nullable(),
});
export const DeadlineMetSchema = eventSchema("DeadlineMet", {
  deadlineId: DeadlineIdSchema,
  onTime: z.boolean(),
});
export const DeadlineAtRiskSchema = eventSchema("DeadlineAtRisk", {
  deadlineId: DeadlineIdSchema,
  fraction: z.number(),
  dueAt: InstantSchema,
});
export const DeadlineBreachedSchema = eventSchema("DeadlineBreached", {
  deadlineId: DeadlineIdSchema,
  dueAt: InstantSchema,
});
export const FeedbackRecordedSchema = eventSchema("FeedbackRecorded", {
  csat: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
});
export const ComplaintFiledSchema = eventSchema("ComplaintFiled", { text: z.string() });

/** Every event of the Claim aggregate, discriminated by `type`. */
export const ClaimEventSchema = z.discriminatedUnion("type", [
  ClaimRegisteredSchema,
  ClaimAcknowledgedSchema,
  FirstContactMadeSchema,
  CoverageVerifiedSchema,
  CoverageDeniedSchema,
  RiskScoredSchema,
  FastTrackApprovedSchema,
  ReferredToFraudReviewSchema,
  AdjusterAssignedSchema,
  DocumentsRequestedSchema,
  DocumentReceivedSchema,
  DocumentsCompletedSchema,
  InspectionBookedSchema,
  InspectionCompletedSchema,
  DamageAssessedSchema,
  AssessmentConfirmedSchema,
  AssessmentDisputedSchema,
  SupplementRequestedSchema,
  SupplementApprovedSchema,
  SupplementRejectedSchema,
  ReserveChangedSchema,
  SettlementAgreedSchema,
  ClaimDeniedSchema,
  RefusalNoticeSentSchema,
  ClaimPaymentRecordedSchema,
  ClaimPaymentReversedSchema,
  RecoveryRecordedSchema,
  ClaimClosedSchema,
  ClaimReopenedSchema,
  DeadlineStartedSchema,
  DeadlinePausedSchema,
  DeadlineResumedSchema,
  DeadlineRecomputedSchema,
  DeadlineMetSchema,
  DeadlineAtRiskSchema,
  DeadlineBreachedSchema,
  FeedbackRecordedSchema,
  ComplaintFiledSchema,
  PayoutCommittedSchema,
  PayoutCommitmentApprovedSchema,
  PayoutCommitmentReleasedSchema,
]);
export type ClaimEvent = z.infer<typeof ClaimEventSchema>;
/** The event of one `type`. */
export type ClaimEventOf<T extends ClaimEvent["type"]> = Extract<ClaimEvent, { type: T }>;
/** All claim event type names. */
export const CLAIM_EVENT_TYPES = ClaimEventSchema.options.map((o) => o.shape.type.value);
