import type { CalendarLookup } from "../deadlines/calendar.js";
import type { DeadlineRule } from "../deadlines/deadline-rule.js";
import { presetsFor } from "../deadlines/presets.js";
import { type ApprovalLimits, DEFAULT_APPROVAL_LIMITS } from "../rules/approval.js";
import { DEFAULT_FAST_TRACK_CONFIG, type FastTrackConfig } from "../rules/fast-track.js";
import {
  DEFAULT_RISK_BANDS,
  DEFAULT_RISK_RULES,
  type RiskBands,
  type RiskRule,
} from "../rules/risk.js";
import type { Jurisdiction } from "../shared/vocabulary.js";

/**
 * What an insurer can tune in claim handling. Passed to {@link createClaimDecider}; the domain
 * keeps no global settings.
 */
export interface ClaimDeciderConfig {
  /**
   * The SLA and regulatory deadlines that apply to a claim of a jurisdiction, for the insurer
   * handling it (so contract terms can differ per insurer on top of the regulatory presets).
   */
  readonly deadlineRules: (
    jurisdiction: Jurisdiction,
    insurerId: string,
  ) => readonly DeadlineRule[];
  /**
   * The business calendars deadlines count on: the shipped tables ({@link calendarFor}) unless
   * the application keeps a registry of tables extended at run time.
   */
  readonly calendars?: CalendarLookup;
  readonly riskRules: readonly RiskRule[];
  readonly riskBands: RiskBands;
  readonly fastTrack: FastTrackConfig;
  /**
   * Who may approve how much, applied to the total approved on one claim (the payout decider
   * applies the same limits to each payout): the same table as the payout decider's.
   */
  readonly approvalLimits: ApprovalLimits;
}

/** The regulatory presets of docs/domain.md, the default risk rules and a CNY 5,000 fast track. */
export const DEFAULT_CLAIM_CONFIG: ClaimDeciderConfig = {
  deadlineRules: presetsFor,
  riskRules: DEFAULT_RISK_RULES,
  riskBands: DEFAULT_RISK_BANDS,
  fastTrack: DEFAULT_FAST_TRACK_CONFIG,
  approvalLimits: DEFAULT_APPROVAL_LIMITS,
};
