/**
 * RepairOrder test fixtures: valid commands, the usual path and command arbitraries.
 * Test-only: excluded from the build.
 */
import fc from "fast-check";
import { instantAt } from "../../shared/testing/command-sequences.js";
import type { RepairLine, RepairOrderCommand, RepairOrderCommandOf } from "../commands.js";

export const T0 = "2026-03-10T08:00:00.000Z";

/** An instant `hours` after T0. */
export const at = (hours: number): string =>
  new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

type Of<T extends RepairOrderCommand["type"]> = RepairOrderCommandOf<T>;

/** A command of `type` with `fields`, at `hours` after T0. */
export const ro = <T extends RepairOrderCommand["type"]>(
  type: T,
  fields: Omit<Of<T>, "type" | "schemaVersion" | "occurredAt">,
  hours = 1,
): Of<T> => ({ type, schemaVersion: 1, occurredAt: at(hours), ...fields }) as Of<T>;

export const cny = (amount: number) => ({ amount, currency: "CNY" });

export const openRepairOrder = (
  overrides: Partial<Of<"OpenRepairOrder">> = {},
): Of<"OpenRepairOrder"> => ({
  type: "OpenRepairOrder",
  schemaVersion: 1,
  occurredAt: T0,
  repairOrderId: "RO-1",
  claimId: "C-1",
  insurerId: "ins-a",
  shopId: "shop-7",
  vehicle: { vin: "LSVAU2180N2183294", plate: "沪A12345" },
  directBilling: true,
  currency: "CNY",
  ...overrides,
});

export const estimateLines: RepairLine[] = [
  { kind: "part", description: "Rear bumper", quantity: 1, amount: cny(180_000) },
  { kind: "labour", description: "Fit bumper", quantity: 1.5, amount: cny(45_000) },
  { kind: "paint", description: "Paint bumper", quantity: 1, amount: cny(60_000) },
];

export const receiveVehicle = ro(
  "ReceiveVehicle",
  { mileage: 42_180, notes: "Scratch on the left door", photos: ["intake/1.jpg", "intake/2.jpg"] },
  2,
);
export const recordDiagnostics = ro(
  "RecordDiagnostics",
  { findings: ["Rear bumper cracked", "Parking sensor loose"] },
  4,
);
export const submitEstimate = ro("SubmitEstimate", { lines: estimateLines }, 6);
export const confirmAssessment = ro("ConfirmAssessment", { note: "Agree with the surveyor" }, 20);
export const disputeAssessment = ro(
  "DisputeAssessment",
  { reason: "Labour time too low", proposedAmount: cny(300_000) },
  20,
);
export const orderParts = ro(
  "OrderParts",
  {
    partsOrderId: "PO-1",
    parts: [{ partNumber: "52159-02900", description: "Rear bumper", quantity: 1 }],
    supplier: "Parts Hub",
  },
  24,
);
export const assignWork = ro(
  "AssignWork",
  { assignee: { kind: "technician", technicianId: "tech-3" } },
  25,
);
export const receiveParts = ro("ReceiveParts", { partsOrderId: "PO-1" }, 72);
export const startWork = ro("StartWork", {}, 73);
export const requestSupplement = ro(
  "RequestSupplement",
  {
    supplementId: "S-1",
    lines: [{ kind: "part", description: "Bumper bracket", quantity: 2, amount: cny(12_000) }],
    reason: "Bracket broken behind the bumper",
  },
  80,
);
export const completeWork = ro("CompleteWork", { photos: ["done/1.jpg"] }, 100);
export const notifyCustomer = ro("NotifyCustomer", { channel: "sms" }, 101);
export const handOverVehicle = ro("HandOverVehicle", { signedBy: "Li Wei" }, 120);
export const invoiceInsurer = ro(
  "InvoiceInsurer",
  { invoiceNumber: "INV-2026-0042", amount: cny(309_000) },
  121,
);
export const cancelRepairOrder = ro(
  "CancelRepairOrder",
  { reason: "Customer took the car to another shop" },
  30,
);

/** The usual life of a direct-billing repair order, up to the invoice. */
export const repairOrderPath: readonly RepairOrderCommand[] = [
  openRepairOrder(),
  receiveVehicle,
  recordDiagnostics,
  submitEstimate,
  confirmAssessment,
  orderParts,
  assignWork,
  receiveParts,
  startWork,
  requestSupplement,
  completeWork,
  notifyCustomer,
  handOverVehicle,
  invoiceInsurer,
];

const moneyArb = fc.record({
  amount: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.constant(-1)),
  currency: fc.constantFrom("CNY", "CNY", "CNY", "USD"),
});
const idArb = fc.constantFrom("PO-1", "PO-2", "S-1", "S-2");
const lineArb = fc.record({
  kind: fc.constantFrom("part", "labour", "paint", "other"),
  description: fc.constantFrom("Bumper", "Door", " "),
  quantity: fc.constantFrom(1, 2, 0.5),
  amount: moneyArb,
}) as fc.Arbitrary<RepairLine>;

/** Any RepairOrder command, valid or not for whatever state it meets. */
export const anyRepairOrderCommandArb: fc.Arbitrary<RepairOrderCommand> = fc
  .tuple(
    fc.oneof(
      fc.boolean().map((directBilling) => openRepairOrder({ directBilling })),
      fc.constantFrom(receiveVehicle, recordDiagnostics, confirmAssessment, assignWork, startWork),
      fc.constantFrom(completeWork, notifyCustomer, handOverVehicle, cancelRepairOrder),
      fc.array(lineArb, { maxLength: 3 }).map((lines) => ro("SubmitEstimate", { lines })),
      fc
        .option(moneyArb, { nil: undefined })
        .map((proposedAmount) =>
          ro(
            "DisputeAssessment",
            proposedAmount ? { reason: "Too low", proposedAmount } : { reason: "Too low" },
          ),
        ),
      idArb.map((partsOrderId) => ro("OrderParts", { partsOrderId, parts: orderParts.parts })),
      idArb.map((partsOrderId) => ro("ReceiveParts", { partsOrderId })),
      fc
        .tuple(idArb, fc.array(lineArb, { minLength: 1, maxLength: 2 }))
        .map(([supplementId, lines]) =>
          ro("RequestSupplement", { supplementId, lines, reason: "Hidden damage" }),
        ),
      moneyArb.map((amount) => ro("InvoiceInsurer", { invoiceNumber: "INV-1", amount })),
    ),
    fc.nat({ max: 20_000 }),
  )
  .map(([command, minutes]) => ({ ...command, occurredAt: instantAt(minutes) }));
