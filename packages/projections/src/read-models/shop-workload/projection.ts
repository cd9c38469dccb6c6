import type { RepairOrderEvent } from "@claimstream/domain";
import { type QueryCreator, sql } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import { migrateShopWorkload, type ShopWorkloadTables } from "./schema.js";

type Db = QueryCreator<ShopWorkloadTables>;
type Of<T extends RepairOrderEvent["type"]> = Extract<RepairOrderEvent, { type: T }>;

const order = (db: Db, id: string) =>
  db.updateTable("repair_orders").where("repair_order_id", "=", id);

const open = (db: Db, id: string, event: Of<"RepairOrderOpened">) =>
  db
    .insertInto("repair_orders")
    .values({
      repair_order_id: id,
      claim_id: event.claimId,
      insurer_id: event.insurerId,
      shop_id: event.shopId,
      opened_at: event.occurredAt,
    })
    .onConflict((oc) => oc.column("repair_order_id").doNothing())
    .execute();

const assignWork = async (db: Db, id: string, event: Of<"WorkAssigned">) => {
  const { assignee } = event;
  if (assignee.kind === "team") {
    await order(db, id).set({ team_id: assignee.teamId, technician_id: null }).execute();
    return;
  }
  const assigned = await order(db, id)
    .set({ technician_id: assignee.technicianId, team_id: null })
    .returning("shop_id")
    .executeTakeFirst();
  if (assigned === undefined) return;
  await db
    .insertInto("technicians")
    .values({
      shop_id: assigned.shop_id,
      technician_id: assignee.technicianId,
      first_assigned_at: event.occurredAt,
    })
    .onConflict((oc) =>
      oc.columns(["shop_id", "technician_id"]).doUpdateSet({
        first_assigned_at: sql`least(technicians.first_assigned_at, excluded.first_assigned_at)`,
      }),
    )
    .execute();
};

const orderParts = (db: Db, id: string, event: Of<"PartsOrdered">) =>
  db
    .insertInto("parts_orders")
    .values({
      repair_order_id: id,
      parts_order_id: event.partsOrderId,
      ordered_at: event.occurredAt,
    })
    .onConflict((oc) => oc.columns(["repair_order_id", "parts_order_id"]).doNothing())
    .execute();

const receiveParts = (db: Db, id: string, event: Of<"PartsReceived">) =>
  db
    .updateTable("parts_orders")
    .set({ received_at: event.occurredAt })
    .where("repair_order_id", "=", id)
    .where("parts_order_id", "=", event.partsOrderId)
    .execute();

const milestone = {
  VehicleReceived: "received_at",
  WorkCompleted: "work_completed_at",
  VehicleHandedOver: "handed_over_at",
  RepairOrderCancelled: "cancelled_at",
} as const;

const applyRepairOrderEvent = async (db: Db, id: string, event: RepairOrderEvent) => {
  switch (event.type) {
    case "RepairOrderOpened":
      await open(db, id, event);
      return;
    case "WorkAssigned":
      await assignWork(db, id, event);
      return;
    case "PartsOrdered":
      await orderParts(db, id, event);
      return;
    case "PartsReceived":
      await receiveParts(db, id, event);
      return;
    case "VehicleReceived":
    case "WorkCompleted":
    case "VehicleHandedOver":
    case "RepairOrderCancelled":
      await order(db, id)
        .set({ [milestone[event.type]]: event.occurredAt })
        .execute();
      return;
  }
};

/**
 * Shop and technician workload read model: repair orders with intake, assignee, work done,
 * handover and cancellation; their parts orders; the technicians each shop assigned work to.
 * {@link shopWorkload} derives vehicles in work, waiting parts, idle technicians and cycle time.
 *
 * @example
 * ```ts
 * const runtime = new ProjectionRuntime({ store, connectionString, projections: [shopWorkloadProjection] });
 * await runtime.start();
 * ```
 */
export const shopWorkloadProjection: Projection<ShopWorkloadTables> = {
  name: "shop_workload",
  version: 1,
  eventTypes: [
    "RepairOrderOpened",
    "VehicleReceived",
    "WorkAssigned",
    "PartsOrdered",
    "PartsReceived",
    "WorkCompleted",
    "VehicleHandedOver",
    "RepairOrderCancelled",
  ],
  migrate: migrateShopWorkload,
  handle: async (recorded, ctx) => {
    const decoded = decodeDomainEvent(recorded);
    if (decoded?.category !== "repair-order") return;
    await applyRepairOrderEvent(ctx.db, decoded.id, decoded.event);
  },
};
