/** SLA compliance read model: deadlines met, late, breached and at risk per insurer and kind. */
export { slaComplianceProjection } from "./projection.js";
export {
  DEFAULT_AT_RISK_WITHIN_HOURS,
  type SlaComplianceParams,
  type SlaComplianceRow,
  slaCompliance,
} from "./queries.js";
export {
  migrateSlaCompliance,
  type SlaClaimTable,
  type SlaComplianceTables,
  type SlaDeadlineStatus,
  type SlaDeadlineTable,
} from "./schema.js";
