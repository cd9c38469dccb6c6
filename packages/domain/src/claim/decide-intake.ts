import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { checkCoverage } from "../rules/coverage.js";
import { fastTrackEligibility } from "../rules/fast-track.js";
import { scoreRisk } from "../rules/risk.js";
import { domainError } from "../shared/errors.js";
import type { ClaimCommandOf } from "./commands.js";
import type { ClaimDeciderConfig } from "./config.js";
import type { ClaimEvent } from "./events.js";
import {
  type ClaimDecision,
  invalidTransition,
  OPEN,
  requireCurrency,
  requireStatus,
  stamp,
  UNDECIDED,
} from "./guards.js";
import type { ClaimState } from "./state.js";

/** FNOL: registers the claim once. */
export const decideRegister = (
  command: ClaimCommandOf<"RegisterClaim">,
  state: ClaimState,
): ClaimDecision => {
  if (state.status !== "none") {
    return E.left(domainError("claim.already_exists", "This claim is already registered"));
  }
  if (command.estimatedAmount && command.estimatedAmount.currency !== command.currency) {
    return E.left(
      domainError("money.currency_mismatch", "The estimate must be in the claim's currency", {
        expected: command.currency,
        actual: command.estimatedAmount.currency,
      }),
    );
  }
  const { type: _type, schemaVersion: _v, occurredAt: _at, ...facts } = command;
  return E.right([
    {
      type: "ClaimRegistered",
      ...stamp(command),
      ...facts,
      referralNumber: command.referralNumber ?? null,
      estimatedAmount: command.estimatedAmount ?? null,
    },
  ]);
};

/** Acknowledgement to the reporter, once. */
export const decideAcknowledge = (
  command: ClaimCommandOf<"AcknowledgeClaim">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, OPEN),
    E.filterOrElse(
      () => state.acknowledgedAt === null,
      () => invalidTransition(state, command, "The claim is already acknowledged"),
    ),
    E.map(() => [{ type: "ClaimAcknowledged", ...stamp(command) }]),
  );

/** First contact with the claimant, once. */
export const decideFirstContact = (
  command: ClaimCommandOf<"RecordFirstContact">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, OPEN),
    E.filterOrElse(
      () => state.firstContactAt === null,
      () => invalidTransition(state, command, "First contact is already recorded"),
    ),
    E.map(() => [{ type: "FirstContactMade", ...stamp(command), channel: command.channel }]),
  );

/**
 * Coverage check against the policy snapshot. A failed check is a business outcome, not an
 * error: it is recorded (`CoverageDenied`) and the claim is denied with the check's code.
 */
export const decideVerifyCoverage = (
  command: ClaimCommandOf<"VerifyCoverage">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["registered"]),
    E.filterOrElse(
      (facts) => facts.policyId === command.policy.policyId,
      (facts) =>
        domainError("coverage.policy_mismatch", "The snapshot is of another policy", {
          expected: facts.policyId,
          actual: command.policy.policyId,
        }),
    ),
    E.map((facts): ClaimEvent[] => {
      const result = checkCoverage(command.policy, {
        lossDate: facts.lossDate,
        peril: facts.peril,
        lossPlace: facts.lossPlace,
        insuredObject: facts.insuredObject,
      });
      const policyId = command.policy.policyId;
      if (E.isRight(result)) {
        return [
          {
            type: "CoverageVerified",
            ...stamp(command),
            policyId,
            checkedRules: [...result.right.checkedRules],
          },
        ];
      }
      const { code, message } = result.left;
      return [
        { type: "CoverageDenied", ...stamp(command), policyId, code, reason: message },
        { type: "ClaimDenied", ...stamp(command), reason: message, code },
      ];
    }),
  );

