/** Insurer scorecard read model: how an insurer pays, assesses and settles, seen by its shops. */
export { insurerScorecardProjection } from "./projection.js";
export {
  type HandoverToPayment,
  type InsurerScorecardParams,
  type InsurerScorecardRow,
  insurerScorecard,
} from "./queries.js";
export {
  type InsurerScorecardTables,
  migrateInsurerScorecard,
  type ScorecardAssessmentTable,
  type ScorecardClaimTable,
  type ScorecardPayoutTable,
  type ScorecardRepairOrderTable,
  type ScorecardSupplementStatus,
  type ScorecardSupplementTable,
} from "./schema.js";
