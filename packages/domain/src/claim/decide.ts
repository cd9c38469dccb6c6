import * as E from "fp-ts/lib/Either.js";
import type { Decider } from "../shared/decider.js";
import type { ClaimCommand } from "./commands.js";
import { type ClaimDeciderConfig, DEFAULT_CLAIM_CONFIG } from "./config.js";
import {
  decideFlagAtRisk,
  decideMarkBreached,
  decidePauseDeadline,
  decideRecomputeDeadlines,
  decideResumeDeadline,
  withDeadlineEffects,
} from "./deadline-effects.js";
import {
  decideApproveSupplement,
  decideAssess,
  decideRejectSupplement,
  decideRequestSupplement,
  decideSetReserve,
  decideShopResponse,
} from "./decide-assessment.js";
import {
  decideAcknowledge,
  decideAssign,
  decideBookInspection,
  decideCompleteInspection,
  decideFirstContact,
  decideReceiveDocument,
  decideRegister,
  decideRequestDocuments,
  decideTriage,
  decideVerifyCoverage,
} from "./decide-intake.js";
import {
  decideApprovePayoutCommitment,
  decideCommitPayout,
  decideReleasePayoutCommitment,
} from "./decide-payout-ledger.js";
import {
  decideAgreeSettlement,
  decideClose,
  decideComplaint,
  decideDeny,
  decideFeedback,
  decideRecordPayment,
  decideRecordRecovery,
  decideRefusalNotice,
  decideReopen,
  decideReversePayment,
} from "./decide-settlement.js";
import type { ClaimEvent } from "./events.js";
import { evolveClaim } from "./evolve.js";
import type { ClaimDecision } from "./guards.js";
import { type ClaimState, initialClaimState } from "./state.js";

const decidePrimary = (
  command: ClaimCommand,
  state: ClaimState,
  config: ClaimDeciderConfig,
): ClaimDecision => {
  switch (command.type) {
    case "RegisterClaim":
      return decideRegister(command, state);
    case "AcknowledgeClaim":
      return decideAcknowledge(command, state);
    case "RecordFirstContact":
      return decideFirstContact(command, state);
    case "VerifyCoverage":
      return decideVerifyCoverage(command, state);
    case "TriageClaim":
      return decideTriage(command, state, config);
    case "AssignAdjuster":
      return decideAssign(command, state);
    case "RequestDocuments":
      return decideRequestDocuments(command, state);
    case "ReceiveDocument":
      return decideReceiveDocument(command, state);
    case "BookInspection":
      return decideBookInspection(command, state);
    case "CompleteInspection":
      return decideCompleteInspection(command, state);
    case "AssessDamage":
      return decideAssess(command, state);
    case "RecordShopResponse":
      return decideShopResponse(command, state);
    case "RequestSupplement":
      return decideRequestSupplement(command, state);
    case "ApproveSupplement":
      return decideApproveSupplement(command, state);
    case "RejectSupplement":
      return decideRejectSupplement(command, state);
    case "SetReserve":
      return decideSetReserve(command, state);
    case "AgreeSettlement":
      return decideAgreeSettlement(command, state);
    case "DenyClaim":
      return decideDeny(command, state);
    case "SendRefusalNotice":
      return decideRefusalNotice(command, state);
    case "CommitPayout":
      return decideCommitPayout(command, state);
    case "ApprovePayoutCommitment":
      return decideApprovePayoutCommitment(command, state, config.approvalLimits);
    case "ReleasePayoutCommitment":
      return decideReleasePayoutCommitment(command, state);
    case "RecordPayment":
      return decideRecordPayment(command, state);
    case "ReversePayment":
      return decideReversePayment(command, state);
    case "RecordRecovery":
      return decideRecordRecovery(command, state);
    case "CloseClaim":
      return decideClose(command, state);
    case "ReopenClaim":
      return decideReopen(command, state);
    case "PauseDeadline":
      return decidePauseDeadline(command, state);
    case "ResumeDeadline":
      return decideResumeDeadline(command, state, config.calendars);
    case "RecomputeDeadlines":
      return decideRecomputeDeadlines(command, state, config.calendars);
    case "MarkDeadlineBreached":
      return decideMarkBreached(command, state);
    case "FlagDeadlineAtRisk":
      return decideFlagAtRisk(command, state);
    case "RecordFeedback":
      return decideFeedback(command, state);
    case "FileComplaint":
      return decideComplaint(command, state);
  }
};

/**
 * The Claim aggregate as a decider, with an insurer's configuration.
 *
 * @example
 * ```ts
 * const decider = createClaimDecider({ ...DEFAULT_CLAIM_CONFIG, fastTrack: { ...DEFAULT_FAST_TRACK_CONFIG, limit: money(300_000, "CNY") } });
 * const events = decider.decide(registerClaim, decider.initialState); // Either<DomainError, ClaimEvent[]>
 * ```
 */
export const createClaimDecider = (
  config: ClaimDeciderConfig = DEFAULT_CLAIM_CONFIG,
): Decider<ClaimCommand, ClaimEvent, ClaimState> => ({
  initialState: initialClaimState,
  evolve: evolveClaim,
  decide: (command, state) => {
    const primary = decidePrimary(command, state, config);
    if (E.isLeft(primary)) return primary;
    const facts =
      command.type === "RegisterClaim"
        ? { jurisdiction: command.jurisdiction, insurerId: command.insurerId }
        : state.facts;
    const rules = facts ? config.deadlineRules(facts.jurisdiction, facts.insurerId) : [];
    return withDeadlineEffects(rules, state, primary.right, config.calendars);
  },
});

/** The Claim decider with {@link DEFAULT_CLAIM_CONFIG}. */
export const claimDecider = createClaimDecider();

/** Decides with the default configuration: `decideClaim(command, state)`. */
export const decideClaim = claimDecider.decide;
