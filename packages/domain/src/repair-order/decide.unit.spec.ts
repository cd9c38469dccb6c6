import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { pathWithNoise } from "../shared/testing/command-sequences.js";
import {
  checkRunInvariants,
  errorCodeOf,
  errorOf,
  eventsOf,
  given,
} from "../shared/testing/decider-harness.js";
import type { RepairOrderCommand } from "./commands.js";
import { RepairOrderEventSchema } from "./events.js";
import { repairOrderDecider } from "./index.js";
import {
  type OpenedRepairOrderState,
  outstandingPartsOrders,
  type RepairOrderState,
} from "./state.js";
import {
  anyRepairOrderCommandArb,
  assignWork,
  at,
  cancelRepairOrder,
  cny,
  completeWork,
  confirmAssessment,
  disputeAssessment,
  handOverVehicle,
  invoiceInsurer,
  notifyCustomer,
  openRepairOrder,
  orderParts,
  receiveParts,
  receiveVehicle,
  recordDiagnostics,
  repairOrderPath,
  requestSupplement,
  ro,
  startWork,
  submitEstimate,
} from "./testing/repair-order-fixtures.js";

const decider = repairOrderDecider;

const opened = (state: RepairOrderState): OpenedRepairOrderState => {
  if (state.status === "none") throw new Error("expected an opened repair order");
  return state;
};

/** The commands of the usual path up to (not including) `command`. */
const upTo = (command: RepairOrderCommand): RepairOrderCommand[] =>
  repairOrderPath.slice(0, repairOrderPath.indexOf(command));

const diagnosed = [openRepairOrder(), receiveVehicle, recordDiagnostics];
const estimated = [...diagnosed, submitEstimate];

describe("opening a repair order", () => {
  it("records the claim, shop, vehicle, billing and currency", () => {
    const { type: _type, ...facts } = openRepairOrder();
    expect(eventsOf(decider, [], openRepairOrder())).toEqual([
      { type: "RepairOrderOpened", ...facts },
    ]);
    const state = opened(given(decider, [openRepairOrder()]));
    expect(state.status).toBe("opened");
    expect(state.repairOrderId).toBe("RO-1");
    expect(state.currency).toBe("CNY");
  });

  it("refuses to open the same repair order twice with repair_order.already_exists", () => {
    expect(errorCodeOf(decider, [openRepairOrder()], openRepairOrder())).toBe(
      "repair_order.already_exists",
    );
  });

  it("refuses a vehicle with neither VIN nor plate with validation.invalid_command", () => {
    expect(errorCodeOf(decider, [], openRepairOrder({ vehicle: {} }))).toBe(
      "validation.invalid_command",
    );
  });

  it("refuses any command before the order is opened with repair_order.not_found", () => {
    expect(errorCodeOf(decider, [], receiveVehicle)).toBe("repair_order.not_found");
  });
});

describe("intake, diagnostics and estimate", () => {
  it("receives the vehicle with its intake act", () => {
    const state = opened(given(decider, [openRepairOrder(), receiveVehicle]));
    expect(state.status).toBe("vehicle_received");
    expect(state.intake).toEqual({
      mileage: 42_180,
      notes: "Scratch on the left door",
      photos: ["intake/1.jpg", "intake/2.jpg"],
      receivedAt: at(2),
    });
  });

  it("records diagnostic findings, and more findings later", () => {
    const more = ro("RecordDiagnostics", { findings: ["Exhaust bracket bent"] }, 5);
    const state = opened(given(decider, [...diagnosed, more]));
    expect(state.status).toBe("diagnosed");
    expect(state.findings).toEqual([
      "Rear bumper cracked",
      "Parking sensor loose",
      "Exhaust bracket bent",
    ]);
  });

  it("submits an estimate with the total of its line amounts", () => {
    const [event] = eventsOf(decider, diagnosed, submitEstimate);
    expect(event).toMatchObject({ type: "EstimateSubmitted", total: cny(285_000) });
    expect(opened(given(decider, estimated)).status).toBe("estimated");
  });

  it("replaces the estimate with a revised one", () => {
    const revised = ro(
      "SubmitEstimate",
      { lines: [{ kind: "other", description: "Revised", quantity: 1, amount: cny(1_000) }] },
      7,
    );
    const state = opened(given(decider, [...estimated, revised]));
    expect(state.estimate?.total).toEqual(cny(1_000));
    expect(state.estimateCount).toBe(2);
  });

  it("refuses an estimate line in another currency with money.currency_mismatch", () => {
    const lines = [
      {
        kind: "part" as const,
        description: "Bumper",
        quantity: 1,
        amount: { amount: 100, currency: "USD" },
      },
    ];
    expect(errorCodeOf(decider, diagnosed, ro("SubmitEstimate", { lines }))).toBe(
      "money.currency_mismatch",
    );
  });

  it("refuses an estimate before diagnostics with repair_order.invalid_transition", () => {
    const error = errorOf(decider, [openRepairOrder(), receiveVehicle], submitEstimate);
    expect(error.code).toBe("repair_order.invalid_transition");
    expect(error.details).toEqual({ status: "vehicle_received", command: "SubmitEstimate" });
  });
});

