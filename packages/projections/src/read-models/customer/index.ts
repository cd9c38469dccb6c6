/** Customer read model: CSAT average, complaint rate and reopen rate per insurer and line. */
export { customerProjection } from "./projection.js";
export { type CustomerMetricsParams, type CustomerMetricsRow, customerMetrics } from "./queries.js";
export { type CustomerClaimTable, type CustomerTables, migrateCustomer } from "./schema.js";
