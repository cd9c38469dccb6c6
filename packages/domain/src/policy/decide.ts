import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { commandFacts, parseCommand } from "../shared/command-parsing.js";
import { type DomainError, domainError } from "../shared/errors.js";
import { requireCurrency } from "../shared/money.js";
import type { LocalDate } from "../shared/time.js";
import { type PolicyCommand, type PolicyCommandOf, PolicyCommandSchema } from "./commands.js";
import type { PolicyEvent } from "./events.js";
import type { IssuedPolicyState, PolicyState } from "./state.js";

type Decision = E.Either<DomainError, readonly PolicyEvent[]>;
type ChangeCommand = Exclude<PolicyCommand, { type: "IssuePolicy" }>;

/** The statuses each command after issue is allowed in. */
const ALLOWED_IN: {
  readonly [T in ChangeCommand["type"]]: readonly IssuedPolicyState["status"][];
} = {
  EndorsePolicy: ["issued"],
  CancelPolicy: ["issued"],
};

const outsidePeriod = (state: IssuedPolicyState, field: string, date: LocalDate): DomainError =>
  domainError(
    "policy.date_outside_period",
    `${field} ${date} is outside the policy period ${state.startDate} to ${state.endDate}`,
    { [field]: date, startDate: state.startDate, endDate: state.endDate },
  );

const requireInPeriod = (
  state: IssuedPolicyState,
  field: string,
  date: LocalDate,
): E.Either<DomainError, void> =>
  date >= state.startDate && date <= state.endDate
    ? E.right(undefined)
    : E.left(outsidePeriod(state, field, date));

const issue = (command: PolicyCommandOf<"IssuePolicy">): Decision => {
  if (command.endDate < command.startDate) {
    return E.left(
      domainError(
        "policy.invalid_period",
        `The policy cannot end (${command.endDate}) before it starts (${command.startDate})`,
        { startDate: command.startDate, endDate: command.endDate },
      ),
    );
  }
  return pipe(
    requireCurrency(command.sumInsured.currency, [command.deductible, command.writtenPremium]),
    E.map(() => [{ type: "PolicyIssued", schemaVersion: 1, ...commandFacts(command) }]),
  );
};

const endorse = (command: PolicyCommandOf<"EndorsePolicy">, state: IssuedPolicyState): Decision =>
  pipe(
    requireInPeriod(state, "effectiveDate", command.effectiveDate),
    E.flatMap(() =>
      requireCurrency(
        state.currency,
        command.changes.sumInsured ? [command.changes.sumInsured] : [],
      ),
    ),
    E.map(() => [{ type: "PolicyEndorsed", schemaVersion: 1, ...commandFacts(command) }]),
  );

const requireRefundWithinPremium = (
  state: IssuedPolicyState,
  refund: PolicyCommandOf<"CancelPolicy">["refundPremium"],
): E.Either<DomainError, void> => {
  if (refund === undefined) return E.right(undefined);
  return pipe(
    requireCurrency(state.currency, [refund]),
    E.flatMap(() =>
      refund.amount <= state.writtenPremium.amount
        ? E.right(undefined)
        : E.left(
            domainError("policy.refund_exceeds_premium", "The refund exceeds the written premium", {
              refundPremium: refund,
              writtenPremium: state.writtenPremium,
            }),
          ),
    ),
  );
};

const cancel = (command: PolicyCommandOf<"CancelPolicy">, state: IssuedPolicyState): Decision =>
  pipe(
    requireInPeriod(state, "cancelledFrom", command.cancelledFrom),
    E.flatMap(() => requireRefundWithinPremium(state, command.refundPremium)),
    E.map(() => {
      return [{ type: "PolicyCancelled", schemaVersion: 1, ...commandFacts(command) }];
    }),
  );

const decideChange = (command: ChangeCommand, state: IssuedPolicyState): Decision => {
  if (!ALLOWED_IN[command.type].includes(state.status)) {
    return E.left(
      domainError(
        "policy.invalid_transition",
        `${command.type} is not allowed on a policy that is ${state.status}`,
        { status: state.status, command: command.type },
      ),
    );
  }
  switch (command.type) {
    case "EndorsePolicy":
      return endorse(command, state);
    case "CancelPolicy":
      return cancel(command, state);
  }
};

/**
 * Decides a Policy command: issue once, then endorse or cancel while issued.
 *
 * Errors: `validation.invalid_command`, `policy.already_exists`, `policy.not_found`,
 * `policy.invalid_period` (end before start), `policy.date_outside_period` (endorsement or
 * cancellation date outside the period), `policy.refund_exceeds_premium`,
 * `policy.invalid_transition` (anything after cancellation), `money.currency_mismatch`.
 *
 * @example
 * ```ts
 * decidePolicy({ type: "CancelPolicy", schemaVersion: 1, occurredAt, cancelledFrom: "2026-07-01" }, state);
 * // E.right([{ type: "PolicyCancelled", … }])
 * ```
 */
export const decidePolicy = (command: PolicyCommand, state: PolicyState): Decision =>
  pipe(
    parseCommand(PolicyCommandSchema, command),
    E.flatMap((parsed): Decision => {
      if (parsed.type === "IssuePolicy") {
        return state.status === "none"
          ? issue(parsed)
          : E.left(
              domainError("policy.already_exists", `Policy ${state.policyId} already exists`, {
                policyId: state.policyId,
              }),
            );
      }
      return state.status === "none"
        ? E.left(
            domainError("policy.not_found", `${parsed.type} needs an issued policy`, {
              command: parsed.type,
            }),
          )
        : decideChange(parsed, state);
    }),
  );
