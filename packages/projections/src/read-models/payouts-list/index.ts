/** Payouts list. */
export { PAYOUTS_LIST_PROJECTION, payoutsListProjection } from "./projection.js";
export { type ListPayoutsParams, listPayouts, type PayoutListItem } from "./queries.js";
export {
  migratePayoutsList,
  type PayeeKind,
  type PayoutListStatus,
  type PayoutsListPayoutTable,
  type PayoutsListTables,
} from "./schema.js";
