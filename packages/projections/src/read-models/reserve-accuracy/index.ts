/** Reserve accuracy (first reserve against final incurred of closed claims). */
export { RESERVE_ACCURACY_PROJECTION, reserveAccuracyProjection } from "./projection.js";
export {
  type ClaimReserveAccuracy,
  type ClosedClaimFilter,
  type ListReserveAccuracyParams,
  listReserveAccuracy,
  type ReserveAccuracyDimension,
  type ReserveAccuracyParams,
  type ReserveAccuracyRow,
  reserveAccuracy,
} from "./queries.js";
export {
  migrateReserveAccuracy,
  type ReserveAccuracyClaimTable,
  type ReserveAccuracyTables,
} from "./schema.js";
