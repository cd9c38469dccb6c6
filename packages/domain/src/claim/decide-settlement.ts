import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { domainError } from "../shared/errors.js";
import type { ClaimCommand, ClaimCommandOf } from "./commands.js";
import { isOutstanding, paidOf, unpaidCommitted } from "./decide-payout-ledger.js";
import type { ClaimEvent } from "./events.js";
import {
  type ClaimDecision,
  invalidTransition,
  OPEN,
  requireCurrency,
  requireStatus,
  stamp,
  UNDECIDED,
} from "./guards.js";
import type { ClaimState } from "./state.js";

/**
 * Settlement agreed with the claimant. After an assessment, or straight from coverage for a
 * fast-tracked claim. The agreed amount can never be below what was already paid.
 */
export const decideAgreeSettlement = (
  command: ClaimCommandOf<"AgreeSettlement">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(
      state,
      command,
      state.fastTrack ? ["coverage_verified", "in_assessment", "assessed"] : ["assessed"],
    ),
    E.chain((facts) => requireCurrency(facts, command.amount)),
    E.filterOrElse(
      (amount) => amount.amount >= paidOf(state, "indemnity") + unpaidCommitted(state, "indemnity"),
      () =>
        domainError(
          "claim.settlement_below_paid",
          "The settlement is below the indemnity paid and committed to payouts",
          {
            paid: paidOf(state, "indemnity"),
            committed: unpaidCommitted(state, "indemnity"),
          },
        ),
    ),
    E.map((amount) => [
      { type: "SettlementAgreed", ...stamp(command), amount, method: command.method },
    ]),
  );

/** The claim is denied with a reason (the refusal notice deadline starts). */
export const decideDeny = (
  command: ClaimCommandOf<"DenyClaim">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, UNDECIDED),
    E.map(() => [{ type: "ClaimDenied", ...stamp(command), reason: command.reason, code: null }]),
  );

/** The refusal notice went out to the claimant, once. */
export const decideRefusalNotice = (
  command: ClaimCommandOf<"SendRefusalNotice">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["denied", "closed"]),
    E.filterOrElse(
      () => state.deniedReason !== null && !state.refusalNoticeSent,
      () => invalidTransition(state, command, "No refusal notice is owed"),
    ),
    E.map(() => [{ type: "RefusalNoticeSent", ...stamp(command) }]),
  );

/**
 * A payout was issued. Only a payout committed and approved on this claim can be recorded, for
 * its committed amount and cost type: the limits were checked when it was committed (indemnity
 * within the settlement, expense within the reserve) and approved. The money has left, so the
 * claim records it whatever its status now. The case reserve of the cost type falls by the
 * payment (never below zero), so incurred stays paid + reserve.
 */
export const decideRecordPayment = (
  command: ClaimCommandOf<"RecordPayment">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, [...OPEN, "closed"]),
    E.filterOrElse(
      () => !state.payoutIds.includes(command.payoutId),
      () =>
        domainError("claim.payment_already_recorded", `Payout ${command.payoutId} is recorded`, {
          payoutId: command.payoutId,
        }),
    ),
    E.filterOrElse(
      () => {
        const entry = state.payoutLedger[command.payoutId];
        return (
          entry !== undefined &&
          entry.stage === "approved" &&
          entry.costType === command.costType &&
          entry.amount.amount === command.amount.amount &&
          entry.amount.currency === command.amount.currency
        );
      },
      () =>
        domainError(
          "claim.payout_not_committed",
          `Payout ${command.payoutId} was not committed and approved on this claim for this amount`,
          { payoutId: command.payoutId, ledger: state.payoutLedger[command.payoutId] ?? null },
        ),
    ),
    E.chain((facts) => requireCurrency(facts, command.amount)),
    E.filterOrElse(
      (amount) =>
        command.costType !== "indemnity" ||
        paidOf(state, "indemnity") + amount.amount <= (state.settlement?.amount.amount ?? 0),
      () =>
        domainError(
          "claim.payment_exceeds_settlement",
          "Indemnity paid would exceed the settlement",
          {
            settlement: state.settlement?.amount.amount ?? 0,
            paid: paidOf(state, "indemnity"),
            amount: command.amount.amount,
          },
        ),
    ),
    E.map((amount): ClaimEvent[] => {
      const reserve = state.reserves?.[command.costType] ?? {
        amount: 0,
        currency: amount.currency,
      };
      const release = Math.min(amount.amount, reserve.amount);
      const paid: ClaimEvent = {
        type: "ClaimPaymentRecorded",
        ...stamp(command),
        payoutId: command.payoutId,
        amount,
        costType: command.costType,
      };
      return release === 0
        ? [paid]
        : [
            paid,
            {
              type: "ReserveChanged",
              ...stamp(command),
              costType: command.costType,
              delta: { amount: -release, currency: amount.currency },
              balance: { amount: reserve.amount - release, currency: amount.currency },
              reason: `payment ${command.payoutId}`,
            },
          ];
    }),
  );

/**
 * An issued payout was reversed. The claim's paid total falls by the payment. The case reserve
 * is left to the adjuster: a bounced payment is still owed (set the reserve again), a duplicate
 * is not. Refused when the recoveries already booked would then exceed the indemnity paid.
 */
