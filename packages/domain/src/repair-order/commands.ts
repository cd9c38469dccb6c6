import { z } from "zod";
import { IdSchema } from "../shared/ids.js";
import { commandSchema, TextSchema } from "../shared/messages.js";
import { CurrencySchema, NonNegativeMoneySchema, PositiveMoneySchema } from "../shared/money.js";
import { vehicleIdentityShape } from "../shared/vehicle.js";

/** The vehicle under repair: VIN and/or plate, at least one. */
export const RepairVehicleSchema = z
  .object({
    ...vehicleIdentityShape,
  })
  .strict()
  .refine((vehicle) => vehicle.vin !== undefined || vehicle.plate !== undefined, {
    message: "a VIN or a plate",
  });
export type RepairVehicle = z.infer<typeof RepairVehicleSchema>;

/** A reference to a stored photo (a URL or a storage key). */
export const PhotoRefSchema = z.string().trim().min(1).max(500);

/**
 * One line of an estimate or supplement. `amount` is the line's total (not a unit price), so
 * totals stay exact integers whatever the `quantity` (labour hours may be fractional).
 */
export const RepairLineSchema = z
  .object({
    kind: z.enum(["part", "labour", "paint", "other"]),
    description: TextSchema,
    quantity: z.number().positive().max(1_000_000),
    amount: NonNegativeMoneySchema,
  })
  .strict();
export type RepairLine = z.infer<typeof RepairLineSchema>;

/** One part on a parts order. */
export const OrderedPartSchema = z
  .object({
    partNumber: z.string().trim().min(1).max(100).optional(),
    description: TextSchema,
    quantity: z.number().int().positive().max(10_000),
  })
  .strict();
export type OrderedPart = z.infer<typeof OrderedPartSchema>;

/** Who does the work: one technician or a team. */
export const RepairAssigneeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("technician"), technicianId: IdSchema }).strict(),
  z.object({ kind: z.literal("team"), teamId: IdSchema }).strict(),
]);
export type RepairAssignee = z.infer<typeof RepairAssigneeSchema>;

/**
 * Opens the shop's repair order for one vehicle of one claim. `directBilling`: the shop
 * invoices the insurer (otherwise the claim is cash-settled and the customer pays the shop).
 * Every amount on the order is in `currency`.
 */
export const OpenRepairOrderSchema = commandSchema("OpenRepairOrder", {
  repairOrderId: IdSchema,
  claimId: IdSchema,
  insurerId: IdSchema,
  shopId: IdSchema,
  vehicle: RepairVehicleSchema,
  directBilling: z.boolean(),
  currency: CurrencySchema,
});

/** The intake act: the vehicle is at the shop, with its mileage, notes and photos. */
export const ReceiveVehicleSchema = commandSchema("ReceiveVehicle", {
  mileage: z.number().int().min(0).max(10_000_000),
  notes: TextSchema.optional(),
  photos: z.array(PhotoRefSchema).max(200),
});

/** Records what diagnostics found; more findings may follow. */
export const RecordDiagnosticsSchema = commandSchema("RecordDiagnostics", {
  findings: z.array(TextSchema).min(1).max(200),
});

/** The shop's estimate; a later one replaces the earlier. */
export const SubmitEstimateSchema = commandSchema("SubmitEstimate", {
  lines: z.array(RepairLineSchema).min(1).max(500),
});

/** The shop confirms the insurer's damage assessment. */
export const ConfirmAssessmentSchema = commandSchema("ConfirmAssessment", {
  note: TextSchema.optional(),
});

/** The shop disputes the insurer's damage assessment, optionally naming the amount it asks for. */
export const DisputeAssessmentSchema = commandSchema("DisputeAssessment", {
  reason: TextSchema,
  proposedAmount: NonNegativeMoneySchema.optional(),
});

/** Assigns the work to a technician or a team (again to reassign). */
export const AssignWorkSchema = commandSchema("AssignWork", { assignee: RepairAssigneeSchema });

/** Orders parts; `partsOrderId` is the shop's reference, used again when they arrive. */
export const OrderPartsSchema = commandSchema("OrderParts", {
  partsOrderId: IdSchema,
  parts: z.array(OrderedPartSchema).min(1).max(500),
  supplier: z.string().trim().min(1).max(200).optional(),
});

/** The parts of an outstanding order arrived. */
export const ReceivePartsSchema = commandSchema("ReceiveParts", { partsOrderId: IdSchema });

/** Work on the vehicle starts (once). */
export const StartWorkSchema = commandSchema("StartWork", {});

/** Hidden damage found after the estimate: extra lines for the insurer to approve. */
export const RequestSupplementSchema = commandSchema("RequestSupplement", {
  supplementId: IdSchema,
  lines: z.array(RepairLineSchema).min(1).max(200),
  reason: TextSchema,
});

/** The repair is done, with photos of the result. */
export const CompleteWorkSchema = commandSchema("CompleteWork", {
  photos: z.array(PhotoRefSchema).max(200),
});

/** How the customer was told. */
export const NotificationChannelSchema = z.enum([
  "phone",
  "sms",
  "email",
  "messenger",
  "in_person",
]);
export type NotificationChannel = z.infer<typeof NotificationChannelSchema>;

/** The customer is told the vehicle is ready. */
export const NotifyCustomerSchema = commandSchema("NotifyCustomer", {
  channel: NotificationChannelSchema,
  note: TextSchema.optional(),
});

/** The vehicle goes back to its owner; `signedBy` (personal data) signed the handover act. */
export const HandOverVehicleSchema = commandSchema("HandOverVehicle", {
  signedBy: z.string().trim().min(1).max(200),
});

/** The shop invoices the insurer (direct billing only) after handover. */
export const InvoiceInsurerSchema = commandSchema("InvoiceInsurer", {
  invoiceNumber: z.string().trim().min(1).max(100),
  amount: PositiveMoneySchema,
});

/** Cancels the order before the work is completed. */
export const CancelRepairOrderSchema = commandSchema("CancelRepairOrder", { reason: TextSchema });

/** Every command the RepairOrder aggregate accepts, discriminated by `type`. */
export const RepairOrderCommandSchema = z.discriminatedUnion("type", [
  OpenRepairOrderSchema,
  ReceiveVehicleSchema,
  RecordDiagnosticsSchema,
  SubmitEstimateSchema,
  ConfirmAssessmentSchema,
  DisputeAssessmentSchema,
  AssignWorkSchema,
  OrderPartsSchema,
  ReceivePartsSchema,
  StartWorkSchema,
  RequestSupplementSchema,
  CompleteWorkSchema,
  NotifyCustomerSchema,
  HandOverVehicleSchema,
  InvoiceInsurerSchema,
  CancelRepairOrderSchema,
]);
export type RepairOrderCommand = z.infer<typeof RepairOrderCommandSchema>;
/** The command as a caller may write it (`schemaVersion` may be omitted). */
export type RepairOrderCommandInput = z.input<typeof RepairOrderCommandSchema>;
/** The command of one `type`. */
export type RepairOrderCommandOf<T extends RepairOrderCommand["type"]> = Extract<
  RepairOrderCommand,
  { type: T }
>;
