import { type Kysely, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import type { ShopWorkloadTables } from "./schema.js";

/** Parameters of {@link shopWorkload}. */
export interface ShopWorkloadParams {
  readonly shopId?: string;
  /** Only this insurer's repair orders (technicians are still judged shop-wide). */
  readonly insurerId?: string;
}

/** One shop's workload now. */
export interface ShopWorkloadRow {
  readonly shopId: string;
  /** Received and neither handed over nor cancelled. */
  readonly vehiclesInWork: number;
  /** Vehicles in work with at least one parts order not yet received. */
  readonly waitingForParts: number;
  /** Technicians the shop ever assigned work to. */
  readonly technicians: number;
  /** Technicians whose assigned work is not yet completed (or cancelled). */
  readonly busyTechnicians: number;
  readonly idleTechnicians: readonly string[];
  /** Intake to handover, over the orders handed over. */
  readonly cycleTime: {
    readonly handedOver: number;
    readonly averageDays: number | null;
    readonly medianDays: number | null;
  };
}

type Rm = Kysely<ShopWorkloadTables>;

const IN_WORK = sql`received_at is not null and handed_over_at is null and cancelled_at is null`;
const CYCLE_DAYS = sql<number>`extract(epoch from (handed_over_at - received_at))::float8 / 86400`;

const orderFigures = (rm: Rm, params: ShopWorkloadParams) =>
  rm
    .selectFrom("repair_orders")
    .select((eb) => [
      "shop_id",
      sql<number>`(count(*) filter (where ${IN_WORK}))::int`.as("in_work"),
      sql<number>`(count(*) filter (where ${IN_WORK} and ${eb.exists(
        eb
          .selectFrom("parts_orders")
          .select("parts_orders.parts_order_id")
          .whereRef("parts_orders.repair_order_id", "=", "repair_orders.repair_order_id")
          .where("parts_orders.received_at", "is", null),
      )}))::int`.as("waiting"),
      sql<number>`count(${CYCLE_DAYS})::int`.as("handed_over"),
      sql<number | null>`avg(${CYCLE_DAYS})`.as("average"),
      sql<number | null>`percentile_cont(0.5) within group (order by ${CYCLE_DAYS})`.as("median"),
    ])
    .$if(params.shopId !== undefined, (q) => q.where("shop_id", "=", params.shopId ?? ""))
    .$if(params.insurerId !== undefined, (q) => q.where("insurer_id", "=", params.insurerId ?? ""))
    .groupBy("shop_id")
    .orderBy("shop_id")
    .execute();

const technicianStates = (rm: Rm, shopIds: readonly string[]) =>
  rm
    .selectFrom("technicians")
    .select((eb) => [
      "technicians.shop_id",
      "technicians.technician_id",
      eb
        .exists(
          eb
            .selectFrom("repair_orders")
            .select("repair_orders.repair_order_id")
            .whereRef("repair_orders.shop_id", "=", "technicians.shop_id")
            .whereRef("repair_orders.technician_id", "=", "technicians.technician_id")
            .where("repair_orders.work_completed_at", "is", null)
            .where("repair_orders.handed_over_at", "is", null)
            .where("repair_orders.cancelled_at", "is", null),
        )
        .as("busy"),
    ])
    .where("technicians.shop_id", "in", shopIds)
    .orderBy("technicians.technician_id")
    .execute();

/**
 * Per shop, vehicles in work, those waiting for parts, technicians busy and idle,
 * and the intake → handover cycle time (mean and median days). Shops without repair orders in
 * scope are left out.
 *
 * @example
 * ```ts
 * const [shop] = await shopWorkload(db, { shopId: "shop-7" });
 * shop?.idleTechnicians; // e.g. ["t-4"]
 * ```
 */
export const shopWorkload = async (
  db: Kysely<unknown>,
  params: ShopWorkloadParams,
): Promise<ShopWorkloadRow[]> => {
  const rm = (db as Rm).withSchema(projectionSchema("shop_workload"));
  const shops = await orderFigures(rm, params);
  if (shops.length === 0) return [];
  const technicians = await technicianStates(
    rm,
    shops.map((shop) => shop.shop_id),
  );
  return shops.map((shop): ShopWorkloadRow => {
    const own = technicians.filter((t) => t.shop_id === shop.shop_id);
    return {
      shopId: shop.shop_id,
      vehiclesInWork: shop.in_work,
      waitingForParts: shop.waiting,
      technicians: own.length,
      busyTechnicians: own.filter((t) => t.busy).length,
      idleTechnicians: own.filter((t) => !t.busy).map((t) => t.technician_id),
      cycleTime: {
        handedOver: shop.handed_over,
        averageDays: shop.average,
        medianDays: shop.median,
      },
    };
  });
};
