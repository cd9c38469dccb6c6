import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { domainError } from "../shared/errors.js";
import type { ClaimCommandOf } from "./commands.js";
import { unpaidCommitted } from "./decide-payout-ledger.js";
import {
  type ClaimDecision,
  invalidTransition,
  requireCurrency,
  requireStatus,
  stamp,
  totalInClaimCurrency,
} from "./guards.js";
import type { ClaimState } from "./state.js";

/** Damage assessed as parts and labour lines (a reassessment replaces the previous one). */
export const decideAssess = (
  command: ClaimCommandOf<"AssessDamage">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["in_assessment", "assessed"]),
    E.chain((facts) =>
      totalInClaimCurrency(
        facts,
        command.lines.map((l) => l.amount),
      ),
    ),
    E.map((total) => [{ type: "DamageAssessed", ...stamp(command), lines: command.lines, total }]),
  );

/** The repair shop confirms or disputes the insurer's assessment after diagnostics. */
export const decideShopResponse = (
  command: ClaimCommandOf<"RecordShopResponse">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["assessed", "settled"]),
    E.map(() => [
      {
        type: command.response === "confirmed" ? "AssessmentConfirmed" : "AssessmentDisputed",
        ...stamp(command),
        reason: command.reason ?? null,
      } as const,
    ]),
  );

/** A supplement for hidden damage found during repair. */
export const decideRequestSupplement = (
  command: ClaimCommandOf<"RequestSupplement">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["assessed", "settled"]),
    E.filterOrElse(
      () => state.supplements[command.supplementId] === undefined,
      () => invalidTransition(state, command, `Supplement ${command.supplementId} already exists`),
    ),
    E.chain((facts) =>
      totalInClaimCurrency(
        facts,
        command.lines.map((l) => l.amount),
      ),
    ),
    E.map((total) => [
      {
        type: "SupplementRequested",
        ...stamp(command),
        supplementId: command.supplementId,
        lines: command.lines,
        total,
        reason: command.reason,
      },
    ]),
  );

const pendingSupplement = (
  command: ClaimCommandOf<"ApproveSupplement" | "RejectSupplement">,
  state: ClaimState,
) =>
  pipe(
    requireStatus(state, command, ["assessed", "settled"]),
    E.chain(() => {
      const supplement = state.supplements[command.supplementId];
      if (!supplement) {
        return E.left(
          domainError("claim.supplement_not_found", `No supplement ${command.supplementId}`, {
            supplementId: command.supplementId,
          }),
        );
      }
      return supplement.status === "requested"
        ? E.right(supplement)
        : E.left(
            invalidTransition(state, command, `The supplement is already ${supplement.status}`),
          );
    }),
  );

/** Approves a pending supplement: the assessment grows by its total. */
export const decideApproveSupplement = (
  command: ClaimCommandOf<"ApproveSupplement">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    pendingSupplement(command, state),
    E.map((supplement) => [
      {
        type: "SupplementApproved",
        ...stamp(command),
        supplementId: command.supplementId,
        total: supplement.total,
      },
    ]),
  );

/** Rejects a pending supplement. */
export const decideRejectSupplement = (
  command: ClaimCommandOf<"RejectSupplement">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    pendingSupplement(command, state),
    E.map(() => [
      {
        type: "SupplementRejected",
        ...stamp(command),
        supplementId: command.supplementId,
        reason: command.reason,
      },
    ]),
  );

/**
 * Sets a case reserve to a new balance. The event records both the delta and the balance, so
 * the balance always equals the sum of the deltas. Setting the same balance changes nothing.
 */
export const decideSetReserve = (
  command: ClaimCommandOf<"SetReserve">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, [
      "registered",
      "coverage_verified",
      "in_assessment",
      "assessed",
      "settled",
    ]),
    E.chain((facts) => requireCurrency(facts, command.balance)),
    E.filterOrElse(
      (balance) => balance.amount >= 0,
      () => domainError("claim.reserve_negative", "A reserve balance cannot be negative"),
    ),
    E.filterOrElse(
      (balance) =>
        command.costType !== "expense" || balance.amount >= unpaidCommitted(state, "expense"),
      () =>
        domainError(
          "claim.reserve_below_committed",
          "The expense reserve cannot fall below the expense payouts committed and not yet paid",
          { committed: unpaidCommitted(state, "expense") },
        ),
    ),
    E.map((balance) => {
      const current = state.reserves?.[command.costType].amount ?? 0;
      const delta = { amount: balance.amount - current, currency: balance.currency };
      return delta.amount === 0
        ? []
        : [
            {
              type: "ReserveChanged",
              ...stamp(command),
              costType: command.costType,
              delta,
              balance,
              reason: command.reason ?? null,
            } as const,
          ];
    }),
  );