describe("the shop's answer to the insurer's assessment", () => {
  it("confirms the assessment", () => {
    expect(eventsOf(decider, estimated, confirmAssessment)).toEqual([
      {
        type: "AssessmentConfirmedByShop",
        schemaVersion: 1,
        occurredAt: at(20),
        note: "Agree with the surveyor",
      },
    ]);
    expect(opened(given(decider, [...estimated, confirmAssessment])).shopResponse?.verdict).toBe(
      "confirmed",
    );
  });

  it("disputes the assessment with a reason and the amount it asks for", () => {
    const state = opened(given(decider, [...diagnosed, disputeAssessment]));
    expect(state.shopResponse).toEqual({
      verdict: "disputed",
      text: "Labour time too low",
      proposedAmount: cny(300_000),
      respondedAt: at(20),
    });
    expect(state.status).toBe("diagnosed");
  });

  it("refuses a proposed amount in another currency with money.currency_mismatch", () => {
    const command = ro("DisputeAssessment", {
      reason: "Too low",
      proposedAmount: { amount: 1, currency: "RUB" },
    });
    expect(errorCodeOf(decider, estimated, command)).toBe("money.currency_mismatch");
  });

  it("refuses to answer before diagnostics with repair_order.invalid_transition", () => {
    expect(errorCodeOf(decider, [openRepairOrder()], confirmAssessment)).toBe(
      "repair_order.invalid_transition",
    );
  });
});

