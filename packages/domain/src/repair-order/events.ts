import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { eventSchema, TextSchema } from "../shared/messages.js";
import { CurrencySchema, NonNegativeMoneySchema, PositiveMoneySchema } from "../shared/money.js";
import {
  NotificationChannelSchema,
  OrderedPartSchema,
  PhotoRefSchema,
  RepairAssigneeSchema,
  RepairLineSchema,
  RepairVehicleSchema,
} from "./commands.js";

/** A repair order was opened (stream `repair-order-{repairOrderId}` starts here). */
export const RepairOrderOpenedSchema = eventSchema("RepairOrderOpened", {
  repairOrderId: IdSchema,
  claimId: IdSchema,
  insurerId: IdSchema,
  shopId: IdSchema,
  vehicle: RepairVehicleSchema,
  directBilling: z.boolean(),
  currency: CurrencySchema,
});

/** The intake act: the vehicle arrived at the shop. */
export const VehicleReceivedSchema = eventSchema("VehicleReceived", {
  mileage: z.number().int().min(0).max(10_000_000),
  notes: TextSchema.optional(),
  photos: z.array(PhotoRefSchema).max(200),
});

/** Diagnostics found these (added to earlier findings). */
export const DiagnosticsRecordedSchema = eventSchema("DiagnosticsRecorded", {
  findings: z.array(TextSchema).min(1).max(200),
});

/** The shop's estimate; `total` is the sum of the line amounts, as quoted to the insurer. */
export const EstimateSubmittedSchema = eventSchema("EstimateSubmitted", {
  lines: z.array(RepairLineSchema).min(1).max(500),
  total: NonNegativeMoneySchema,
});

/** The shop confirmed the insurer's assessment. */
export const AssessmentConfirmedByShopSchema = eventSchema("AssessmentConfirmedByShop", {
  note: TextSchema.optional(),
});

/** The shop disputed the insurer's assessment. */
export const AssessmentDisputedByShopSchema = eventSchema("AssessmentDisputedByShop", {
  reason: TextSchema,
  proposedAmount: NonNegativeMoneySchema.optional(),
});

/** The work was assigned to a technician or a team. */
export const WorkAssignedSchema = eventSchema("WorkAssigned", { assignee: RepairAssigneeSchema });

/** Parts were ordered under the shop's `partsOrderId`. */
export const PartsOrderedSchema = eventSchema("PartsOrdered", {
  partsOrderId: IdSchema,
  parts: z.array(OrderedPartSchema).min(1).max(500),
  supplier: z.string().trim().min(1).max(200).optional(),
});

/** The parts of order `partsOrderId` arrived. */
export const PartsReceivedSchema = eventSchema("PartsReceived", { partsOrderId: IdSchema });

/** Work on the vehicle started. */
export const WorkStartedSchema = eventSchema("WorkStarted", {});

/** Hidden damage: extra lines; `total` is the sum of their amounts. */
export const SupplementRequestedSchema = eventSchema("SupplementRequested", {
  supplementId: IdSchema,
  lines: z.array(RepairLineSchema).min(1).max(200),
  reason: TextSchema,
  total: NonNegativeMoneySchema,
});

/** The repair was done. */
export const WorkCompletedSchema = eventSchema("WorkCompleted", {
  photos: z.array(PhotoRefSchema).max(200),
});

/** The customer was told the vehicle is ready. */
export const CustomerNotifiedSchema = eventSchema("CustomerNotified", {
  channel: NotificationChannelSchema,
  note: TextSchema.optional(),
});

/** The vehicle was handed back; `signedBy` is personal data. */
export const VehicleHandedOverSchema = eventSchema("VehicleHandedOver", {
  signedBy: z.string().trim().min(1).max(200),
});

/** The shop invoiced the insurer. */
export const RepairOrderInvoicedSchema = eventSchema("RepairOrderInvoiced", {
  invoiceNumber: z.string().trim().min(1).max(100),
  amount: PositiveMoneySchema,
});

/** The order was cancelled. */
export const RepairOrderCancelledSchema = eventSchema("RepairOrderCancelled", {
  reason: TextSchema,
});

/** Every event of a `repair-order-{id}` stream, discriminated by `type`. */
export const RepairOrderEventSchema = z.discriminatedUnion("type", [
  RepairOrderOpenedSchema,
  VehicleReceivedSchema,
  DiagnosticsRecordedSchema,
  EstimateSubmittedSchema,
  AssessmentConfirmedByShopSchema,
  AssessmentDisputedByShopSchema,
  WorkAssignedSchema,
  PartsOrderedSchema,
  PartsReceivedSchema,
  WorkStartedSchema,
  SupplementRequestedSchema,
  WorkCompletedSchema,
  CustomerNotifiedSchema,
  VehicleHandedOverSchema,
  RepairOrderInvoicedSchema,
  RepairOrderCancelledSchema,
]);
export type RepairOrderEvent = z.infer<typeof RepairOrderEventSchema>;
/** The event of one `type`. */
export type RepairOrderEventOf<T extends RepairOrderEvent["type"]> = Extract<
  RepairOrderEvent,
  { type: T }
>;
