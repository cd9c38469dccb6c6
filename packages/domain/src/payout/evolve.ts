import { zeroMoney } from "../shared/money.js";
import type { PayoutEvent, PayoutEventOf } from "./events.js";
import type { PayoutState, RequestedPayoutState } from "./state.js";

type Requested = RequestedPayoutState;

const requested = (event: PayoutEventOf<"PayoutRequested">): Requested => ({
  status: "requested",
  payoutId: event.payoutId,
  claimId: event.claimId,
  insurerId: event.insurerId,
  payee: event.payee,
  amount: event.amount,
  currency: event.amount.currency,
  costType: event.costType,
  reason: event.reason,
  requestedBy: event.requestedBy,
  requestedAt: event.occurredAt,
  approval: null,
  rejection: null,
  paymentReference: null,
  issuedAt: null,
  failures: [],
  retries: [],
  voiding: null,
  recoveries: [],
  issuedAmount: zeroMoney(event.amount.currency),
  recoveriesTotal: zeroMoney(event.amount.currency),
  netPaid: zeroMoney(event.amount.currency),
});

/** Sets the paid and recovered totals and derives the net from them. */
const withTotals = (state: Requested, issued: number, recovered: number): Requested => ({
  ...state,
  issuedAmount: { amount: issued, currency: state.currency },
  recoveriesTotal: { amount: recovered, currency: state.currency },
  netPaid: { amount: issued - recovered, currency: state.currency },
});

const evolveRequested = (state: Requested, event: PayoutEvent): Requested => {
  const at = event.occurredAt;
  switch (event.type) {
    case "PayoutRequested":
      return requested(event);
    case "PayoutApproved":
      return {
        ...state,
        status: "approved",
        approval: {
          approverId: event.approverId,
          approverRole: event.approverRole,
          approvedAt: at,
        },
      };
    case "PayoutRejected":
      return {
        ...state,
        status: "rejected",
        rejection: { rejectedBy: event.rejectedBy, reason: event.reason, rejectedAt: at },
      };
    case "PayoutIssued":
      return withTotals(
        { ...state, status: "issued", paymentReference: event.paymentReference, issuedAt: at },
        event.amount.amount,
        state.recoveriesTotal.amount,
      );
    case "PayoutFailed":
      return {
        ...state,
        status: "failed",
        failures: [...state.failures, { reason: event.reason, failedAt: at }],
      };
    case "PayoutRetried":
      return {
        ...state,
        status: "approved",
        retries: [...state.retries, { reason: event.reason ?? null, retriedAt: at }],
      };
    case "PayoutVoided":
      return withTotals(
        {
          ...state,
          status: "voided",
          voiding: { reason: event.reason, reversal: event.reversal, voidedAt: at },
        },
        event.reversal ? 0 : state.issuedAmount.amount,
        state.recoveriesTotal.amount,
      );
    case "RecoveryRecorded":
      return withTotals(
        {
          ...state,
          recoveries: [
            ...state.recoveries,
            { kind: event.kind, amount: event.amount, from: event.from, recordedAt: at },
          ],
        },
        state.issuedAmount.amount,
        state.recoveriesTotal.amount + event.amount.amount,
      );
  }
};

/**
 * Applies one Payout event. Total: it never throws. `PayoutRequested` (re)starts the state;
 * a later event on a stream that never saw `PayoutRequested` leaves the empty state as it
 * is, since there is no payout to change (`decidePayout` never emits one there).
 */
export const evolvePayout = (state: PayoutState, event: PayoutEvent): PayoutState => {
  if (event.type === "PayoutRequested") return requested(event);
  return state.status === "none" ? state : evolveRequested(state, event);
};