describe("parts", () => {
  it("orders parts already during diagnosis without changing the status", () => {
    const state = opened(given(decider, [...diagnosed, orderParts]));
    expect(state.status).toBe("diagnosed");
    expect(outstandingPartsOrders(state).map((o) => o.partsOrderId)).toEqual(["PO-1"]);
  });

  it("waits for parts once work is assigned while an order is outstanding", () => {
    const state = opened(given(decider, [...estimated, orderParts, assignWork]));
    expect(state.status).toBe("waiting_parts");
    expect(state.assignee).toEqual({ kind: "technician", technicianId: "tech-3" });
  });

  it("goes back to in_repair when the last outstanding order arrives, tracking the waiting time", () => {
    const state = opened(given(decider, [...estimated, orderParts, assignWork, receiveParts]));
    expect(state.status).toBe("in_repair");
    expect(state.partsOrders[0]).toMatchObject({ receivedAt: at(72), waitingMs: 48 * 3_600_000 });
    expect(state.partsWaitingMs).toBe(48 * 3_600_000);
  });

  it("starts waiting for parts when they are ordered during the repair", () => {
    const history = [...estimated, assignWork];
    expect(opened(given(decider, history)).status).toBe("in_repair");
    expect(opened(given(decider, [...history, orderParts])).status).toBe("waiting_parts");
  });

  it("adds up the waiting time of several orders", () => {
    const second = ro("OrderParts", { partsOrderId: "PO-2", parts: orderParts.parts }, 30);
    const receiveSecond = ro("ReceiveParts", { partsOrderId: "PO-2" }, 40);
    const state = opened(
      given(decider, [...estimated, orderParts, second, receiveSecond, receiveParts]),
    );
    expect(state.partsWaitingMs).toBe(10 * 3_600_000 + 48 * 3_600_000);
    expect(outstandingPartsOrders(state)).toHaveLength(0);
  });

  it("refuses to receive parts that were never ordered with repair_order.parts_not_ordered", () => {
    const error = errorOf(decider, estimated, receiveParts);
    expect(error.code).toBe("repair_order.parts_not_ordered");
    expect(error.details).toEqual({ partsOrderId: "PO-1", outstanding: [] });
  });

  it("refuses to receive the same order twice with repair_order.parts_not_ordered", () => {
    const history = [...estimated, orderParts, receiveParts];
    expect(errorCodeOf(decider, history, receiveParts)).toBe("repair_order.parts_not_ordered");
  });

  it("refuses parts that arrive before they were ordered with validation.invalid_command", () => {
    const early = ro("ReceiveParts", { partsOrderId: "PO-1" }, 23);
    expect(errorCodeOf(decider, [...estimated, orderParts], early)).toBe(
      "validation.invalid_command",
    );
  });

  it("refuses a parts order id used twice with repair_order.duplicate_reference", () => {
    const error = errorOf(decider, [...estimated, orderParts], orderParts);
    expect(error.code).toBe("repair_order.duplicate_reference");
    expect(error.details).toEqual({ kind: "partsOrder", id: "PO-1" });
  });

  it("refuses to order parts before diagnostics with repair_order.invalid_transition", () => {
    expect(errorCodeOf(decider, [openRepairOrder(), receiveVehicle], orderParts)).toBe(
      "repair_order.invalid_transition",
    );
  });
});

describe("the repair", () => {
  it("starts work straight from the estimate", () => {
    const state = opened(given(decider, [...estimated, startWork]));
    expect(state.status).toBe("in_repair");
    expect(state.workStartedAt).toBe(at(73));
  });

  it("refuses to start work twice with repair_order.invalid_transition", () => {
    const error = errorOf(decider, [...estimated, startWork], startWork);
    expect(error.code).toBe("repair_order.invalid_transition");
    expect(error.details).toEqual({ status: "in_repair", command: "StartWork" });
  });

  it("requests a supplement for hidden damage with the total of its lines", () => {
    const [event] = eventsOf(decider, [...estimated, startWork], requestSupplement);
    expect(event).toMatchObject({
      type: "SupplementRequested",
      supplementId: "S-1",
      total: cny(12_000),
    });
    const state = opened(given(decider, [...estimated, startWork, requestSupplement]));
    expect(state.supplements.map((s) => s.supplementId)).toEqual(["S-1"]);
  });

  it("refuses a supplement id used twice with repair_order.duplicate_reference", () => {
    const history = [...estimated, startWork, requestSupplement];
    expect(errorCodeOf(decider, history, requestSupplement)).toBe(
      "repair_order.duplicate_reference",
    );
  });

  it("completes the work with photos", () => {
    const state = opened(given(decider, upTo(notifyCustomer)));
    expect(state.status).toBe("completed");
    expect(state.completionPhotos).toEqual(["done/1.jpg"]);
  });

  it("refuses to complete work that has not started with repair_order.invalid_transition", () => {
    expect(errorCodeOf(decider, [...estimated, assignWork], completeWork)).toBe(
      "repair_order.invalid_transition",
    );
  });

  it("refuses to complete work while parts are outstanding with repair_order.invalid_transition", () => {
    const error = errorOf(decider, [...estimated, startWork, orderParts], completeWork);
    expect(error.details).toEqual({ status: "waiting_parts", command: "CompleteWork" });
  });
});

