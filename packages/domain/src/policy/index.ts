import type { Decider } from "../shared/decider.js";
import type { PolicyCommand } from "./commands.js";
import { decidePolicy } from "./decide.js";
import type { PolicyEvent } from "./events.js";
import { evolvePolicy } from "./evolve.js";
import { initialPolicyState, type PolicyState } from "./state.js";

/**
 * The Policy aggregate (stream `policy-{id}`): a coverage snapshot with its period, cover,
 * premium, endorsements and cancellation.
 *
 * @example
 * ```ts
 * const state = foldEvents(policyDecider, history);
 * const snapshot = toPolicySnapshot(state, lossDate);
 * const earned = state.status === "none" ? undefined : earnedPremium(state, "2026-01-01", "2026-03-31");
 * ```
 */
export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = {
  initialState: initialPolicyState,
  decide: decidePolicy,
  evolve: evolvePolicy,
};

export {
  CancelPolicySchema,
  CoveredPerilsSchema,
  type EndorsementChanges,
  EndorsementChangesSchema,
  EndorsePolicySchema,
  IssuePolicySchema,
  type PolicyCommand,
  type PolicyCommandInput,
  type PolicyCommandOf,
  PolicyCommandSchema,
  type PolicyHolder,
  PolicyHolderSchema,
} from "./commands.js";
export { decidePolicy } from "./decide.js";
export { earnedPremium, type PremiumEarningFacts } from "./earned-premium.js";
export {
  type PolicyCancelled,
  PolicyCancelledSchema,
  type PolicyEndorsed,
  PolicyEndorsedSchema,
  type PolicyEvent,
  type PolicyEventOf,
  PolicyEventSchema,
  type PolicyIssued,
  PolicyIssuedSchema,
} from "./events.js";
export { evolvePolicy } from "./evolve.js";
export {
  type InsuredObject,
  InsuredObjectSchema,
  type PolicySnapshot,
  PolicySnapshotSchema,
  type Territory,
  TerritorySchema,
} from "./snapshot.js";
export {
  type IssuedPolicyState,
  initialPolicyState,
  type PolicyCancellation,
  type PolicyEndorsement,
  type PolicyState,
  type PolicyStatus,
  type PolicyTerms,
} from "./state.js";
export { policyTermsOn, toPolicySnapshot } from "./terms.js";
