// ── Projection runtime: checkpoints, batches, lease, rebuild, parked events, metrics, CLI ──
export { CLI_EXIT, type CliIo, runProjectionsCli } from "./cli/run-projections-cli.js";
export {
  BOOKKEEPING_SCHEMA,
  migrateProjectionBookkeeping,
} from "./runtime/checkpoints/bookkeeping-migrations.js";
export type {
  CheckpointSlot,
  CheckpointTable,
  ParkedEventTable,
  ProjectionsDatabase,
} from "./runtime/checkpoints/bookkeeping-tables.js";
export type { ParkedEvent } from "./runtime/parking/parked-event-store.js";
export {
  DEFAULT_POISON_RETRY,
  DEFAULT_STALL_BACKOFF,
  type RetryPolicy,
} from "./runtime/parking/retry-policy.js";
export {
  type AnyProjection,
  type Projection,
  type ProjectionContext,
  projectionSchema,
} from "./runtime/projection.js";
export {
  ProjectionAdmin,
  type RebuildReport,
  type ReplayReport,
  UnknownProjectionError,
  type WaitOptions,
} from "./runtime/projection-admin.js";
export { type ProjectionLogger, silentProjectionLogger } from "./runtime/projection-logger.js";
export { PROJECTION_METRICS, registerProjectionMetrics } from "./runtime/projection-metrics.js";
export { ProjectionRuntime, type ProjectionRuntimeOptions } from "./runtime/projection-runtime.js";
export {
  PROJECTION_STATES,
  type ProjectionState,
  type ProjectionStatus,
} from "./runtime/projection-status.js";
export type { RebuildProgress, RebuildReason } from "./runtime/rebuild/blue-green-rebuild.js";
export type { RuntimeTuning } from "./runtime/runtime-settings.js";
// ── end of projection runtime ──

// --- Operations read models: 4 adjuster workload, 5 time to settle, 6 SLA compliance,
// --- 7 insurer scorecard, 8 shop and technician workload, 10 customer.
export {
  type AdjusterAssignmentTable,
  type AdjusterClaimTable,
  type AdjusterClosureTable,
  type AdjusterDeadlineStatus,
  type AdjusterDeadlineTable,
  type AdjusterWorkload,
  type AdjusterWorkloadParams,
  type AdjusterWorkloadRow,
  type AdjusterWorkloadTables,
  adjusterWorkload,
  adjusterWorkloadProjection,
  DEFAULT_ADJUSTER_CAPACITY,
  migrateAdjusterWorkload,
} from "./read-models/adjuster-workload/index.js";
export {
  type CustomerClaimTable,
  type CustomerMetricsParams,
  type CustomerMetricsRow,
  type CustomerTables,
  customerMetrics,
  customerProjection,
  migrateCustomer,
} from "./read-models/customer/index.js";
export {
  type HandoverToPayment,
  type InsurerScorecardParams,
  type InsurerScorecardRow,
  type InsurerScorecardTables,
  insurerScorecard,
  insurerScorecardProjection,
  migrateInsurerScorecard,
  type ScorecardAssessmentTable,
  type ScorecardClaimTable,
  type ScorecardPayoutTable,
  type ScorecardRepairOrderTable,
  type ScorecardSupplementStatus,
  type ScorecardSupplementTable,
} from "./read-models/insurer-scorecard/index.js";
export {
  type DecodedDomainEvent,
  decodeDomainEvent,
} from "./read-models/shared/decode-domain-event.js";
export {
  type RecordsetColumn,
  type RecordsetTarget,
  type RecordsetWrite,
  writeRecordsets,
} from "./read-models/shared/recordset-upsert.js";
export {
  migrateShopWorkload,
  type ShopPartsOrderTable,
  type ShopRepairOrderTable,
  type ShopTechnicianTable,
  type ShopWorkloadParams,
  type ShopWorkloadRow,
  type ShopWorkloadTables,
  shopWorkload,
  shopWorkloadProjection,
} from "./read-models/shop-workload/index.js";
export {
  DEFAULT_AT_RISK_WITHIN_HOURS,
  migrateSlaCompliance,
  type SlaClaimTable,
  type SlaComplianceParams,
  type SlaComplianceRow,
  type SlaComplianceTables,
  type SlaDeadlineStatus,
  type SlaDeadlineTable,
  slaCompliance,
  slaComplianceProjection,
} from "./read-models/sla-compliance/index.js";
export {
  type ClaimActivity,
  type ClaimActivityParams,
  claimActivity,
  migrateTimeToSettle,
  type OpenAgeBuckets,
  type OpenAgeParams,
  openAgeBuckets,
  SETTLEMENT_STAGES,
  type SettlementStage,
  type SettlementTimelineTable,
  type StageDuration,
  type TimeToSettleGrouping,
  type TimeToSettleParams,
  type TimeToSettleRow,
  type TimeToSettleTables,
  timeToSettle,
  timeToSettleProjection,
} from "./read-models/time-to-settle/index.js";
// --- end of operations read models.

