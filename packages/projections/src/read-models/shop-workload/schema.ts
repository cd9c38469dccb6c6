import type { ColumnType, Kysely } from "kysely";

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text. */
type InstantColumn = ColumnType<Date, string, string>;

/** One repair order and its milestones: `repair_orders`. */
export interface ShopRepairOrderTable {
  readonly repair_order_id: string;
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly shop_id: string;
  readonly opened_at: InstantColumn;
  /** Intake: the vehicle is at the shop. */
  readonly received_at: InstantColumn | null;
  /** The technician the work is assigned to now (`null` for a team or before assignment). */
  readonly technician_id: string | null;
  readonly team_id: string | null;
  readonly work_completed_at: InstantColumn | null;
  readonly handed_over_at: InstantColumn | null;
  readonly cancelled_at: InstantColumn | null;
}

/** Parts orders of repair orders: `parts_orders`. */
export interface ShopPartsOrderTable {
  readonly repair_order_id: string;
  readonly parts_order_id: string;
  readonly ordered_at: InstantColumn;
  /** `null` while the parts are awaited. */
  readonly received_at: InstantColumn | null;
}

/** The technicians of each shop, as seen in work assignments: `technicians`. */
export interface ShopTechnicianTable {
  readonly shop_id: string;
  readonly technician_id: string;
  readonly first_assigned_at: InstantColumn;
}

/** The tables of the shop workload read model (schema `rm_shop_workload`). */
export interface ShopWorkloadTables {
  readonly repair_orders: ShopRepairOrderTable;
  readonly parts_orders: ShopPartsOrderTable;
  readonly technicians: ShopTechnicianTable;
}

/**
 * Creates the shop workload tables in `schema` (idempotent).
 *
 * @example
 * ```ts
 * await migrateShopWorkload(db, "rm_shop_workload");
 * ```
 */
export const migrateShopWorkload = async (db: Kysely<unknown>, schema: string) => {
  const ddl = db.schema.withSchema(schema);
  await ddl
    .createTable("repair_orders")
    .ifNotExists()
    .addColumn("repair_order_id", "text", (col) => col.primaryKey())
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("shop_id", "text", (col) => col.notNull())
    .addColumn("opened_at", "timestamptz", (col) => col.notNull())
    .addColumn("received_at", "timestamptz")
    .addColumn("technician_id", "text")
    .addColumn("team_id", "text")
    .addColumn("work_completed_at", "timestamptz")
    .addColumn("handed_over_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .execute();
  await ddl
    .createIndex("repair_orders_shop_idx")
    .ifNotExists()
    .on("repair_orders")
    .columns(["shop_id", "technician_id"])
    .execute();
  await ddl
    .createTable("parts_orders")
    .ifNotExists()
    .addColumn("repair_order_id", "text", (col) => col.notNull())
    .addColumn("parts_order_id", "text", (col) => col.notNull())
    .addColumn("ordered_at", "timestamptz", (col) => col.notNull())
    .addColumn("received_at", "timestamptz")
    .addPrimaryKeyConstraint("parts_orders_pk", ["repair_order_id", "parts_order_id"])
    .execute();
  await ddl
    .createTable("technicians")
    .ifNotExists()
    .addColumn("shop_id", "text", (col) => col.notNull())
    .addColumn("technician_id", "text", (col) => col.notNull())
    .addColumn("first_assigned_at", "timestamptz", (col) => col.notNull())
    .addPrimaryKeyConstraint("technicians_pk", ["shop_id", "technician_id"])
    .execute();
};
