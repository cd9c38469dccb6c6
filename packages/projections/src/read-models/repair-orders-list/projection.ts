import type { RepairOrderEvent } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import { type QueryCreator, sql, type UpdateObject } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import {
  migrateRepairOrdersList,
  type RepairOrderListStatus,
  type RepairOrdersListTables,
} from "./schema.js";

/** The repair orders list projection's name; its tables live in `rm_repair_orders_list`. */
export const REPAIR_ORDERS_LIST_PROJECTION = "repair_orders_list";

type Db = QueryCreator<RepairOrdersListTables>;
type Of<T extends RepairOrderEvent["type"]> = Extract<RepairOrderEvent, { type: T }>;
type OrderChanges = UpdateObject<RepairOrdersListTables, "repair_orders">;

const open = (db: Db, id: string, event: Of<"RepairOrderOpened">, position: number) =>
  db
    .insertInto("repair_orders")
    .values({
      repair_order_id: id,
      claim_id: event.claimId,
      insurer_id: event.insurerId,
      shop_id: event.shopId,
      currency: event.currency,
      direct_billing: event.directBilling,
      status: "opened",
      opened_at: event.occurredAt,
      last_position: position,
      last_event_at: event.occurredAt,
    })
    .onConflict((oc) => oc.column("repair_order_id").doNothing())
    .execute();

const outstandingParts = (db: Db, id: string) =>
  db
    .selectFrom("parts_orders")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("repair_order_id", "=", id)
    .where("received_at", "is", null);

// `evolveRepairOrder`: an order in one of `phases` is `waiting_parts` while a parts order is
// outstanding, else `in_repair`; in any other status it keeps its status.
const repairPhase = (
  db: Db,
  id: string,
  phases: readonly RepairOrderListStatus[],
): OrderChanges => ({
  outstanding_parts_orders: outstandingParts(db, id),
  status: sql<RepairOrderListStatus>`case when status in (${sql.join(phases)})
    then case when (${outstandingParts(db, id)}) > 0 then 'waiting_parts' else 'in_repair' end
    else status end`,
});

const ENTERS_REPAIR: readonly RepairOrderListStatus[] = ["estimated", "in_repair", "waiting_parts"];
const FOLLOWS_PARTS: readonly RepairOrderListStatus[] = ["in_repair", "waiting_parts"];

// Parts orders live in their own table: record the change there before the row follows it.
const applyPartsEvent = async (db: Db, id: string, event: RepairOrderEvent) => {
  if (event.type === "PartsOrdered") {
    await db
      .insertInto("parts_orders")
      .values({
        repair_order_id: id,
        parts_order_id: event.partsOrderId,
        ordered_at: event.occurredAt,
      })
      .onConflict((oc) => oc.columns(["repair_order_id", "parts_order_id"]).doNothing())
      .execute();
  }
  if (event.type === "PartsReceived") {
    await db
      .updateTable("parts_orders")
      .set({ received_at: event.occurredAt })
      .where("repair_order_id", "=", id)
      .where("parts_order_id", "=", event.partsOrderId)
      .where("received_at", "is", null)
      .execute();
  }
};

// The lifecycle milestones: each sets the status whatever it was, as `evolveRepairOrder` does.
const milestoneChanges = (event: RepairOrderEvent): OrderChanges | undefined => {
  const at = event.occurredAt;
  switch (event.type) {
    case "VehicleReceived":
      return { status: "vehicle_received", received_at: at };
    case "DiagnosticsRecorded":
      return { status: "diagnosed" };
    case "EstimateSubmitted":
      return {
        status: "estimated",
        estimate_total: event.total.amount,
        estimate_count: sql`estimate_count + 1`,
      };
    case "WorkCompleted":
      return { status: "completed", completed_at: at };
    // `signedBy` names a person: only the handover time is kept.
    case "VehicleHandedOver":
      return { status: "handed_over", handed_over_at: at };
    case "RepairOrderInvoiced":
      return { status: "invoiced", invoice_amount: event.amount.amount, invoiced_at: at };
    case "RepairOrderCancelled":
      return { status: "cancelled", cancelled_at: at };
    default:
      return undefined;
  }
};

// The work in the shop: the answer to the assessment, assignment, parts and supplements.
const workChanges = (db: Db, id: string, event: RepairOrderEvent): OrderChanges | undefined => {
  switch (event.type) {
    case "AssessmentConfirmedByShop":
      return { shop_response: "confirmed" };
    case "AssessmentDisputedByShop":
      return { shop_response: "disputed" };
    case "WorkAssigned": {
      const { assignee } = event;
      return {
        ...repairPhase(db, id, ENTERS_REPAIR),
        assignee_kind: assignee.kind,
        assignee_id: assignee.kind === "team" ? assignee.teamId : assignee.technicianId,
      };
    }
    case "WorkStarted":
      return { ...repairPhase(db, id, ENTERS_REPAIR), work_started_at: event.occurredAt };
    case "PartsOrdered":
    case "PartsReceived":
      return repairPhase(db, id, FOLLOWS_PARTS);
    case "SupplementRequested":
      return {
        supplement_count: sql`supplement_count + 1`,
        supplement_total: sql`supplement_total + ${event.total.amount}`,
      };
    default:
      return undefined;
  }
};

// Like `evolveRepairOrder`, an event on an order never opened changes nothing (no row).
const applyRepairOrderEvent = async (
  db: Db,
  id: string,
  event: RepairOrderEvent,
  position: number,
) => {
  if (event.type === "RepairOrderOpened") return void (await open(db, id, event, position));
  await applyPartsEvent(db, id, event);
  const changes = milestoneChanges(event) ?? workChanges(db, id, event);
  if (changes === undefined) return;
  await db
    .updateTable("repair_orders")
    .set(changes)
    .set({ last_position: position, last_event_at: event.occurredAt })
    .where("repair_order_id", "=", id)
    .execute();
};

const handleRepairOrdersList = async (recorded: RecordedEvent, db: Db): Promise<void> => {
  const decoded = decodeDomainEvent(recorded);
  if (decoded?.category !== "repair-order") return;
  await applyRepairOrderEvent(db, decoded.id, decoded.event, decoded.position);
};

/**
 * Repair orders list read model: one row per repair order with its claim, insurer, shop,
 * status (as the aggregate has it, `waiting_parts` included), assignee, the shop's answer to
 * the assessment, estimate, supplements, invoice and milestones. Ids and kinds only: no
 * vehicle or person data. Queried by {@link listRepairOrders}.
 *
 * @example
 * ```ts
 * const projections = [repairOrdersListProjection]; // handed to the projection runtime
 * ```
 */
export const repairOrdersListProjection: Projection<RepairOrdersListTables> = {
  name: REPAIR_ORDERS_LIST_PROJECTION,
  version: 1,
  eventTypes: [
    "RepairOrderOpened",
    "VehicleReceived",
    "DiagnosticsRecorded",
    "EstimateSubmitted",
    "AssessmentConfirmedByShop",
    "AssessmentDisputedByShop",
    "WorkAssigned",
    "PartsOrdered",
    "PartsReceived",
    "WorkStarted",
    "SupplementRequested",
    "WorkCompleted",
    "VehicleHandedOver",
    "RepairOrderInvoiced",
    "RepairOrderCancelled",
  ],
  migrate: migrateRepairOrdersList,
  handle: (event, ctx) => handleRepairOrdersList(event, ctx.db),
};
