import type { RepairOrder } from "@claimstream/domain";
import type { ColumnType, Kysely } from "kysely";
import type {
  DefaultedMinorUnitsColumn,
  InstantColumn,
  MinorUnitsColumn,
  PositionColumn,
} from "../shared/column-types.js";

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** A repair order's status in the list (the aggregate's, once opened). */
export type RepairOrderListStatus = Exclude<RepairOrder.RepairOrderStatus, "none">;

/**
 * One row per repair order: who, where it stands and its amounts. Ids and kinds only: the
 * vehicle, notes, photos and whoever signed the handover are not stored.
 */
export interface RepairOrdersListOrderTable {
  readonly repair_order_id: string;
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly shop_id: string;
  readonly currency: string;
  readonly direct_billing: boolean;
  /** The RepairOrder aggregate's status, following `evolveRepairOrder`'s transitions. */
  readonly status: RepairOrderListStatus;
  /** Current assignee: a technician or a team, by id. */
  readonly assignee_kind: "technician" | "team" | null;
  readonly assignee_id: string | null;
  /** The shop's latest answer to the insurer's assessment. */
  readonly shop_response: "confirmed" | "disputed" | null;
  /** Parts orders whose parts have not arrived. */
  readonly outstanding_parts_orders: Defaulted<number>;
  /** Latest estimate's total and how many estimates were submitted. */
  readonly estimate_total: MinorUnitsColumn | null;
  readonly estimate_count: Defaulted<number>;
  /** Supplements requested and the sum of their totals. */
  readonly supplement_count: Defaulted<number>;
  readonly supplement_total: DefaultedMinorUnitsColumn;
  readonly invoice_amount: MinorUnitsColumn | null;
  readonly opened_at: InstantColumn;
  readonly received_at: InstantColumn | null;
  readonly work_started_at: InstantColumn | null;
  readonly completed_at: InstantColumn | null;
  readonly handed_over_at: InstantColumn | null;
  readonly invoiced_at: InstantColumn | null;
  readonly cancelled_at: InstantColumn | null;
  /** Global position and business time of the last event that changed the row. */
  readonly last_position: PositionColumn;
  readonly last_event_at: InstantColumn;
}

/** A parts order of a repair order, to tell `in_repair` from `waiting_parts`. */
export interface RepairOrdersListPartsOrderTable {
  readonly repair_order_id: string;
  readonly parts_order_id: string;
  readonly ordered_at: InstantColumn;
  /** `null` while the parts are awaited. */
  readonly received_at: InstantColumn | null;
}

/** The repair orders list tables (schema `rm_repair_orders_list`). */
export interface RepairOrdersListTables {
  readonly repair_orders: RepairOrdersListOrderTable;
  readonly parts_orders: RepairOrdersListPartsOrderTable;
}

const createRepairOrdersTable = (db: Kysely<unknown>, schema: string) =>
  db.schema
    .withSchema(schema)
    .createTable("repair_orders")
    .ifNotExists()
    .addColumn("repair_order_id", "text", (c) => c.primaryKey())
    .addColumn("claim_id", "text", (c) => c.notNull())
    .addColumn("insurer_id", "text", (c) => c.notNull())
    .addColumn("shop_id", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("direct_billing", "boolean", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assignee_kind", "text")
    .addColumn("assignee_id", "text")
    .addColumn("shop_response", "text")
    .addColumn("outstanding_parts_orders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("estimate_total", "bigint")
    .addColumn("estimate_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("supplement_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("supplement_total", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("invoice_amount", "bigint")
    .addColumn("opened_at", "timestamptz", (c) => c.notNull())
    .addColumn("received_at", "timestamptz")
    .addColumn("work_started_at", "timestamptz")
    .addColumn("completed_at", "timestamptz")
    .addColumn("handed_over_at", "timestamptz")
    .addColumn("invoiced_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("last_position", "bigint", (c) => c.notNull())
    .addColumn("last_event_at", "timestamptz", (c) => c.notNull())
    .execute();

/**
 * Creates the repair orders list tables and the indexes its list query pages by, idempotently.
 *
 * @example
 * ```ts
 * await migrateRepairOrdersList(db, "rm_repair_orders_list");
 * ```
 */
export const migrateRepairOrdersList = async (
  db: Kysely<unknown>,
  schema: string,
): Promise<void> => {
  const s = db.schema.withSchema(schema);
  await createRepairOrdersTable(db, schema);
  await s
    .createTable("parts_orders")
    .ifNotExists()
    .addColumn("repair_order_id", "text", (c) => c.notNull())
    .addColumn("parts_order_id", "text", (c) => c.notNull())
    .addColumn("ordered_at", "timestamptz", (c) => c.notNull())
    .addColumn("received_at", "timestamptz")
    .addPrimaryKeyConstraint("parts_orders_pk", ["repair_order_id", "parts_order_id"])
    .execute();
  for (const [name, columns] of [
    ["repair_orders_opened_idx", ["opened_at", "repair_order_id"]],
    ["repair_orders_insurer_opened_idx", ["insurer_id", "opened_at", "repair_order_id"]],
    ["repair_orders_shop_idx", ["shop_id", "status"]],
    ["repair_orders_claim_idx", ["claim_id"]],
  ] as const) {
    await s
      .createIndex(name)
      .ifNotExists()
      .on("repair_orders")
      .columns([...columns])
      .execute();
  }
};
