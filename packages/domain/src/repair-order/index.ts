import type { Decider } from "../shared/decider.js";
import type { RepairOrderCommand } from "./commands.js";
import { decideRepairOrder } from "./decide.js";
import type { RepairOrderEvent } from "./events.js";
import { evolveRepairOrder } from "./evolve.js";
import { initialRepairOrderState, type RepairOrderState } from "./state.js";

/**
 * The RepairOrder aggregate (stream `repair-order-{id}`): a shop's work on one vehicle for
 * one claim, from intake to handover and the invoice to the insurer.
 *
 * @example
 * ```ts
 * const state = foldEvents(repairOrderDecider, history);
 * repairOrderDecider.decide(
 *   { type: "OrderParts", schemaVersion: 1, occurredAt, partsOrderId: "PO-1", parts },
 *   state,
 * ); // E.right([{ type: "PartsOrdered", … }])
 * ```
 */
export const repairOrderDecider: Decider<RepairOrderCommand, RepairOrderEvent, RepairOrderState> = {
  initialState: initialRepairOrderState,
  decide: decideRepairOrder,
  evolve: evolveRepairOrder,
};

export {
  AssignWorkSchema,
  CancelRepairOrderSchema,
  CompleteWorkSchema,
  ConfirmAssessmentSchema,
  DisputeAssessmentSchema,
  HandOverVehicleSchema,
  InvoiceInsurerSchema,
  type NotificationChannel,
  NotificationChannelSchema,
  NotifyCustomerSchema,
  OpenRepairOrderSchema,
  type OrderedPart,
  OrderedPartSchema,
  OrderPartsSchema,
  PhotoRefSchema,
  ReceivePartsSchema,
  ReceiveVehicleSchema,
  RecordDiagnosticsSchema,
  type RepairAssignee,
  RepairAssigneeSchema,
  type RepairLine,
  RepairLineSchema,
  type RepairOrderCommand,
  type RepairOrderCommandInput,
  type RepairOrderCommandOf,
  RepairOrderCommandSchema,
  type RepairVehicle,
  RepairVehicleSchema,
  RequestSupplementSchema,
  StartWorkSchema,
  SubmitEstimateSchema,
} from "./commands.js";
export { decideRepairOrder } from "./decide.js";
export {
  AssessmentConfirmedByShopSchema,
  AssessmentDisputedByShopSchema,
  CustomerNotifiedSchema,
  DiagnosticsRecordedSchema,
  EstimateSubmittedSchema,
  PartsOrderedSchema,
  PartsReceivedSchema,
  RepairOrderCancelledSchema,
  type RepairOrderEvent,
  type RepairOrderEventOf,
  RepairOrderEventSchema,
  RepairOrderInvoicedSchema,
  RepairOrderOpenedSchema,
  SupplementRequestedSchema,
  VehicleHandedOverSchema,
  VehicleReceivedSchema,
  WorkAssignedSchema,
  WorkCompletedSchema,
  WorkStartedSchema,
} from "./events.js";
export { evolveRepairOrder } from "./evolve.js";
export {
  type CustomerNotification,
  initialRepairOrderState,
  type OpenedRepairOrderState,
  outstandingPartsOrders,
  type PartsOrder,
  type RepairOrderState,
  type RepairOrderStatus,
  type RepairQuote,
  type RepairSupplement,
  type ShopAssessmentResponse,
  type VehicleIntake,
} from "./state.js";
