import { type ApprovalLimits, DEFAULT_APPROVAL_LIMITS } from "../rules/approval.js";

/** What the Payout decider is configured with (per insurer contract, say). */
export interface PayoutDeciderConfig {
  /** Who may approve how much; see {@link DEFAULT_APPROVAL_LIMITS}. */
  readonly approvalLimits: ApprovalLimits;
}

/** The default configuration: the default approval limits. */
export const DEFAULT_PAYOUT_CONFIG: PayoutDeciderConfig = {
  approvalLimits: DEFAULT_APPROVAL_LIMITS,
};
