import { foldEvents, type RepairOrderEvent, repairOrderDecider } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  assessDamage,
  at,
  claimCommand,
  cny,
  DecidedHistory,
  openClaim,
  repairCommand,
} from "../../../test/support/operations-history.js";
import { operationsHistoryArb } from "../../../test/support/operations-history-arbitrary.js";
import { buildWholeAndSplit } from "../../../test/support/table-snapshot.js";
import { projectionSchema } from "../../runtime/projection.js";
import { repairOrdersListProjection } from "./projection.js";
import { listRepairOrders } from "./queries.js";

const open = (id: string, claimId: string, shopId: string, day: number, insurerId = "ins-a") =>
  repairCommand("OpenRepairOrder", at(day), {
    repairOrderId: id,
    claimId,
    insurerId,
    shopId,
    vehicle: { plate: "沪A12345" },
    directBilling: id !== "RO-2",
    currency: "CNY",
  });

const estimate = (day: number, amount: number) =>
  repairCommand("SubmitEstimate", at(day), {
    lines: [{ kind: "part", description: "Door", quantity: 1, amount: cny(amount) }],
  });

/**
 * RO-1 (ins-a, shop-7, C-1) through every step to invoiced; RO-2 (ins-a, shop-7, C-2) with
 * parts ordered before the work was assigned, so waiting for parts; RO-3 (ins-b, shop-9)
 * cancelled; RO-4 (ins-a, shop-9, C-1) received, opened at the same instant as RO-3; RO-5
 * (ins-a, shop-7) only opened; RO-6 (ins-a, shop-9) estimated with parts on order, which
 * leaves it estimated until work is assigned. A claim supplement on C-1 shares its event type with repair
 * order supplements and must not count.
 */
const buildRepairOrders = (): DecidedHistory => {
  const h = new DecidedHistory();
  h.repairOrder(
    "RO-1",
    open("RO-1", "C-1", "shop-7", 0),
    repairCommand("ReceiveVehicle", at(0, 2), { mileage: 42_000, photos: [] }),
    repairCommand("RecordDiagnostics", at(0, 3), { findings: ["Door dented"] }),
    estimate(1, 400_000),
    estimate(1, 450_000),
    repairCommand("ConfirmAssessment", at(2), {}),
    repairCommand("AssignWork", at(2), { assignee: { kind: "technician", technicianId: "t-1" } }),
    repairCommand("OrderParts", at(2, 1), {
      partsOrderId: "PO-1",
      parts: [{ description: "Door panel", quantity: 1 }],
    }),
    repairCommand("StartWork", at(3), {}),
    repairCommand("ReceiveParts", at(4), { partsOrderId: "PO-1" }),
    repairCommand("RequestSupplement", at(4, 1), {
      supplementId: "S-1",
      lines: [{ kind: "part", description: "Bracket", quantity: 1, amount: cny(50_000) }],
      reason: "Hidden damage",
    }),
    repairCommand("CompleteWork", at(6), { photos: [] }),
    repairCommand("HandOverVehicle", at(7), { signedBy: "Li Wei" }),
    repairCommand("InvoiceInsurer", at(8), { invoiceNumber: "INV-1", amount: cny(500_000) }),
  );
  h.repairOrder(
    "RO-2",
    open("RO-2", "C-2", "shop-7", 1),
    repairCommand("ReceiveVehicle", at(1), { mileage: 10_000, photos: [] }),
    repairCommand("RecordDiagnostics", at(1), { findings: ["Bumper cracked"] }),
    repairCommand("OrderParts", at(1, 1), {
      partsOrderId: "PO-7",
      parts: [{ description: "Bumper", quantity: 1 }],
    }),
    estimate(2, 120_000),
    repairCommand("DisputeAssessment", at(2, 1), { reason: "Too low" }),
    repairCommand("AssignWork", at(3), { assignee: { kind: "team", teamId: "body" } }),
  );
  h.repairOrder(
    "RO-3",
    open("RO-3", "C-3", "shop-9", 2, "ins-b"),
    repairCommand("CancelRepairOrder", at(3), { reason: "Owner withdrew" }),
  );
  h.repairOrder(
    "RO-4",
    open("RO-4", "C-1", "shop-9", 2),
    repairCommand("ReceiveVehicle", at(2, 5), { mileage: 42_100, photos: [] }),
  );
  h.repairOrder("RO-5", open("RO-5", "C-5", "shop-7", 3));
  h.repairOrder(
    "RO-6",
    open("RO-6", "C-6", "shop-9", 3.5),
    repairCommand("ReceiveVehicle", at(3.5), { mileage: 5_000, photos: [] }),
    repairCommand("RecordDiagnostics", at(3.5), { findings: ["Mirror broken"] }),
    estimate(4, 30_000),
    repairCommand("OrderParts", at(4, 1), {
      partsOrderId: "PO-1",
      parts: [{ description: "Mirror", quantity: 1 }],
    }),
  );
  h.claim(
    "C-1",
    ...openClaim({ claimId: "C-1", reportedAt: at(-1) }),
    claimCommand("AssignAdjuster", at(-1, 2), { adjusterId: "adj-1" }),
    assessDamage(at(1, 4), 450_000),
    claimCommand("RequestSupplement", at(4, 2), {
      supplementId: "S-1",
      lines: [{ kind: "part", description: "Bracket", amount: cny(70_000) }],
      reason: "Hidden damage",
    }),
  );
  return h;
};

