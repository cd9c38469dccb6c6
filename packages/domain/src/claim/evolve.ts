import { type Deadline, withTableEnd } from "../deadlines/deadline.js";
import type { Money } from "../shared/money.js";
import type { CostType } from "../shared/vocabulary.js";
import type { ClaimEvent } from "./events.js";
import type { ByCostType, ClaimState, PayoutCommitment } from "./state.js";

// decide() has already refused mixed currencies, so evolve adds amounts as they come.
const plus = (a: Money, b: Money): Money => ({ amount: a.amount + b.amount, currency: a.currency });

const zeroes = (currency: string): ByCostType => ({
  indemnity: { amount: 0, currency },
  expense: { amount: 0, currency },
});

const addTo = (byType: ByCostType | null, costType: CostType, amount: Money): ByCostType => {
  const base = byType ?? zeroes(amount.currency);
  return { ...base, [costType]: plus(base[costType], amount) };
};

const updateDeadline = (
  state: ClaimState,
  id: string,
  change: (d: Deadline) => Deadline,
): ClaimState => {
  const deadline = state.deadlines[id];
  return deadline ? { ...state, deadlines: { ...state.deadlines, [id]: change(deadline) } } : state;
};

// Payments recorded before the ledger existed have no entry: they stay as they are.
const withStage = (
  state: ClaimState,
  payoutId: string,
  stage: PayoutCommitment["stage"],
): ClaimState => {
  const entry = state.payoutLedger[payoutId];
  return entry === undefined
    ? state
    : { ...state, payoutLedger: { ...state.payoutLedger, [payoutId]: { ...entry, stage } } };
};

/**
 * Applies one claim event to the state. Total and pure: every event of the union is handled,
 * nothing throws, and unknown ids leave the state as it was.
 */
