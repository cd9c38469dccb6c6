import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { commandFacts, parseCommand } from "../shared/command-parsing.js";
import { type DomainError, domainError } from "../shared/errors.js";
import { type Money, requireCurrency } from "../shared/money.js";
import { isBefore } from "../shared/time.js";
import {
  type RepairLine,
  type RepairOrderCommand,
  type RepairOrderCommandOf,
  RepairOrderCommandSchema,
} from "./commands.js";
import type { RepairOrderEvent } from "./events.js";
import {
  type OpenedRepairOrderState,
  outstandingPartsOrders,
  type RepairOrderState,
} from "./state.js";

type Decision = E.Either<DomainError, readonly RepairOrderEvent[]>;
type Status = OpenedRepairOrderState["status"];
type WorkCommand = Exclude<RepairOrderCommand, { type: "OpenRepairOrder" }>;

const BEFORE_REPAIR: readonly Status[] = ["diagnosed", "estimated"];
const REPAIR_PHASE: readonly Status[] = ["in_repair", "waiting_parts"];

/**
 * The statuses each command is allowed in. Parts may be ordered and received from diagnosis
 * on; the shop answers the insurer's assessment and asks for supplements until the work is
 * done; work cannot complete while parts are outstanding (`waiting_parts`).
 */
const ALLOWED_IN: { readonly [T in WorkCommand["type"]]: readonly Status[] } = {
  ReceiveVehicle: ["opened"],
  RecordDiagnostics: ["vehicle_received", "diagnosed"],
  SubmitEstimate: ["diagnosed", "estimated"],
  ConfirmAssessment: [...BEFORE_REPAIR, ...REPAIR_PHASE],
  DisputeAssessment: [...BEFORE_REPAIR, ...REPAIR_PHASE],
  AssignWork: ["estimated", ...REPAIR_PHASE],
  OrderParts: [...BEFORE_REPAIR, ...REPAIR_PHASE],
  ReceiveParts: [...BEFORE_REPAIR, ...REPAIR_PHASE],
  StartWork: ["estimated", ...REPAIR_PHASE],
  RequestSupplement: ["estimated", ...REPAIR_PHASE],
  CompleteWork: ["in_repair"],
  NotifyCustomer: ["completed"],
  HandOverVehicle: ["completed"],
  InvoiceInsurer: ["handed_over"],
  CancelRepairOrder: ["opened", "vehicle_received", ...BEFORE_REPAIR, ...REPAIR_PHASE],
};

const invalidTransition = (
  state: OpenedRepairOrderState,
  command: WorkCommand,
  why?: string,
): DomainError =>
  domainError(
    "repair_order.invalid_transition",
    why ?? `${command.type} is not allowed while the repair order is ${state.status}`,
    { status: state.status, command: command.type },
  );

const duplicateReference = (kind: "partsOrder" | "supplement", id: string): DomainError =>
  domainError("repair_order.duplicate_reference", `The ${kind} id ${id} is already used`, {
    kind,
    id,
  });

/** The lines' total in the order's currency, or `money.currency_mismatch`. */
const totalOf = (
  state: OpenedRepairOrderState,
  lines: readonly RepairLine[],
): E.Either<DomainError, Money> =>
  pipe(
    requireCurrency(
      state.currency,
      lines.map((line) => line.amount),
    ),
    E.map(() => ({
      amount: lines.reduce((sum, line) => sum + line.amount.amount, 0),
      currency: state.currency,
    })),
  );

const open = (command: RepairOrderCommandOf<"OpenRepairOrder">): Decision => {
  return E.right([{ type: "RepairOrderOpened", schemaVersion: 1, ...commandFacts(command) }]);
};

const submitEstimate = (
  command: RepairOrderCommandOf<"SubmitEstimate">,
  state: OpenedRepairOrderState,
): Decision =>
  pipe(
    totalOf(state, command.lines),
    E.map((total) => [
      { type: "EstimateSubmitted", schemaVersion: 1, ...commandFacts(command), total },
    ]),
  );

const disputeAssessment = (
  command: RepairOrderCommandOf<"DisputeAssessment">,
  state: OpenedRepairOrderState,
): Decision => {
  return pipe(
    requireCurrency(state.currency, command.proposedAmount ? [command.proposedAmount] : []),
    E.map(() => [{ type: "AssessmentDisputedByShop", schemaVersion: 1, ...commandFacts(command) }]),
  );
};

const orderParts = (
  command: RepairOrderCommandOf<"OrderParts">,
  state: OpenedRepairOrderState,
): Decision => {
  if (state.partsOrders.some((order) => order.partsOrderId === command.partsOrderId)) {
    return E.left(duplicateReference("partsOrder", command.partsOrderId));
  }
  return E.right([{ type: "PartsOrdered", schemaVersion: 1, ...commandFacts(command) }]);
};

const receiveParts = (
  command: RepairOrderCommandOf<"ReceiveParts">,
  state: OpenedRepairOrderState,
): Decision => {
  const outstanding = outstandingPartsOrders(state);
  const order = outstanding.find((candidate) => candidate.partsOrderId === command.partsOrderId);
  if (order === undefined) {
    return E.left(
      domainError(
        "repair_order.parts_not_ordered",
        `No outstanding parts order ${command.partsOrderId}`,
        {
          partsOrderId: command.partsOrderId,
          outstanding: outstanding.map((candidate) => candidate.partsOrderId),
        },
      ),
    );
  }
  if (isBefore(command.occurredAt, order.orderedAt)) {
    return E.left(
      domainError("validation.invalid_command", "Parts cannot arrive before they were ordered", {
        orderedAt: order.orderedAt,
        occurredAt: command.occurredAt,
      }),
    );
  }
  return E.right([{ type: "PartsReceived", schemaVersion: 1, ...commandFacts(command) }]);
};

