/**
 * Pure business rules: coverage, risk triage, fast track, complexity and adjuster assignment.
 * Every rule takes its configuration as an argument; none reads a clock.
 */
export {
  type ApprovalLimits,
  ApprovalLimitsSchema,
  checkApprovalLimit,
  DEFAULT_APPROVAL_LIMITS,
  type RoleApprovalLimit,
  RoleApprovalLimitSchema,
} from "./approval.js";
export {
  ADJUSTER_EXCLUSION_REASONS,
  type AdjusterExclusionReason,
  type AdjusterProfile,
  AdjusterProfileSchema,
  type AssignmentChoice,
  AssignmentChoiceSchema,
  type AssignmentRequest,
  AssignmentRequestSchema,
  chooseAdjuster,
  compareAdjusterLoad,
  exclusionReasons,
} from "./assignment.js";
export {
  type Complexity,
  type ComplexityConfig,
  ComplexityConfigSchema,
  type ComplexityFacts,
  ComplexitySchema,
  complexityOf,
  DEFAULT_COMPLEXITY_CONFIG,
} from "./complexity.js";
export {
  COVERAGE_RULE_IDS,
  type CoverageConfirmation,
  CoverageConfirmationSchema,
  type CoverageRuleId,
  CoverageRuleIdSchema,
  checkCoverage,
  checkCoverageAll,
  type LossFacts,
  LossFactsSchema,
  type LossPlace,
  LossPlaceSchema,
} from "./coverage.js";
export {
  DEFAULT_FAST_TRACK_CONFIG,
  FAST_TRACK_REASONS,
  type FastTrackConfig,
  FastTrackConfigSchema,
  type FastTrackDecision,
  FastTrackDecisionSchema,
  type FastTrackFacts,
  type FastTrackReason,
  FastTrackReasonSchema,
  fastTrackEligibility,
} from "./fast-track.js";
export {
  DEFAULT_RISK_BANDS,
  DEFAULT_RISK_RULES,
  type RiskAssessment,
  RiskAssessmentSchema,
  type RiskBand,
  RiskBandSchema,
  type RiskBands,
  RiskBandsSchema,
  type RiskFacts,
  RiskFactsSchema,
  type RiskHit,
  RiskHitSchema,
  type RiskRule,
  requiresFraudReview,
  riskBandOf,
  scoreRisk,
} from "./risk.js";