describe("handover and invoice", () => {
  it("tells the customer, hands the vehicle over and invoices the insurer", () => {
    const state = opened(given(decider, repairOrderPath));
    expect(state.customerNotifications).toEqual([
      { channel: "sms", note: null, notifiedAt: at(101) },
    ]);
    expect(state.handover).toEqual({ signedBy: "Li Wei", handedOverAt: at(120) });
    expect(state.invoice).toEqual({
      invoiceNumber: "INV-2026-0042",
      amount: cny(309_000),
      invoicedAt: at(121),
    });
    expect(state.status).toBe("invoiced");
  });

  it("hands over after completion even when the customer was not notified", () => {
    const history = upTo(notifyCustomer);
    expect(eventsOf(decider, history, handOverVehicle)[0]?.type).toBe("VehicleHandedOver");
  });

  it("refuses to hand over before the work is completed with repair_order.invalid_transition", () => {
    expect(errorCodeOf(decider, upTo(completeWork), handOverVehicle)).toBe(
      "repair_order.invalid_transition",
    );
  });

  it("refuses to invoice before handover with repair_order.invalid_transition", () => {
    expect(errorCodeOf(decider, upTo(handOverVehicle), invoiceInsurer)).toBe(
      "repair_order.invalid_transition",
    );
  });

  it("refuses to invoice the insurer for a cash-settled order with repair_order.not_direct_billing", () => {
    const history = [openRepairOrder({ directBilling: false }), ...upTo(invoiceInsurer).slice(1)];
    expect(errorCodeOf(decider, history, invoiceInsurer)).toBe("repair_order.not_direct_billing");
  });

  it("refuses an invoice in another currency with money.currency_mismatch", () => {
    const command = ro("InvoiceInsurer", {
      invoiceNumber: "INV-1",
      amount: { amount: 5, currency: "USD" },
    });
    expect(errorCodeOf(decider, upTo(invoiceInsurer), command)).toBe("money.currency_mismatch");
  });

  it("refuses to invoice twice with repair_order.invalid_transition", () => {
    expect(errorCodeOf(decider, repairOrderPath, invoiceInsurer)).toBe(
      "repair_order.invalid_transition",
    );
  });
});

describe("cancelling a repair order", () => {
  it("cancels an order in repair with a reason", () => {
    const state = opened(given(decider, [...estimated, assignWork, cancelRepairOrder]));
    expect(state.status).toBe("cancelled");
    expect(state.cancellation).toEqual({
      reason: "Customer took the car to another shop",
      cancelledAt: at(30),
    });
  });

  it("refuses to cancel a completed order with repair_order.invalid_transition", () => {
    expect(errorCodeOf(decider, upTo(notifyCustomer), cancelRepairOrder)).toBe(
      "repair_order.invalid_transition",
    );
  });

  it("refuses any work on a cancelled order with repair_order.invalid_transition", () => {
    const history = [...estimated, cancelRepairOrder];
    expect(errorOf(decider, history, startWork).details).toEqual({
      status: "cancelled",
      command: "StartWork",
    });
  });
});

describe("repair order properties", () => {
  it("leaves the empty state as it is for an event that needs an opened order", () => {
    const [event] = eventsOf(decider, [openRepairOrder()], receiveVehicle);
    expect(event && decider.evolve(decider.initialState, event)).toEqual({ status: "none" });
  });

  it("property: any command sequence keeps decide and evolve total, rejections change nothing and events are valid", () => {
    fc.assert(
      fc.property(pathWithNoise(repairOrderPath, anyRepairOrderCommandArb), (commands) => {
        checkRunInvariants(decider, RepairOrderEventSchema, commands);
      }),
      { numRuns: 300 },
    );
  });

  it("property: an order in the repair phase waits for parts exactly while an order is outstanding", () => {
    fc.assert(
      fc.property(pathWithNoise(repairOrderPath, anyRepairOrderCommandArb), (commands) => {
        const { steps } = checkRunInvariants(decider, RepairOrderEventSchema, commands);
        for (const { after, result } of steps) {
          if (E.isLeft(result) || after.status === "none") continue;
          const outstanding = outstandingPartsOrders(after).length > 0;
          if (after.status === "in_repair") expect(outstanding).toBe(false);
          if (after.status === "waiting_parts") expect(outstanding).toBe(true);
          const received = after.partsOrders.filter((o) => o.waitingMs !== null);
          expect(after.partsWaitingMs).toBe(
            received.reduce((sum, o) => sum + (o.waitingMs ?? 0), 0),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