export const evolveClaim = (state: ClaimState, event: ClaimEvent): ClaimState => {
  switch (event.type) {
    case "ClaimRegistered":
      return {
        ...state,
        status: "registered",
        facts: {
          claimId: event.claimId,
          policyId: event.policyId,
          insurerId: event.insurerId,
          line: event.line,
          jurisdiction: event.jurisdiction,
          currency: event.currency,
          lossDate: event.lossDate,
          lossPlace: event.lossPlace,
          peril: event.peril,
          description: event.description,
          reporter: event.reporter,
          insuredObject: event.insuredObject,
          estimatedAmount: event.estimatedAmount,
          reportedAt: event.occurredAt,
        },
        reserves: zeroes(event.currency),
        paid: zeroes(event.currency),
        recovered: { amount: 0, currency: event.currency },
      };
    case "ClaimAcknowledged":
      return { ...state, acknowledgedAt: event.occurredAt };
    case "FirstContactMade":
      return { ...state, firstContactAt: event.occurredAt };
    case "CoverageVerified":
      return { ...state, coverage: "verified", status: "coverage_verified" };
    case "CoverageDenied":
      return { ...state, coverage: "denied" };
    case "RiskScored":
      return { ...state, risk: event.assessment };
    case "FastTrackApproved":
      return { ...state, fastTrack: true };
    case "ReferredToFraudReview":
      return { ...state, fraudReview: true };
    case "AdjusterAssigned":
      return {
        ...state,
        adjusterId: event.adjusterId,
        status: state.status === "coverage_verified" ? "in_assessment" : state.status,
        assignmentHistory: [
          ...state.assignmentHistory,
          { adjusterId: event.adjusterId, at: event.occurredAt },
        ],
      };
    case "DocumentsRequested":
      return {
        ...state,
        documentsRequested: [...state.documentsRequested, ...event.documents],
      };
    case "DocumentReceived":
      return { ...state, documentsReceived: [...state.documentsReceived, event.document] };
    case "DocumentsCompleted":
      return state;
    case "InspectionBooked":
      return { ...state, inspection: "booked" };
    case "InspectionCompleted":
      return { ...state, inspection: "completed" };
    case "DamageAssessed":
      return {
        ...state,
        status: "assessed",
        assessment: { lines: event.lines, total: event.total },
        shopResponse: null,
      };
    case "AssessmentConfirmed":
      return { ...state, shopResponse: "confirmed" };
    case "AssessmentDisputed":
      return { ...state, shopResponse: "disputed" };
    case "SupplementRequested":
      return {
        ...state,
        supplements: {
          ...state.supplements,
          [event.supplementId]: { total: event.total, status: "requested" },
        },
      };
    case "SupplementApproved": {
      const assessment = state.assessment;
      return {
        ...state,
        assessment: assessment && { ...assessment, total: plus(assessment.total, event.total) },
        supplements: {
          ...state.supplements,
          [event.supplementId]: { total: event.total, status: "approved" },
        },
      };
    }
    case "SupplementRejected": {
      const supplement = state.supplements[event.supplementId];
      return supplement
        ? {
            ...state,
            supplements: {
              ...state.supplements,
              [event.supplementId]: { ...supplement, status: "rejected" },
            },
          }
        : state;
    }
    case "ReserveChanged":
      return { ...state, reserves: addTo(state.reserves, event.costType, event.delta) };
    case "SettlementAgreed":
      return {
        ...state,
        status: "settled",
        settlement: { amount: event.amount, method: event.method },
      };
    case "ClaimDenied":
      return { ...state, status: "denied", deniedReason: event.reason };
    case "RefusalNoticeSent":
      return { ...state, refusalNoticeSent: true };
    case "PayoutCommitted":
      return {
        ...state,
        payoutLedger: {
          ...state.payoutLedger,
          [event.payoutId]: { amount: event.amount, costType: event.costType, stage: "committed" },
        },
      };
    case "PayoutCommitmentApproved":
      return withStage(state, event.payoutId, "approved");
    case "PayoutCommitmentReleased": {
      const { [event.payoutId]: _released, ...payoutLedger } = state.payoutLedger;
      return { ...state, payoutLedger };
    }
    case "ClaimPaymentRecorded":
      return {
        ...withStage(state, event.payoutId, "paid"),
        paid: addTo(state.paid, event.costType, event.amount),
        payoutIds: [...state.payoutIds, event.payoutId],
        payments: {
          ...state.payments,
          [event.payoutId]: { amount: event.amount, costType: event.costType },
        },
      };
    case "ClaimPaymentReversed": {
      const { [event.payoutId]: _reversed, ...payments } = state.payments;
      return {
        ...withStage(state, event.payoutId, "reversed"),
        paid: addTo(state.paid, event.costType, { ...event.amount, amount: -event.amount.amount }),
        payments,
      };
    }
    case "RecoveryRecorded":
      return {
        ...state,
        recovered: state.recovered ? plus(state.recovered, event.amount) : event.amount,
      };
    case "ClaimClosed":
      return {
        ...state,
        status: "closed",
        closedOutcome: event.outcome,
        statusBeforeClose: state.status,
      };
    case "ClaimReopened":
      return {
        ...state,
        status: "in_assessment",
        closedOutcome: null,
        statusBeforeClose: null,
        reopenCount: state.reopenCount + 1,
      };
    case "DeadlineStarted":
      return { ...state, deadlines: { ...state.deadlines, [event.deadline.id]: event.deadline } };
    case "DeadlinePaused":
      return updateDeadline(state, event.deadlineId, (d) => ({
        ...d,
        status: "paused",
        pausedAt: event.occurredAt,
      }));
    case "DeadlineResumed":
      return updateDeadline(state, event.deadlineId, (d) => ({
        // Events recorded before `tableEnd` existed leave the flag as it was.
        ...(event.tableEnd === undefined ? d : withTableEnd(d, event.tableEnd)),
        status: "open",
        pausedAt: null,
        dueAt: event.dueAt,
      }));
    case "DeadlineRecomputed":
      return updateDeadline(state, event.deadlineId, (d) => ({
        ...withTableEnd(d, event.provisional ? event.tableEnd : null),
        dueAt: event.dueAt,
      }));
    case "DeadlineMet":
      return updateDeadline(state, event.deadlineId, (d) => ({
        ...d,
        status: "met",
        metAt: event.occurredAt,
      }));
    case "DeadlineAtRisk":
      return state;
    case "DeadlineBreached":
      return updateDeadline(state, event.deadlineId, (d) => ({
        ...d,
        status: "breached",
        breachedAt: event.occurredAt,
      }));
    case "FeedbackRecorded":
      return { ...state, csat: event.csat };
    case "ComplaintFiled":
      return { ...state, complaints: state.complaints + 1 };
  }
};
