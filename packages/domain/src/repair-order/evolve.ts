import { instantToMs } from "../shared/time.js";
import type { RepairOrderEvent, RepairOrderEventOf } from "./events.js";
import {
  type OpenedRepairOrderState,
  outstandingPartsOrders,
  type RepairOrderState,
} from "./state.js";

type Opened = OpenedRepairOrderState;

const opened = (event: RepairOrderEventOf<"RepairOrderOpened">): Opened => ({
  status: "opened",
  repairOrderId: event.repairOrderId,
  claimId: event.claimId,
  insurerId: event.insurerId,
  shopId: event.shopId,
  vehicle: event.vehicle,
  directBilling: event.directBilling,
  currency: event.currency,
  openedAt: event.occurredAt,
  intake: null,
  findings: [],
  diagnosedAt: null,
  estimate: null,
  estimateCount: 0,
  shopResponse: null,
  assignee: null,
  assignedAt: null,
  partsOrders: [],
  partsWaitingMs: 0,
  workStartedAt: null,
  supplements: [],
  workCompletedAt: null,
  completionPhotos: [],
  customerNotifications: [],
  handover: null,
  invoice: null,
  cancellation: null,
});

/** In the repair phase the status follows the parts: waiting while any order is outstanding. */
const repairPhaseStatus = (state: Opened): Opened["status"] =>
  outstandingPartsOrders(state).length > 0 ? "waiting_parts" : "in_repair";

/** Assigning or starting work moves an estimated order into the repair phase. */
const enterRepairPhase = (state: Opened): Opened =>
  state.status === "estimated" || state.status === "in_repair" || state.status === "waiting_parts"
    ? { ...state, status: repairPhaseStatus(state) }
    : state;

/** After a parts order or receipt: re-derive the status if the order is in the repair phase. */
const followParts = (state: Opened): Opened =>
  state.status === "in_repair" || state.status === "waiting_parts"
    ? { ...state, status: repairPhaseStatus(state) }
    : state;

const partsReceived = (state: Opened, event: RepairOrderEventOf<"PartsReceived">): Opened => {
  let waited = 0;
  const partsOrders = state.partsOrders.map((order) => {
    if (order.partsOrderId !== event.partsOrderId || order.receivedAt !== null) return order;
    waited = Math.max(0, instantToMs(event.occurredAt) - instantToMs(order.orderedAt));
    return { ...order, receivedAt: event.occurredAt, waitingMs: waited };
  });
  return followParts({ ...state, partsOrders, partsWaitingMs: state.partsWaitingMs + waited });
};

const evolveOpened = (state: Opened, event: RepairOrderEvent): Opened => {
  const at = event.occurredAt;
  switch (event.type) {
    case "RepairOrderOpened":
      return opened(event);
    case "VehicleReceived":
      return {
        ...state,
        status: "vehicle_received",
        intake: {
          mileage: event.mileage,
          notes: event.notes ?? null,
          photos: event.photos,
          receivedAt: at,
        },
      };
    case "DiagnosticsRecorded":
      return {
        ...state,
        status: "diagnosed",
        findings: [...state.findings, ...event.findings],
        diagnosedAt: at,
      };
    case "EstimateSubmitted":
      return {
        ...state,
        status: "estimated",
        estimate: { lines: event.lines, total: event.total, submittedAt: at },
        estimateCount: state.estimateCount + 1,
      };
    case "AssessmentConfirmedByShop":
      return {
        ...state,
        shopResponse: {
          verdict: "confirmed",
          text: event.note ?? null,
          proposedAmount: null,
          respondedAt: at,
        },
      };
    case "AssessmentDisputedByShop":
      return {
        ...state,
        shopResponse: {
          verdict: "disputed",
          text: event.reason,
          proposedAmount: event.proposedAmount ?? null,
          respondedAt: at,
        },
      };
    case "WorkAssigned":
      return enterRepairPhase({ ...state, assignee: event.assignee, assignedAt: at });
    case "PartsOrdered":
      return followParts({
        ...state,
        partsOrders: [
          ...state.partsOrders,
          {
            partsOrderId: event.partsOrderId,
            parts: event.parts,
            supplier: event.supplier ?? null,
            orderedAt: at,
            receivedAt: null,
            waitingMs: null,
          },
        ],
      });
    case "PartsReceived":
      return partsReceived(state, event);
    case "WorkStarted":
      return enterRepairPhase({ ...state, workStartedAt: at });
    case "SupplementRequested":
      return {
        ...state,
        supplements: [
          ...state.supplements,
          {
            supplementId: event.supplementId,
            lines: event.lines,
            reason: event.reason,
            total: event.total,
            submittedAt: at,
          },
        ],
      };
    case "WorkCompleted":
      return { ...state, status: "completed", workCompletedAt: at, completionPhotos: event.photos };
    case "CustomerNotified":
      return {
        ...state,
        customerNotifications: [
          ...state.customerNotifications,
          { channel: event.channel, note: event.note ?? null, notifiedAt: at },
        ],
      };
    case "VehicleHandedOver":
      return {
        ...state,
        status: "handed_over",
        handover: { signedBy: event.signedBy, handedOverAt: at },
      };
    case "RepairOrderInvoiced":
      return {
        ...state,
        status: "invoiced",
        invoice: { invoiceNumber: event.invoiceNumber, amount: event.amount, invoicedAt: at },
      };
    case "RepairOrderCancelled":
      return {
        ...state,
        status: "cancelled",
        cancellation: { reason: event.reason, cancelledAt: at },
      };
  }
};

/**
 * Applies one RepairOrder event. Total: it never throws. `RepairOrderOpened` (re)starts the
 * state; a later event on a stream that never saw `RepairOrderOpened` leaves the empty state
 * as it is, since there is no order to change (`decideRepairOrder` never emits one there).
 */
export const evolveRepairOrder = (
  state: RepairOrderState,
  event: RepairOrderEvent,
): RepairOrderState => {
  if (event.type === "RepairOrderOpened") return opened(event);
  return state.status === "none" ? state : evolveOpened(state, event);
};
