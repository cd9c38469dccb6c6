/** Adjuster workload read model: open claims, new, closed, open age, overdue deadlines, load. */
export { adjusterWorkloadProjection } from "./projection.js";
export {
  type AdjusterWorkload,
  type AdjusterWorkloadParams,
  type AdjusterWorkloadRow,
  adjusterWorkload,
  DEFAULT_ADJUSTER_CAPACITY,
} from "./queries.js";
export {
  type AdjusterAssignmentTable,
  type AdjusterClaimTable,
  type AdjusterClosureTable,
  type AdjusterDeadlineStatus,
  type AdjusterDeadlineTable,
  type AdjusterWorkloadTables,
  migrateAdjusterWorkload,
} from "./schema.js";
