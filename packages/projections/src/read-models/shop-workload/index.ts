/** Shop and technician workload read model: vehicles in work, parts, idle technicians, cycle time. */
export { shopWorkloadProjection } from "./projection.js";
export { type ShopWorkloadParams, type ShopWorkloadRow, shopWorkload } from "./queries.js";
export {
  migrateShopWorkload,
  type ShopPartsOrderTable,
  type ShopRepairOrderTable,
  type ShopTechnicianTable,
  type ShopWorkloadTables,
} from "./schema.js";