export const decideReversePayment = (
  command: ClaimCommandOf<"ReversePayment">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, [...OPEN, "closed"]),
    E.chain(() => {
      const payment = state.payments[command.payoutId];
      return payment
        ? E.right(payment)
        : E.left(
            domainError("claim.payment_not_found", `No standing payment ${command.payoutId}`, {
              payoutId: command.payoutId,
            }),
          );
    }),
    E.filterOrElse(
      (payment) =>
        payment.costType !== "indemnity" ||
        paidOf(state, "indemnity") - payment.amount.amount >= (state.recovered?.amount ?? 0),
      () =>
        domainError("claim.recovery_exceeds_paid", "Recoveries would exceed the indemnity paid", {
          paid: paidOf(state, "indemnity"),
          recovered: state.recovered?.amount ?? 0,
        }),
    ),
    E.map(({ amount, costType }): ClaimEvent[] => [
      {
        type: "ClaimPaymentReversed",
        ...stamp(command),
        payoutId: command.payoutId,
        amount,
        costType,
        reason: command.reason,
      },
    ]),
  );

/** Subrogation or salvage brought money back; never more than the indemnity paid. */
export const decideRecordRecovery = (
  command: ClaimCommandOf<"RecordRecovery">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, [...OPEN, "closed"]),
    E.filterOrElse(
      () => command.payoutId === undefined || state.payoutIds.includes(command.payoutId),
      () =>
        domainError("claim.payment_not_found", `No payment ${command.payoutId} on this claim`, {
          payoutId: command.payoutId,
        }),
    ),
    E.chain((facts) => requireCurrency(facts, command.amount)),
    E.filterOrElse(
      (amount) => (state.recovered?.amount ?? 0) + amount.amount <= paidOf(state, "indemnity"),
      () =>
        domainError("claim.recovery_exceeds_paid", "Recoveries would exceed the indemnity paid", {
          paid: paidOf(state, "indemnity"),
          recovered: state.recovered?.amount ?? 0,
        }),
    ),
    E.map((amount) => [
      {
        type: "RecoveryRecorded",
        ...stamp(command),
        kind: command.kind,
        amount,
        payoutId: command.payoutId ?? null,
      },
    ]),
  );

const closeAllowed = (command: ClaimCommandOf<"CloseClaim">, state: ClaimState) => {
  const outstanding = Object.entries(state.payoutLedger)
    .filter(([, entry]) => isOutstanding(entry))
    .map(([payoutId]) => payoutId);
  if (outstanding.length > 0) {
    return E.left(
      domainError(
        "claim.payouts_outstanding",
        "Payouts are committed and not yet paid or released: close the claim after them",
        { payoutIds: outstanding },
      ),
    );
  }
  switch (command.outcome) {
    case "paid":
      return pipe(
        requireStatus(state, command, ["settled"]),
        E.filterOrElse(
          () => paidOf(state, "indemnity") >= (state.settlement?.amount.amount ?? 0),
          () =>
            domainError("claim.not_fully_paid", "The settlement is not fully paid yet", {
              settlement: state.settlement?.amount.amount ?? 0,
              paid: paidOf(state, "indemnity"),
            }),
        ),
      );
    case "denied":
      return requireStatus(state, command, ["denied"]);
    default:
      return requireStatus(state, command, UNDECIDED);
  }
};

/** Closes the claim with an outcome; remaining case reserves are released to zero. */
export const decideClose = (
  command: ClaimCommandOf<"CloseClaim">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    closeAllowed(command, state),
    E.map((): ClaimEvent[] => {
      const releases = releaseReserves(command, state);
      return [...releases, { type: "ClaimClosed", ...stamp(command), outcome: command.outcome }];
    }),
  );

const releaseReserves = (command: ClaimCommand, state: ClaimState): ClaimEvent[] =>
  (["indemnity", "expense"] as const).flatMap((costType): ClaimEvent[] => {
    const balance = state.reserves?.[costType];
    return balance && balance.amount !== 0
      ? [
          {
            type: "ReserveChanged",
            ...stamp(command),
            costType,
            delta: { amount: -balance.amount, currency: balance.currency },
            balance: { amount: 0, currency: balance.currency },
            reason: "claim closed",
          },
        ]
      : [];
  });

/** New facts reopen a closed claim (a tracked quality signal). */
export const decideReopen = (
  command: ClaimCommandOf<"ReopenClaim">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["closed"]),
    E.map(() => [{ type: "ClaimReopened", ...stamp(command), reason: command.reason }]),
  );

/** Customer satisfaction (1–5), once the claim is decided. */
export const decideFeedback = (
  command: ClaimCommandOf<"RecordFeedback">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["settled", "denied", "closed"]),
    E.filterOrElse(
      () => Number.isInteger(command.csat) && command.csat >= 1 && command.csat <= 5,
      () => domainError("claim.invalid_rating", "CSAT is a whole number from 1 to 5"),
    ),
    E.map(() => [
      {
        type: "FeedbackRecorded",
        ...stamp(command),
        csat: command.csat,
        comment: command.comment ?? null,
      },
    ]),
  );

/** A complaint, at any time after FNOL. */
export const decideComplaint = (
  command: ClaimCommandOf<"FileComplaint">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, [...OPEN, "closed"]),
    E.map(() => [{ type: "ComplaintFiled", ...stamp(command), text: command.text }]),
  );
