import type { RepairOrderCommand } from "@claimstream/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  at,
  cny,
  DecidedHistory,
  repairCommand,
} from "../../../test/support/operations-history.js";
import { shopWorkloadProjection } from "./projection.js";
import { shopWorkload } from "./queries.js";

/** Opened, received at `received`, diagnosed and estimated. */
const intake = (
  id: string,
  shopId: string,
  insurerId: string,
  received: string,
): RepairOrderCommand[] => [
  repairCommand("OpenRepairOrder", received, {
    repairOrderId: id,
    claimId: `C-${id}`,
    insurerId,
    shopId,
    vehicle: { plate: "沪A12345" },
    directBilling: true,
    currency: "CNY",
  }),
  repairCommand("ReceiveVehicle", received, { mileage: 10_000, photos: [] }),
  repairCommand("RecordDiagnostics", received, { findings: ["Door dented"] }),
  repairCommand("SubmitEstimate", received, {
    lines: [{ kind: "labour", description: "Door", quantity: 2, amount: cny(40_000) }],
  }),
];
const toTechnician = (technicianId: string, day: number) =>
  repairCommand("AssignWork", at(day), { assignee: { kind: "technician", technicianId } });
const start = (day: number) => repairCommand("StartWork", at(day), {});
const complete = (day: number, hours = 0) =>
  repairCommand("CompleteWork", at(day, hours), { photos: [] });
const handOver = (day: number, hours = 0) =>
  repairCommand("HandOverVehicle", at(day, hours), { signedBy: "Owner" });
const orderParts = (day: number) =>
  repairCommand("OrderParts", at(day), {
    partsOrderId: "PO-1",
    parts: [{ description: "Door panel", quantity: 1 }],
  });

const history = () => {
  const h = new DecidedHistory();
  // shop-7
  h.repairOrder("RO-1", ...intake("RO-1", "shop-7", "ins-a", at(0)), toTechnician("t-1", 0));
  h.repairOrder("RO-1", start(1), complete(5), handOver(5)); // 5 days intake → handover
  h.repairOrder("RO-2", ...intake("RO-2", "shop-7", "ins-a", at(1)), toTechnician("t-1", 1));
  h.repairOrder("RO-2", orderParts(2)); // waiting for parts, t-1 busy
  h.repairOrder("RO-3", ...intake("RO-3", "shop-7", "ins-b", at(2)), toTechnician("t-2", 2));
  h.repairOrder(
    "RO-3",
    orderParts(2),
    repairCommand("ReceiveParts", at(3), { partsOrderId: "PO-1" }),
  );
  h.repairOrder("RO-3", start(3), complete(6)); // done, not handed over: in work, t-2 idle
  h.repairOrder("RO-4", ...intake("RO-4", "shop-7", "ins-a", at(2)), toTechnician("t-3", 3));
  h.repairOrder(
    "RO-4",
    repairCommand("AssignWork", at(4), { assignee: { kind: "team", teamId: "body" } }),
  );
  h.repairOrder("RO-5", ...intake("RO-5", "shop-7", "ins-b", at(0)), toTechnician("t-2", 0));
  h.repairOrder("RO-5", start(1), complete(11), handOver(12)); // 12 days
  h.repairOrder(
    "RO-6",
    repairCommand("OpenRepairOrder", at(3), {
      repairOrderId: "RO-6",
      claimId: "C-RO-6",
      insurerId: "ins-a",
      shopId: "shop-7",
      vehicle: { plate: "沪B00001" },
      directBilling: false,
      currency: "CNY",
    }),
  ); // not received yet
  h.repairOrder("RO-7", ...intake("RO-7", "shop-7", "ins-a", at(2)), toTechnician("t-4", 3));
  h.repairOrder("RO-7", repairCommand("CancelRepairOrder", at(4), { reason: "Owner withdrew" }));
  // shop-9: three handovers after 2.5, 3 and 9.5 days
  h.repairOrder("RO-8", ...intake("RO-8", "shop-9", "ins-a", at(0)), toTechnician("t-9", 0));
  h.repairOrder("RO-8", start(0), complete(2, 12), handOver(2, 12));
  h.repairOrder("RO-9", ...intake("RO-9", "shop-9", "ins-a", at(1)), toTechnician("t-9", 1));
  h.repairOrder("RO-9", start(1), complete(4), handOver(4));
  h.repairOrder("RO-10", ...intake("RO-10", "shop-9", "ins-a", at(1)), toTechnician("t-9", 4));
  h.repairOrder("RO-10", start(4), complete(10), handOver(10, 12));
  return h;
};

describe("shop and technician workload", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyProjection(database.db, shopWorkloadProjection, history().events);
  });
  afterAll(() => database.drop());

  it("counts vehicles in work, waiting parts, busy and idle technicians and cycle time per shop", async () => {
    expect(await shopWorkload(database.db, {})).toEqual([
      {
        shopId: "shop-7",
        vehiclesInWork: 3,
        waitingForParts: 1,
        technicians: 4,
        busyTechnicians: 1,
        idleTechnicians: ["t-2", "t-3", "t-4"],
        cycleTime: { handedOver: 2, averageDays: 8.5, medianDays: 8.5 },
      },
      {
        shopId: "shop-9",
        vehiclesInWork: 0,
        waitingForParts: 0,
        technicians: 1,
        busyTechnicians: 0,
        idleTechnicians: ["t-9"],
        cycleTime: { handedOver: 3, averageDays: 5, medianDays: 3 },
      },
    ]);
  });

  it("scopes vehicles and cycle time to one insurer, technicians staying shop-wide", async () => {
    expect(await shopWorkload(database.db, { insurerId: "ins-b" })).toEqual([
      {
        shopId: "shop-7",
        vehiclesInWork: 1,
        waitingForParts: 0,
        technicians: 4,
        busyTechnicians: 1,
        idleTechnicians: ["t-2", "t-3", "t-4"],
        cycleTime: { handedOver: 1, averageDays: 12, medianDays: 12 },
      },
    ]);
  });

  it("answers for one shop", async () => {
    const rows = await shopWorkload(database.db, { shopId: "shop-9" });
    expect(rows.map((row) => row.shopId)).toEqual(["shop-9"]);
    expect(await shopWorkload(database.db, { shopId: "shop-0" })).toEqual([]);
  });
});