let database: TestDatabase;
let history: DecidedHistory;

beforeAll(async () => {
  database = await createTestDatabase();
  history = buildRepairOrders();
  await applyProjection(database.db, repairOrdersListProjection, history.events);
});

afterAll(() => database.drop());

const ids = (page: { items: readonly { repairOrderId: string }[] }) =>
  page.items.map((o) => o.repairOrderId);
const lastPositionOf = (events: readonly RecordedEvent[], streamId: string) =>
  events.filter((e) => e.streamId === streamId).at(-1)?.globalPosition;

describe("repair orders list", () => {
  it("shows an invoiced order with its estimate, supplement, invoice and milestones", async () => {
    const page = await listRepairOrders(database.db, { status: "invoiced" });
    expect(page).toEqual({
      items: [
        {
          repairOrderId: "RO-1",
          claimId: "C-1",
          insurerId: "ins-a",
          shopId: "shop-7",
          currency: "CNY",
          directBilling: true,
          status: "invoiced",
          assigneeKind: "technician",
          assigneeId: "t-1",
          shopResponse: "confirmed",
          outstandingPartsOrders: 0,
          estimateTotal: 450_000,
          estimateCount: 2,
          supplementCount: 1,
          supplementTotal: 50_000,
          invoiceAmount: 500_000,
          openedAt: at(0),
          receivedAt: at(0, 2),
          workStartedAt: at(3),
          completedAt: at(6),
          handedOverAt: at(7),
          invoicedAt: at(8),
          cancelledAt: null,
          lastPosition: lastPositionOf(history.events, "repair-order-RO-1"),
          lastEventAt: at(8),
        },
      ],
      nextCursor: null,
    });
  });

  it("waits for parts ordered before the work was assigned, and shows a team assignee", async () => {
    const [ro2] = (await listRepairOrders(database.db, { status: "waiting_parts" })).items;
    expect(ro2).toMatchObject({
      repairOrderId: "RO-2",
      directBilling: false,
      assigneeKind: "team",
      assigneeId: "body",
      shopResponse: "disputed",
      outstandingPartsOrders: 1,
      estimateTotal: 120_000,
      supplementCount: 0,
      invoiceAmount: null,
    });
  });

  it("follows the RepairOrder aggregate's status for every order", async () => {
    const { items } = await listRepairOrders(database.db);
    expect(items.map((o) => [o.repairOrderId, o.status, o.outstandingPartsOrders])).toEqual([
      ["RO-6", "estimated", 1],
      ["RO-5", "opened", 0],
      ["RO-4", "vehicle_received", 0],
      ["RO-3", "cancelled", 0],
      ["RO-2", "waiting_parts", 1],
      ["RO-1", "invoiced", 0],
    ]);
    for (const item of items) {
      expect(item.status).toBe(history.repairOrderState(item.repairOrderId).status);
    }
  });

  it("pages most recently opened first, ties by id, with an opaque cursor", async () => {
    const first = await listRepairOrders(database.db, { limit: 2 });
    expect(ids(first)).toEqual(["RO-6", "RO-5"]);
    const second = await listRepairOrders(database.db, {
      limit: 2,
      cursor: first.nextCursor ?? "",
    });
    expect(ids(second)).toEqual(["RO-4", "RO-3"]);
    const third = await listRepairOrders(database.db, {
      limit: 2,
      cursor: second.nextCursor ?? "",
    });
    expect(ids(third)).toEqual(["RO-2", "RO-1"]);
    expect(third.nextCursor).toBeNull();
    await expect(listRepairOrders(database.db, { cursor: "bm90LW91cnM" })).rejects.toThrow(
      "cursor",
    );
  });

  it("filters by shop, claim and status, within the insurer", async () => {
    const list = async (params: Parameters<typeof listRepairOrders>[1]) =>
      ids(await listRepairOrders(database.db, { insurerId: "ins-a", ...params }));
    expect(await list({ shopId: "shop-7" })).toEqual(["RO-5", "RO-2", "RO-1"]);
    expect(await list({ shopId: "shop-9" })).toEqual(["RO-6", "RO-4"]);
    expect(await list({ status: "estimated" })).toEqual(["RO-6"]);
    expect(await list({ claimId: "C-1" })).toEqual(["RO-4", "RO-1"]);
    expect(await list({ status: ["opened", "waiting_parts"] })).toEqual(["RO-5", "RO-2"]);
    expect(await list({ shopId: "shop-7", status: "invoiced" })).toEqual(["RO-1"]);
    expect(await list({ status: "cancelled" })).toEqual([]);
  });

  it("keeps each insurer to its own repair orders", async () => {
    expect(ids(await listRepairOrders(database.db, { insurerId: "ins-b" }))).toEqual(["RO-3"]);
    expect(ids(await listRepairOrders(database.db, { insurerId: "ins-c" }))).toEqual([]);
  });

  it("counts a repair order's supplements, not its claim's (the same event type)", async () => {
    const claimSupplements = history.events.filter(
      (e) => e.streamId === "claim-C-1" && e.type === "SupplementRequested",
    );
    expect(claimSupplements).toHaveLength(1);
    const [ro1] = (await listRepairOrders(database.db, { claimId: "C-1", shopId: "shop-7" })).items;
    expect(ro1).toMatchObject({ supplementCount: 1, supplementTotal: 50_000 });
  });
});