// ── Read models 1, 2, 3 and 9: claims list, loss ratio, loss triangles, reserve accuracy ──
export {
  CLAIMS_LIST_PROJECTION,
  type ClaimDeadline,
  type ClaimSummary,
  type ClaimSummaryDetail,
  type ClaimsListClaimTable,
  type ClaimsListDeadlineTable,
  type ClaimsListPolicyTable,
  type ClaimsListTables,
  claimsListProjection,
  getClaimSummary,
  type ListClaimsParams,
  listClaims,
  migrateClaimsList,
} from "./read-models/claims-list/index.js";
export {
  type ClaimFactTable,
  type EarnedSlice,
  type EarningPeriod,
  earnedSlices,
  LOSS_RATIO_PROJECTION,
  type LossRatioDimension,
  type LossRatioParams,
  type LossRatioRow,
  type LossRatioTables,
  lossRatio,
  lossRatioProjection,
  type PaidMovementTable,
  type PayoutFactTable,
  type PolicyFactTable,
  type ReserveMovementTable,
} from "./read-models/loss-ratio/index.js";
export {
  type ChainLadderResult,
  type CumulativeTriangle,
  chainLadder,
  type DevelopmentGranularity,
  LOSS_TRIANGLES_PROJECTION,
  type LossTriangle,
  type LossTriangleParams,
  type LossTrianglesTables,
  lossTriangles,
  lossTrianglesProjection,
  periodIndex,
  periodLabel,
  type TriangleBasis,
} from "./read-models/loss-triangles/index.js";
export {
  type ClaimReserveAccuracy,
  type ClosedClaimFilter,
  type ListReserveAccuracyParams,
  listReserveAccuracy,
  migrateReserveAccuracy,
  RESERVE_ACCURACY_PROJECTION,
  type ReserveAccuracyClaimTable,
  type ReserveAccuracyDimension,
  type ReserveAccuracyParams,
  type ReserveAccuracyRow,
  type ReserveAccuracyTables,
  reserveAccuracy,
  reserveAccuracyProjection,
} from "./read-models/reserve-accuracy/index.js";
export { InvalidCursorError, type Page } from "./read-models/shared/keyset-cursor.js";
// ── end of read models 1, 2, 3 and 9 ──

// ── Read models 11, 12 and 13: record lists of policies, repair orders and payouts ──
export {
  type ListPayoutsParams,
  listPayouts,
  migratePayoutsList,
  PAYOUTS_LIST_PROJECTION,
  type PayeeKind,
  type PayoutListItem,
  type PayoutListStatus,
  type PayoutsListPayoutTable,
  type PayoutsListTables,
  payoutsListProjection,
} from "./read-models/payouts-list/index.js";
export {
  type ListPoliciesParams,
  listPolicies,
  migratePoliciesList,
  POLICIES_LIST_PROJECTION,
  type PoliciesListPolicyTable,
  type PoliciesListTables,
  type PolicyListItem,
  type PolicyListStatus,
  policiesListProjection,
} from "./read-models/policies-list/index.js";
export {
  type ListRepairOrdersParams,
  listRepairOrders,
  migrateRepairOrdersList,
  REPAIR_ORDERS_LIST_PROJECTION,
  type RepairOrderListItem,
  type RepairOrderListStatus,
  type RepairOrdersListOrderTable,
  type RepairOrdersListPartsOrderTable,
  type RepairOrdersListTables,
  repairOrdersListProjection,
} from "./read-models/repair-orders-list/index.js";
// ── end of read models 11, 12 and 13 ──
