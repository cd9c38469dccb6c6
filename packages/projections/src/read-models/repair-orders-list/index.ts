/** Repair orders list. */
export { REPAIR_ORDERS_LIST_PROJECTION, repairOrdersListProjection } from "./projection.js";
export {
  type ListRepairOrdersParams,
  listRepairOrders,
  type RepairOrderListItem,
} from "./queries.js";
export {
  migrateRepairOrdersList,
  type RepairOrderListStatus,
  type RepairOrdersListOrderTable,
  type RepairOrdersListPartsOrderTable,
  type RepairOrdersListTables,
} from "./schema.js";