let runs = 0;

/** Applies `events` into a fresh schema and reads back each order's status and parts. */
const projectedStatuses = async (events: readonly RecordedEvent[]) => {
  runs += 1;
  const projection = { ...repairOrdersListProjection, name: `repair_orders_status_${runs}` };
  await applyProjection(database.db, projection, events);
  const schema = projectionSchema(projection.name);
  const rows = await sql<{ id: string; status: string; outstanding: number }>`
    select repair_order_id as id, status, outstanding_parts_orders as outstanding
    from ${sql.table(`${schema}.repair_orders`)} order by 1`.execute(database.db);
  await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
  return rows.rows;
};

/** Each order's status and outstanding parts orders folded by the domain's own decider. */
const foldedStatuses = (events: readonly RecordedEvent[]) => {
  const streams = [...new Set(events.map((e) => e.streamId))].filter((s) =>
    s.startsWith("repair-order-"),
  );
  return streams
    .map((streamId) => {
      const history = events.filter((e) => e.streamId === streamId).map((e) => e.data);
      const state = foldEvents(repairOrderDecider, history as unknown as RepairOrderEvent[]);
      if (state.status === "none") throw new Error(`${streamId} never opened`);
      const outstanding = state.partsOrders.filter((order) => order.receivedAt === null).length;
      return { id: state.repairOrderId, status: state.status, outstanding };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
};

describe("repair orders list on random histories", () => {
  it("shows the status and outstanding parts the RepairOrder aggregate folds to (property)", async () => {
    await fc.assert(
      fc.asyncProperty(operationsHistoryArb(3), async (events) => {
        expect(await projectedStatuses(events)).toEqual(foldedStatuses(events));
      }),
      { numRuns: 15 },
    );
  });

  it("builds the same tables whether events arrive in one go or in two parts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        operationsHistoryArb(3).chain((events) =>
          fc.tuple(fc.constant(events), fc.nat({ max: events.length })),
        ),
        async ([events, splitAt]) => {
          const { whole, split } = await buildWholeAndSplit(
            database.db,
            repairOrdersListProjection,
            events,
            splitAt,
          );
          expect(split).toEqual(whole);
        },
      ),
      { numRuns: 15 },
    );
  });
});