const requestSupplement = (
  command: RepairOrderCommandOf<"RequestSupplement">,
  state: OpenedRepairOrderState,
): Decision => {
  if (state.supplements.some((s) => s.supplementId === command.supplementId)) {
    return E.left(duplicateReference("supplement", command.supplementId));
  }
  return pipe(
    totalOf(state, command.lines),
    E.map((total) => [
      { type: "SupplementRequested", schemaVersion: 1, ...commandFacts(command), total },
    ]),
  );
};

const startWork = (
  command: RepairOrderCommandOf<"StartWork">,
  state: OpenedRepairOrderState,
): Decision =>
  state.workStartedAt === null
    ? E.right([{ type: "WorkStarted", schemaVersion: 1, ...commandFacts(command) }])
    : E.left(invalidTransition(state, command, "Work has already started"));

const completeWork = (
  command: RepairOrderCommandOf<"CompleteWork">,
  state: OpenedRepairOrderState,
): Decision =>
  state.workStartedAt === null
    ? E.left(invalidTransition(state, command, "Work cannot complete before it has started"))
    : E.right([{ type: "WorkCompleted", schemaVersion: 1, ...commandFacts(command) }]);

const invoiceInsurer = (
  command: RepairOrderCommandOf<"InvoiceInsurer">,
  state: OpenedRepairOrderState,
): Decision => {
  if (!state.directBilling) {
    return E.left(
      domainError(
        "repair_order.not_direct_billing",
        "The insurer is invoiced only for direct-billing repair orders; this one is cash-settled",
        { repairOrderId: state.repairOrderId },
      ),
    );
  }
  return pipe(
    requireCurrency(state.currency, [command.amount]),
    E.map(() => [{ type: "RepairOrderInvoiced", schemaVersion: 1, ...commandFacts(command) }]),
  );
};

const decideWork = (command: WorkCommand, state: OpenedRepairOrderState): Decision => {
  if (!ALLOWED_IN[command.type].includes(state.status)) {
    return E.left(invalidTransition(state, command));
  }
  switch (command.type) {
    case "ReceiveVehicle":
      return E.right([{ type: "VehicleReceived", schemaVersion: 1, ...commandFacts(command) }]);
    case "RecordDiagnostics":
      return E.right([{ type: "DiagnosticsRecorded", schemaVersion: 1, ...commandFacts(command) }]);
    case "SubmitEstimate":
      return submitEstimate(command, state);
    case "ConfirmAssessment":
      return E.right([
        { type: "AssessmentConfirmedByShop", schemaVersion: 1, ...commandFacts(command) },
      ]);
    case "DisputeAssessment":
      return disputeAssessment(command, state);
    case "AssignWork":
      return E.right([{ type: "WorkAssigned", schemaVersion: 1, ...commandFacts(command) }]);
    case "OrderParts":
      return orderParts(command, state);
    case "ReceiveParts":
      return receiveParts(command, state);
    case "StartWork":
      return startWork(command, state);
    case "RequestSupplement":
      return requestSupplement(command, state);
    case "CompleteWork":
      return completeWork(command, state);
    case "NotifyCustomer":
      return E.right([{ type: "CustomerNotified", schemaVersion: 1, ...commandFacts(command) }]);
    case "HandOverVehicle":
      return E.right([{ type: "VehicleHandedOver", schemaVersion: 1, ...commandFacts(command) }]);
    case "InvoiceInsurer":
      return invoiceInsurer(command, state);
    case "CancelRepairOrder":
      return E.right([
        { type: "RepairOrderCancelled", schemaVersion: 1, ...commandFacts(command) },
      ]);
  }
};

/**
 * Decides a RepairOrder command (the lifecycle is described on `RepairOrderStatus`).
 *
 * Errors: `validation.invalid_command`, `repair_order.already_exists`,
 * `repair_order.not_found`, `repair_order.invalid_transition` (wrong status, work started
 * twice, completed before started), `repair_order.parts_not_ordered`,
 * `repair_order.duplicate_reference` (a parts order or supplement id used twice),
 * `repair_order.not_direct_billing` (invoicing a cash-settled order), `money.currency_mismatch`.
 *
 * @example
 * ```ts
 * decideRepairOrder({ type: "ReceiveParts", schemaVersion: 1, occurredAt, partsOrderId: "PO-1" }, state);
 * // E.left({ code: "repair_order.parts_not_ordered", … }) when PO-1 was never ordered
 * ```
 */
export const decideRepairOrder = (command: RepairOrderCommand, state: RepairOrderState): Decision =>
  pipe(
    parseCommand(RepairOrderCommandSchema, command),
    E.flatMap((parsed): Decision => {
      if (parsed.type === "OpenRepairOrder") {
        return state.status === "none"
          ? open(parsed)
          : E.left(
              domainError(
                "repair_order.already_exists",
                `Repair order ${state.repairOrderId} already exists`,
                { repairOrderId: state.repairOrderId },
              ),
            );
      }
      return state.status === "none"
        ? E.left(
            domainError("repair_order.not_found", `${parsed.type} needs an open repair order`, {
              command: parsed.type,
            }),
          )
        : decideWork(parsed, state);
    }),
  );
