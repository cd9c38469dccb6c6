import type { Id } from "../shared/ids.js";
import type { Currency, Money } from "../shared/money.js";
import type { Instant } from "../shared/time.js";
import type { CostType, Role } from "../shared/vocabulary.js";
import type { Payee, RecoveryKind } from "./commands.js";

/**
 * Where a payout is: `none` before it is requested. `failed` may go back to `approved`
 * (retry); `rejected` and `voided` are final; `issued` takes recoveries until voided.
 */
export type PayoutStatus =
  | "none"
  | "requested"
  | "approved"
  | "rejected"
  | "issued"
  | "failed"
  | "voided";

/** One recovery recorded against the payout. */
export interface PayoutRecovery {
  readonly kind: RecoveryKind;
  readonly amount: Money;
  readonly from: string;
  readonly recordedAt: Instant;
}

/** A payout that has been requested. */
export interface RequestedPayoutState {
  readonly status: Exclude<PayoutStatus, "none">;
  readonly payoutId: Id;
  readonly claimId: Id;
  readonly insurerId: Id;
  /** Personal data (see {@link Payee}). */
  readonly payee: Payee;
  /** The requested (and, once approved, approved) amount. */
  readonly amount: Money;
  readonly currency: Currency;
  readonly costType: CostType;
  readonly reason: string;
  readonly requestedBy: Id;
  readonly requestedAt: Instant;
  readonly approval: {
    readonly approverId: Id;
    readonly approverRole: Role;
    readonly approvedAt: Instant;
  } | null;
  readonly rejection: {
    readonly rejectedBy: Id;
    readonly reason: string;
    readonly rejectedAt: Instant;
  } | null;
  readonly paymentReference: string | null;
  readonly issuedAt: Instant | null;
  /** Every failed attempt to pay, oldest first. */
  readonly failures: readonly { readonly reason: string; readonly failedAt: Instant }[];
  /** Every retry after a failure, oldest first. */
  readonly retries: readonly { readonly reason: string | null; readonly retriedAt: Instant }[];
  readonly voiding: {
    readonly reason: string;
    readonly reversal: boolean;
    readonly voidedAt: Instant;
  } | null;
  readonly recoveries: readonly PayoutRecovery[];
  /** Money paid out and not reversed: the amount once issued, zero before issue or after a reversal. */
  readonly issuedAmount: Money;
  /** Sum of the recoveries. */
  readonly recoveriesTotal: Money;
  /** `issuedAmount − recoveriesTotal`. */
  readonly netPaid: Money;
}

/** The Payout aggregate's state: nothing yet, or a requested payout. */
export type PayoutState = { readonly status: "none" } | RequestedPayoutState;

/** The state of a `payout-{id}` stream before its first event. */
export const initialPayoutState: PayoutState = { status: "none" };
