import type { Id } from "../shared/ids.js";
import type { Currency, Money } from "../shared/money.js";
import type { Instant } from "../shared/time.js";
import type {
  NotificationChannel,
  OrderedPart,
  RepairAssignee,
  RepairLine,
  RepairVehicle,
} from "./commands.js";

/**
 * Where a repair order is: `none` before it is opened; `in_repair` once work is assigned or
 * started, shown as `waiting_parts` while a parts order is outstanding in that phase.
 */
export type RepairOrderStatus =
  | "none"
  | "opened"
  | "vehicle_received"
  | "diagnosed"
  | "estimated"
  | "in_repair"
  | "waiting_parts"
  | "completed"
  | "handed_over"
  | "invoiced"
  | "cancelled";

/** The intake act. */
export interface VehicleIntake {
  readonly mileage: number;
  readonly notes: string | null;
  readonly photos: readonly string[];
  readonly receivedAt: Instant;
}

/** An estimate or supplement as submitted, with the sum of its lines. */
export interface RepairQuote {
  readonly lines: readonly RepairLine[];
  readonly total: Money;
  readonly submittedAt: Instant;
}

/** A supplement request for hidden damage. */
export interface RepairSupplement extends RepairQuote {
  readonly supplementId: Id;
  readonly reason: string;
}

/** The shop's answer to the insurer's assessment (the latest one counts). */
export interface ShopAssessmentResponse {
  readonly verdict: "confirmed" | "disputed";
  /** The note of a confirmation or the reason of a dispute. */
  readonly text: string | null;
  readonly proposedAmount: Money | null;
  readonly respondedAt: Instant;
}

/** The customer was told the vehicle is ready. */
export interface CustomerNotification {
  readonly channel: NotificationChannel;
  readonly note: string | null;
  readonly notifiedAt: Instant;
}

/** A parts order and, once the parts arrived, how long the shop waited for them. */
export interface PartsOrder {
  readonly partsOrderId: Id;
  readonly parts: readonly OrderedPart[];
  readonly supplier: string | null;
  readonly orderedAt: Instant;
  readonly receivedAt: Instant | null;
  /** Milliseconds from order to receipt; `null` while outstanding. */
  readonly waitingMs: number | null;
}

/** A repair order that has been opened. */
export interface OpenedRepairOrderState {
  readonly status: Exclude<RepairOrderStatus, "none">;
  readonly repairOrderId: Id;
  readonly claimId: Id;
  readonly insurerId: Id;
  readonly shopId: Id;
  readonly vehicle: RepairVehicle;
  readonly directBilling: boolean;
  /** Every amount on the order is in this currency. */
  readonly currency: Currency;
  readonly openedAt: Instant;
  readonly intake: VehicleIntake | null;
  /** Diagnostic findings, in the order recorded. */
  readonly findings: readonly string[];
  readonly diagnosedAt: Instant | null;
  /** The latest estimate. */
  readonly estimate: RepairQuote | null;
  /** How many estimates were submitted (a revision replaces `estimate`). */
  readonly estimateCount: number;
  readonly shopResponse: ShopAssessmentResponse | null;
  readonly assignee: RepairAssignee | null;
  readonly assignedAt: Instant | null;
  readonly partsOrders: readonly PartsOrder[];
  /** Sum of `waitingMs` over received parts orders. */
  readonly partsWaitingMs: number;
  readonly workStartedAt: Instant | null;
  readonly supplements: readonly RepairSupplement[];
  readonly workCompletedAt: Instant | null;
  readonly completionPhotos: readonly string[];
  /** Every time the customer was told the vehicle is ready, oldest first. */
  readonly customerNotifications: readonly CustomerNotification[];
  readonly handover: { readonly signedBy: string; readonly handedOverAt: Instant } | null;
  readonly invoice: {
    readonly invoiceNumber: string;
    readonly amount: Money;
    readonly invoicedAt: Instant;
  } | null;
  readonly cancellation: { readonly reason: string; readonly cancelledAt: Instant } | null;
}

/** The RepairOrder aggregate's state: nothing yet, or an opened order. */
export type RepairOrderState = { readonly status: "none" } | OpenedRepairOrderState;

/** The state of a `repair-order-{id}` stream before its first event. */
export const initialRepairOrderState: RepairOrderState = { status: "none" };

/** Parts orders whose parts have not arrived yet. */
export const outstandingPartsOrders = (state: OpenedRepairOrderState): readonly PartsOrder[] =>
  state.partsOrders.filter((order) => order.receivedAt === null);
