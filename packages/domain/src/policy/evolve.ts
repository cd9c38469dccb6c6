import type { PolicyEvent, PolicyEventOf } from "./events.js";
import type { IssuedPolicyState, PolicyState } from "./state.js";
import { applyEndorsements } from "./terms.js";

const issued = (event: PolicyEventOf<"PolicyIssued">): IssuedPolicyState => {
  const terms = {
    insuredObject: event.insuredObject,
    territory: event.territory,
    perils: event.perils,
    sumInsured: event.sumInsured,
  };
  return {
    status: "issued",
    policyId: event.policyId,
    insurerId: event.insurerId,
    policyNumber: event.policyNumber,
    line: event.line,
    jurisdiction: event.jurisdiction,
    region: event.region,
    holder: event.holder,
    startDate: event.startDate,
    endDate: event.endDate,
    currency: event.sumInsured.currency,
    deductible: event.deductible,
    writtenPremium: event.writtenPremium,
    issuedTerms: terms,
    endorsements: [],
    terms,
    cancelledFrom: null,
    cancellation: null,
    issuedAt: event.occurredAt,
  };
};

const endorsed = (
  state: IssuedPolicyState,
  event: PolicyEventOf<"PolicyEndorsed">,
): IssuedPolicyState => {
  const endorsements = [
    ...state.endorsements,
    {
      effectiveDate: event.effectiveDate,
      changes: event.changes,
      reason: event.reason ?? null,
      endorsedAt: event.occurredAt,
    },
  ];
  return { ...state, endorsements, terms: applyEndorsements(state.issuedTerms, endorsements) };
};

const cancelled = (
  state: IssuedPolicyState,
  event: PolicyEventOf<"PolicyCancelled">,
): IssuedPolicyState => ({
  ...state,
  status: "cancelled",
  cancelledFrom: event.cancelledFrom,
  cancellation: {
    refundPremium: event.refundPremium ?? null,
    reason: event.reason ?? null,
    cancelledAt: event.occurredAt,
  },
});

/**
 * Applies one Policy event. Total: it never throws. `PolicyIssued` (re)starts the state;
 * a later event on a stream that never saw `PolicyIssued` leaves the empty state as it is,
 * since there is no policy to change (`decidePolicy` never emits one there).
 */
export const evolvePolicy = (state: PolicyState, event: PolicyEvent): PolicyState => {
  if (event.type === "PolicyIssued") return issued(event);
  if (state.status === "none") return state;
  switch (event.type) {
    case "PolicyEndorsed":
      return endorsed(state, event);
    case "PolicyCancelled":
      return cancelled(state, event);
  }
};
