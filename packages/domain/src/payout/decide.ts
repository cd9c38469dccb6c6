import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { checkApprovalLimit } from "../rules/approval.js";
import { commandFacts, parseCommand } from "../shared/command-parsing.js";
import { type DomainError, domainError } from "../shared/errors.js";
import { formatMoney, requireCurrency } from "../shared/money.js";
import { type PayoutCommand, type PayoutCommandOf, PayoutCommandSchema } from "./commands.js";
import { DEFAULT_PAYOUT_CONFIG, type PayoutDeciderConfig } from "./config.js";
import type { PayoutEvent } from "./events.js";
import type { PayoutState, RequestedPayoutState } from "./state.js";

type Decision = E.Either<DomainError, readonly PayoutEvent[]>;
type Status = RequestedPayoutState["status"];
type FollowUpCommand = Exclude<PayoutCommand, { type: "RequestPayout" }>;

/** The statuses each command after the request is allowed in. */
const ALLOWED_IN: { readonly [T in FollowUpCommand["type"]]: readonly Status[] } = {
  ApprovePayout: ["requested"],
  RejectPayout: ["requested"],
  IssuePayout: ["approved"],
  FailPayout: ["approved"],
  RetryPayout: ["failed"],
  VoidPayout: ["requested", "approved", "failed", "issued"],
  RecordRecovery: ["issued"],
};

const approve = (
  command: PayoutCommandOf<"ApprovePayout">,
  state: RequestedPayoutState,
  config: PayoutDeciderConfig,
): Decision => {
  if (command.approverId === state.requestedBy) {
    return E.left(
      domainError("payout.self_approval", "The requester of a payout cannot approve it", {
        requestedBy: state.requestedBy,
        approverId: command.approverId,
      }),
    );
  }
  return pipe(
    checkApprovalLimit(command.approverRole, state.amount, config.approvalLimits),
    E.map(() => [{ type: "PayoutApproved", schemaVersion: 1, ...commandFacts(command) }]),
  );
};

const voidPayout = (
  command: PayoutCommandOf<"VoidPayout">,
  state: RequestedPayoutState,
): Decision => {
  const reversal = state.status === "issued";
  if (reversal && state.recoveries.length > 0) {
    return E.left(
      domainError(
        "payout.reversal_after_recovery",
        "An issued payout with recoveries cannot be reversed",
        { recoveriesTotal: state.recoveriesTotal },
      ),
    );
  }
  return E.right([{ type: "PayoutVoided", schemaVersion: 1, ...commandFacts(command), reversal }]);
};

const recordRecovery = (
  command: PayoutCommandOf<"RecordRecovery">,
  state: RequestedPayoutState,
): Decision =>
  pipe(
    requireCurrency(state.currency, [command.amount]),
    E.flatMap((): Decision => {
      const total = state.recoveriesTotal.amount + command.amount.amount;
      if (total > state.issuedAmount.amount) {
        return E.left(
          domainError(
            "payout.recovery_exceeds_paid",
            `Recoveries would total ${formatMoney({ amount: total, currency: state.currency })}, more than the ${formatMoney(state.issuedAmount)} paid`,
            {
              issuedAmount: state.issuedAmount,
              recoveriesTotal: state.recoveriesTotal,
              amount: command.amount,
            },
          ),
        );
      }
      return E.right([{ type: "RecoveryRecorded", schemaVersion: 1, ...commandFacts(command) }]);
    }),
  );

const decideFollowUp = (
  command: FollowUpCommand,
  state: RequestedPayoutState,
  config: PayoutDeciderConfig,
): Decision => {
  if (!ALLOWED_IN[command.type].includes(state.status)) {
    return E.left(
      domainError(
        "payout.invalid_transition",
        `${command.type} is not allowed while the payout is ${state.status}`,
        { status: state.status, command: command.type },
      ),
    );
  }
  switch (command.type) {
    case "ApprovePayout":
      return approve(command, state, config);
    case "RejectPayout":
      return E.right([{ type: "PayoutRejected", schemaVersion: 1, ...commandFacts(command) }]);
    case "IssuePayout":
      return E.right([
        { type: "PayoutIssued", schemaVersion: 1, ...commandFacts(command), amount: state.amount },
      ]);
    case "FailPayout":
      return E.right([{ type: "PayoutFailed", schemaVersion: 1, ...commandFacts(command) }]);
    case "RetryPayout":
      return E.right([{ type: "PayoutRetried", schemaVersion: 1, ...commandFacts(command) }]);
    case "VoidPayout":
      return voidPayout(command, state);
    case "RecordRecovery":
      return recordRecovery(command, state);
  }
};

/**
 * Decides a Payout command under `config` (approval limits).
 *
 * Errors: `validation.invalid_command`, `payout.already_exists`, `payout.not_found`,
 * `payout.invalid_transition`, `payout.self_approval`, `payout.role_cannot_approve`,
 * `payout.approval_limit_exceeded`, `payout.recovery_exceeds_paid`,
 * `payout.reversal_after_recovery`, `money.currency_mismatch`.
 *
 * @example
 * ```ts
 * decidePayout({ type: "ApprovePayout", schemaVersion: 1, occurredAt, approverId: "u-2", approverRole: "finance" }, state);
 * // E.right([{ type: "PayoutApproved", … }]) or E.left({ code: "payout.approval_limit_exceeded", … })
 * ```
 */
export const decidePayout = (
  command: PayoutCommand,
  state: PayoutState,
  config: PayoutDeciderConfig = DEFAULT_PAYOUT_CONFIG,
): Decision =>
  pipe(
    parseCommand(PayoutCommandSchema, command),
    E.flatMap((parsed): Decision => {
      if (parsed.type === "RequestPayout") {
        return state.status === "none"
          ? E.right([{ type: "PayoutRequested", schemaVersion: 1, ...commandFacts(parsed) }])
          : E.left(
              domainError("payout.already_exists", `Payout ${state.payoutId} already exists`, {
                payoutId: state.payoutId,
              }),
            );
      }
      return state.status === "none"
        ? E.left(
            domainError("payout.not_found", `${parsed.type} needs a requested payout`, {
              command: parsed.type,
            }),
          )
        : decideFollowUp(parsed, state, config);
    }),
  );