/** Risk score, then fast track (small, low risk) or fraud review (high risk). */
export const decideTriage = (
  command: ClaimCommandOf<"TriageClaim">,
  state: ClaimState,
  config: ClaimDeciderConfig,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["coverage_verified", "in_assessment", "assessed"]),
    E.filterOrElse(
      () => state.risk === null,
      () => invalidTransition(state, command, "The claim is already triaged"),
    ),
    E.chainFirst((facts) => requireCurrency(facts, command.sumInsured)),
    E.map((facts): ClaimEvent[] => {
      const estimatedAmount = facts.estimatedAmount ?? { amount: 0, currency: facts.currency };
      const assessment = scoreRisk(
        {
          estimatedAmount,
          sumInsured: command.sumInsured,
          lossDate: facts.lossDate,
          policyStartDate: command.policyStartDate,
          reportedAt: facts.reportedAt,
          priorClaimsLast12Months: command.priorClaimsLast12Months,
          singleParty: command.singleParty,
          injuries: command.injuries,
          policeReport: command.policeReport,
          description: facts.description,
          ...(command.lossHourLocal === undefined ? {} : { lossHourLocal: command.lossHourLocal }),
        },
        config.riskRules,
        config.riskBands,
      );
      const scored: ClaimEvent = { type: "RiskScored", ...stamp(command), assessment };
      if (assessment.band === "high") {
        const ruleIds = assessment.hits.map((h) => h.ruleId);
        return [
          scored,
          { type: "ReferredToFraudReview", ...stamp(command), score: assessment.score, ruleIds },
        ];
      }
      const fastTrack = fastTrackEligibility(
        { estimatedAmount, singleParty: command.singleParty, injuries: command.injuries },
        assessment,
        config.fastTrack,
      );
      return fastTrack.eligible && facts.estimatedAmount !== null
        ? [scored, { type: "FastTrackApproved", ...stamp(command), limit: config.fastTrack.limit }]
        : [scored];
    }),
  );

/** Assigns (or reassigns) the adjuster; history is kept by the events. */
export const decideAssign = (
  command: ClaimCommandOf<"AssignAdjuster">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["coverage_verified", "in_assessment", "assessed", "settled"]),
    E.filterOrElse(
      () => state.adjusterId !== command.adjusterId,
      () => invalidTransition(state, command, "That adjuster is already assigned"),
    ),
    E.map(() => [
      {
        type: "AdjusterAssigned",
        ...stamp(command),
        adjusterId: command.adjusterId,
        previousAdjusterId: state.adjusterId,
        reason: command.reason ?? null,
      },
    ]),
  );

/** Adds documents to the checklist. */
export const decideRequestDocuments = (
  command: ClaimCommandOf<"RequestDocuments">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, UNDECIDED),
    E.map(() =>
      [...new Set(command.documents)].filter((d) => !state.documentsRequested.includes(d)),
    ),
    E.filterOrElse(
      (fresh) => fresh.length > 0,
      () => invalidTransition(state, command, "Every document listed is already requested"),
    ),
    E.map((documents) => [{ type: "DocumentsRequested", ...stamp(command), documents }]),
  );

/** Ticks a requested document; the last one completes the file. */
export const decideReceiveDocument = (
  command: ClaimCommandOf<"ReceiveDocument">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, OPEN),
    E.filterOrElse(
      () =>
        state.documentsRequested.includes(command.document) &&
        !state.documentsReceived.includes(command.document),
      () =>
        domainError(
          "claim.document_not_requested",
          `${command.document} is not an outstanding requested document`,
          { document: command.document },
        ),
    ),
    E.map((): ClaimEvent[] => {
      const received: ClaimEvent = {
        type: "DocumentReceived",
        ...stamp(command),
        document: command.document,
      };
      const outstanding = state.documentsRequested.filter(
        (d) => d !== command.document && !state.documentsReceived.includes(d),
      );
      return outstanding.length > 0
        ? [received]
        : [
            received,
            {
              type: "DocumentsCompleted",
              ...stamp(command),
              documents: [...state.documentsRequested],
            },
          ];
    }),
  );

/** Books the inspection (again, if rescheduled before it took place). */
export const decideBookInspection = (
  command: ClaimCommandOf<"BookInspection">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["coverage_verified", "in_assessment", "assessed"]),
    E.filterOrElse(
      () => state.inspection !== "completed",
      () => invalidTransition(state, command, "The inspection has already taken place"),
    ),
    E.map(() => [
      {
        type: "InspectionBooked",
        ...stamp(command),
        scheduledAt: command.scheduledAt,
        surveyorId: command.surveyorId,
      },
    ]),
  );

/** Records the inspection with its photos. */
export const decideCompleteInspection = (
  command: ClaimCommandOf<"CompleteInspection">,
  state: ClaimState,
): ClaimDecision =>
  pipe(
    requireStatus(state, command, ["coverage_verified", "in_assessment", "assessed"]),
    E.filterOrElse(
      () => state.inspection === "booked",
      () => invalidTransition(state, command, "No inspection is booked"),
    ),
    E.map(() => [{ type: "InspectionCompleted", ...stamp(command), photos: command.photos }]),
  );
