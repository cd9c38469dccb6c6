import type { Decider } from "../shared/decider.js";
import type { PayoutCommand } from "./commands.js";
import { DEFAULT_PAYOUT_CONFIG, type PayoutDeciderConfig } from "./config.js";
import { decidePayout } from "./decide.js";
import type { PayoutEvent } from "./events.js";
import { evolvePayout } from "./evolve.js";
import { initialPayoutState, type PayoutState } from "./state.js";

/**
 * A Payout decider (stream `payout-{id}`) with the given approval limits.
 *
 * @example
 * ```ts
 * const decider = createPayoutDecider({ approvalLimits: insurerContract.approvalLimits });
 * decider.decide(command, foldEvents(decider, history));
 * ```
 */
export const createPayoutDecider = (
  config: PayoutDeciderConfig = DEFAULT_PAYOUT_CONFIG,
): Decider<PayoutCommand, PayoutEvent, PayoutState> => ({
  initialState: initialPayoutState,
  decide: (command, state) => decidePayout(command, state, config),
  evolve: evolvePayout,
});

/**
 * The Payout aggregate with the default approval limits: one payment from request to
 * issue or void, and the recoveries against it.
 *
 * @example
 * ```ts
 * const state = foldEvents(payoutDecider, history);
 * if (state.status !== "none") state.netPaid; // issued − recoveries
 * ```
 */
export const payoutDecider: Decider<PayoutCommand, PayoutEvent, PayoutState> =
  createPayoutDecider();

export {
  ApprovePayoutSchema,
  FailPayoutSchema,
  IssuePayoutSchema,
  type Payee,
  PayeeSchema,
  type PayoutCommand,
  type PayoutCommandInput,
  type PayoutCommandOf,
  PayoutCommandSchema,
  RecordRecoverySchema,
  type RecoveryKind,
  RecoveryKindSchema,
  RejectPayoutSchema,
  RequestPayoutSchema,
  RetryPayoutSchema,
  VoidPayoutSchema,
} from "./commands.js";
export { DEFAULT_PAYOUT_CONFIG, type PayoutDeciderConfig } from "./config.js";
export { decidePayout } from "./decide.js";
export {
  PayoutApprovedSchema,
  type PayoutEvent,
  type PayoutEventOf,
  PayoutEventSchema,
  PayoutFailedSchema,
  PayoutIssuedSchema,
  PayoutRejectedSchema,
  PayoutRequestedSchema,
  PayoutRetriedSchema,
  PayoutVoidedSchema,
  RecoveryRecordedSchema,
} from "./events.js";
export { evolvePayout } from "./evolve.js";
export {
  initialPayoutState,
  type PayoutRecovery,
  type PayoutState,
  type PayoutStatus,
  type RequestedPayoutState,
} from "./state.js";
