/** Time to settle read model: FNOL to each stage (median, P90) and open-age buckets. */
export { type ClaimActivity, type ClaimActivityParams, claimActivity } from "./claim-activity.js";
export { timeToSettleProjection } from "./projection.js";
export {
  type OpenAgeBuckets,
  type OpenAgeParams,
  openAgeBuckets,
  SETTLEMENT_STAGES,
  type SettlementStage,
  type StageDuration,
  type TimeToSettleGrouping,
  type TimeToSettleParams,
  type TimeToSettleRow,
  timeToSettle,
} from "./queries.js";
export {
  migrateTimeToSettle,
  type SettlementTimelineTable,
  type TimeToSettleTables,
} from "./schema.js";
