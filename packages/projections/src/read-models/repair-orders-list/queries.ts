import type { Kysely, Selectable } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import { toInstant } from "../shared/business-date.js";
import { exactInstantSql, instantParam, toNumber } from "../shared/column-types.js";
import { decodeCursor, type Page, pageSize } from "../shared/keyset-cursor.js";
import { keysetPage } from "../shared/keyset-page.js";
import { REPAIR_ORDERS_LIST_PROJECTION } from "./projection.js";
import type {
  RepairOrderListStatus,
  RepairOrdersListOrderTable,
  RepairOrdersListTables,
} from "./schema.js";

/** A repair order as the list shows it. Money in minor units of `currency`. */
export interface RepairOrderListItem {
  readonly repairOrderId: string;
  readonly claimId: string;
  readonly insurerId: string;
  readonly shopId: string;
  readonly currency: string;
  readonly directBilling: boolean;
  readonly status: RepairOrderListStatus;
  readonly assigneeKind: "technician" | "team" | null;
  readonly assigneeId: string | null;
  readonly shopResponse: "confirmed" | "disputed" | null;
  readonly outstandingPartsOrders: number;
  /** The latest estimate's total; `null` before the first estimate. */
  readonly estimateTotal: number | null;
  readonly estimateCount: number;
  readonly supplementCount: number;
  readonly supplementTotal: number;
  readonly invoiceAmount: number | null;
  readonly openedAt: string;
  readonly receivedAt: string | null;
  readonly workStartedAt: string | null;
  readonly completedAt: string | null;
  readonly handedOverAt: string | null;
  readonly invoicedAt: string | null;
  readonly cancelledAt: string | null;
  readonly lastPosition: number;
  readonly lastEventAt: string;
}

/** Filters and page of {@link listRepairOrders}. */
export interface ListRepairOrdersParams {
  /** Tenant scope. */
  readonly insurerId?: string;
  readonly shopId?: string;
  readonly claimId?: string;
  readonly status?: RepairOrderListStatus | readonly RepairOrderListStatus[];
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

const db$ = (db: Kysely<unknown>) =>
  (db as unknown as Kysely<RepairOrdersListTables>).withSchema(
    projectionSchema(REPAIR_ORDERS_LIST_PROJECTION),
  );

const amountOrNull = (value: string | null): number | null =>
  value === null ? null : toNumber(value);

const toListItem = (row: Selectable<RepairOrdersListOrderTable>): RepairOrderListItem => ({
  repairOrderId: row.repair_order_id,
  claimId: row.claim_id,
  insurerId: row.insurer_id,
  shopId: row.shop_id,
  currency: row.currency,
  directBilling: row.direct_billing,
  status: row.status,
  assigneeKind: row.assignee_kind,
  assigneeId: row.assignee_id,
  shopResponse: row.shop_response,
  outstandingPartsOrders: row.outstanding_parts_orders,
  estimateTotal: amountOrNull(row.estimate_total),
  estimateCount: row.estimate_count,
  supplementCount: row.supplement_count,
  supplementTotal: toNumber(row.supplement_total),
  invoiceAmount: amountOrNull(row.invoice_amount),
  openedAt: toInstant(row.opened_at) ?? "",
  receivedAt: toInstant(row.received_at),
  workStartedAt: toInstant(row.work_started_at),
  completedAt: toInstant(row.completed_at),
  handedOverAt: toInstant(row.handed_over_at),
  invoicedAt: toInstant(row.invoiced_at),
  cancelledAt: toInstant(row.cancelled_at),
  lastPosition: toNumber(row.last_position),
  lastEventAt: toInstant(row.last_event_at) ?? "",
});

/**
 * Repair orders, most recently opened first (ties by repair order id), filtered and one page
 * at a time: pass `nextCursor` back as `cursor` for the next page; it is `null` on the last
 * one. A cursor this query did not issue throws `InvalidCursorError`.
 *
 * @example
 * ```ts
 * const page = await listRepairOrders(db, { insurerId: "ins-a", shopId: "shop-7", status: ["in_repair", "waiting_parts"] });
 * for (const order of page.items) console.log(order.repairOrderId, order.status, order.estimateTotal);
 * ```
 */
export const listRepairOrders = async (
  db: Kysely<unknown>,
  params: ListRepairOrdersParams = {},
): Promise<Page<RepairOrderListItem>> => {
  const limit = pageSize(params.limit);
  let query = db$(db)
    .selectFrom("repair_orders")
    .selectAll()
    .select(exactInstantSql("opened_at").as("cursor_at"))
    .orderBy("opened_at", "desc")
    .orderBy("repair_order_id", "desc")
    .limit(limit + 1);
  if (params.insurerId !== undefined) query = query.where("insurer_id", "=", params.insurerId);
  if (params.shopId !== undefined) query = query.where("shop_id", "=", params.shopId);
  if (params.claimId !== undefined) query = query.where("claim_id", "=", params.claimId);
  if (params.status !== undefined) {
    const statuses: readonly RepairOrderListStatus[] =
      typeof params.status === "string" ? [params.status] : params.status;
    query = query.where("status", "in", [...statuses]);
  }
  if (params.cursor !== undefined) {
    const [openedAt = "", repairOrderId = ""] = decodeCursor(params.cursor, 2);
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple("opened_at", "repair_order_id"),
        "<",
        tuple(instantParam(openedAt), repairOrderId),
      ),
    );
  }
  const rows = await query.execute();
  return keysetPage(rows, limit, (row) => [row.cursor_at, row.repair_order_id], toListItem);
};
