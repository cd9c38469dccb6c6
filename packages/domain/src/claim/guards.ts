import * as E from "fp-ts/lib/Either.js";
import { type DomainError, domainError } from "../shared/errors.js";
import type { Money } from "../shared/money.js";
import type { ClaimCommand } from "./commands.js";
import type { ClaimEvent } from "./events.js";
import type { ClaimFacts, ClaimState, ClaimStatus } from "./state.js";

/** What a command handler of the claim returns. */
export type ClaimDecision = E.Either<DomainError, readonly ClaimEvent[]>;

/** The common head of every event decided for `command`. */
export const stamp = (command: ClaimCommand) =>
  ({ schemaVersion: 1, occurredAt: command.occurredAt }) as const;

/** Refuses `command` unless the claim exists and is in one of `allowed`. */
export const requireStatus = (
  state: ClaimState,
  command: ClaimCommand,
  allowed: readonly ClaimStatus[],
): E.Either<DomainError, ClaimFacts> => {
  if (state.status === "none" || state.facts === null) {
    return E.left(domainError("claim.not_found", "No claim has been registered on this stream"));
  }
  if (state.status === "closed" && !allowed.includes("closed")) {
    return E.left(
      domainError("claim.closed", `${command.type} is not possible on a closed claim`, {
        command: command.type,
      }),
    );
  }
  return allowed.includes(state.status)
    ? E.right(state.facts)
    : E.left(invalidTransition(state, command));
};

/** `claim.invalid_transition` for `command` in the current status. */
export const invalidTransition = (
  state: ClaimState,
  command: ClaimCommand,
  why?: string,
): DomainError =>
  domainError(
    "claim.invalid_transition",
    why ?? `${command.type} is not allowed while the claim is ${state.status}`,
    { status: state.status, command: command.type },
  );

/** Refuses an amount in another currency than the claim's. */
export const requireCurrency = (facts: ClaimFacts, amount: Money): E.Either<DomainError, Money> =>
  amount.currency === facts.currency
    ? E.right(amount)
    : E.left(
        domainError(
          "money.currency_mismatch",
          `The claim is in ${facts.currency}, not ${amount.currency}`,
          { expected: facts.currency, actual: amount.currency },
        ),
      );

/** Refuses a list of amounts unless all are in the claim's currency; returns their total. */
export const totalInClaimCurrency = (
  facts: ClaimFacts,
  amounts: readonly Money[],
): E.Either<DomainError, Money> => {
  const foreign = amounts.find((m) => m.currency !== facts.currency);
  return foreign
    ? requireCurrency(facts, foreign)
    : E.right({
        amount: amounts.reduce((sum, m) => sum + m.amount, 0),
        currency: facts.currency,
      });
};

/** Statuses in which a claim is still being handled and has not yet been decided. */
export const UNDECIDED: readonly ClaimStatus[] = [
  "registered",
  "coverage_verified",
  "in_assessment",
  "assessed",
];

/** Statuses of a claim that exists and is not closed. */
export const OPEN: readonly ClaimStatus[] = [...UNDECIDED, "settled", "denied"];
