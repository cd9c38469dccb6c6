import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { type ApprovalLimits, checkApprovalLimit } from "../rules/approval.js";
import { type DomainError, domainError } from "../shared/errors.js";
import type { Money } from "../shared/money.js";
import type { CostType } from "../shared/vocabulary.js";
import type { ClaimCommandOf } from "./commands.js";
import {
  type ClaimDecision,
  OPEN,
  requireCurrency,
  requireStatus,
  stamp,
  UNDECIDED,
} from "./guards.js";
import type { ClaimState, PayoutCommitment } from "./state.js";

// Payouts may be committed and approved while the claim is being handled or settled.
const PAYABLE = [...UNDECIDED, "settled"] as const;

const sum = (entries: readonly PayoutCommitment[]): number =>
  entries.reduce((total, entry) => total + entry.amount.amount, 0);

const ledger = (state: ClaimState): PayoutCommitment[] => Object.values(state.payoutLedger);

/** Committed or approved, not yet paid: money promised and still to go out. */
export const isOutstanding = (entry: PayoutCommitment): boolean =>
  entry.stage === "committed" || entry.stage === "approved";

/** What the claim's outstanding payouts of `costType` add up to. */
export const unpaidCommitted = (state: ClaimState, costType: CostType): number =>
  sum(ledger(state).filter((entry) => entry.costType === costType && isOutstanding(entry)));

/** What has been paid of `costType` (payments less reversals). */
export const paidOf = (state: ClaimState, costType: CostType): number =>
  state.paid?.[costType].amount ?? 0;

// What payouts of a cost type are bounded by: the agreed settlement, or the expense reserve.
const limitOf = (state: ClaimState, costType: CostType): number =>
  costType === "indemnity"
    ? (state.settlement?.amount.amount ?? 0)
    : (state.reserves?.expense.amount ?? 0);

/** Everything approved on the claim (approved or paid, not reversed), both cost types. */
export const approvedTotal = (state: ClaimState): number =>
  sum(ledger(state).filter((entry) => entry.stage === "approved" || entry.stage === "paid"));

/**
 * How much more of `costType` may be committed: indemnity up to the agreed settlement (less
 * what is paid and what is committed), expense up to the expense reserve (payments already
 * reduced it) less what is committed.
 */
export const headroom = (state: ClaimState, costType: CostType): number =>
  limitOf(state, costType) -
  (costType === "indemnity" ? paidOf(state, "indemnity") : 0) -
  unpaidCommitted(state, costType);

const exceeds = (state: ClaimState, costType: CostType, amount: Money): DomainError =>
  domainError(
    "claim.payout_exceeds_authority",
    costType === "indemnity"
      ? "Indemnity payouts would exceed the agreed settlement"
      : "Expense payouts would exceed the expense reserve",
    {
      costType,
      limit: limitOf(state, costType),
      committed: unpaidCommitted(state, costType),
      paid: paidOf(state, costType),
      amount: amount.amount,
    },
  );

/**
 * Commits a payout against the claim. Idempotent: the same payout committed again with the
 * same amount and cost type decides nothing; with others it is refused.
 */
export const decideCommitPayout = (
  command: ClaimCommandOf<"CommitPayout">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, PAYABLE),
    E.chain((facts) => requireCurrency(facts, command.amount)),
    E.chain((amount): ClaimDecision => {
      const existing = state.payoutLedger[command.payoutId];
      if (existing !== undefined || state.payoutIds.includes(command.payoutId)) {
        const same =
          existing !== undefined &&
          isOutstanding(existing) &&
          existing.amount.amount === amount.amount &&
          existing.costType === command.costType;
        return same
          ? E.right([])
          : E.left(
              domainError(
                "claim.payout_already_committed",
                `Payout ${command.payoutId} is already accounted for on this claim`,
                { payoutId: command.payoutId },
              ),
            );
      }
      if (amount.amount > headroom(state, command.costType)) {
        return E.left(exceeds(state, command.costType, amount));
      }
      return E.right([
        {
          type: "PayoutCommitted",
          ...stamp(command),
          payoutId: command.payoutId,
          amount,
          costType: command.costType,
        },
      ]);
    }),
  );

const committedEntry = (
  state: ClaimState,
  payoutId: string,
): E.Either<DomainError, PayoutCommitment> => {
  const entry = state.payoutLedger[payoutId];
  return entry === undefined
    ? E.left(
        domainError("claim.payout_not_committed", `Payout ${payoutId} is not committed here`, {
          payoutId,
        }),
      )
    : E.right(entry);
};

/**
 * Approves a committed payout on the claim: the approver's limit must cover everything
 * approved on the claim with this payout. Idempotent for a payout already approved.
 */
export const decideApprovePayoutCommitment = (
  command: ClaimCommandOf<"ApprovePayoutCommitment">,
  state: ClaimState,
  limits: ApprovalLimits,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, PAYABLE),
    E.chain(() => committedEntry(state, command.payoutId)),
    E.chain((entry): ClaimDecision => {
      if (entry.stage !== "committed") {
        return entry.stage === "approved"
          ? E.right([])
          : E.left(
              domainError(
                "claim.payout_not_committed",
                `Payout ${command.payoutId} is ${entry.stage}`,
                {
                  payoutId: command.payoutId,
                  stage: entry.stage,
                },
              ),
            );
      }
      const cumulative = { ...entry.amount, amount: approvedTotal(state) + entry.amount.amount };
      return pipe(
        checkApprovalLimit(command.approverRole, cumulative, limits),
        E.mapLeft((error) =>
          domainError(
            error.code,
            `${error.message} (the claim's approved payouts would total ${cumulative.amount})`,
            {
              ...error.details,
              approvedOnClaim: approvedTotal(state),
            },
          ),
        ),
        E.map(() => [
          {
            type: "PayoutCommitmentApproved",
            ...stamp(command),
            payoutId: command.payoutId,
            approverId: command.approverId,
            approverRole: command.approverRole,
            amount: entry.amount,
          },
        ]),
      );
    }),
  );

/** Releases a payout that will not be paid; a paid one must be reversed instead. */
export const decideReleasePayoutCommitment = (
  command: ClaimCommandOf<"ReleasePayoutCommitment">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, [...OPEN, "closed"]),
    E.chain(() => committedEntry(state, command.payoutId)),
    E.chain(
      (entry): ClaimDecision =>
        entry.stage === "paid" || entry.stage === "reversed"
          ? E.left(
              domainError(
                "claim.payout_not_committed",
                `Payout ${command.payoutId} is ${entry.stage}`,
                {
                  payoutId: command.payoutId,
                  stage: entry.stage,
                },
              ),
            )
          : E.right([
              {
                type: "PayoutCommitmentReleased",
                ...stamp(command),
                payoutId: command.payoutId,
                amount: entry.amount,
                costType: entry.costType,
                reason: command.reason,
              },
            ]),
    ),
  );
