import type { LocalDate } from "../shared/time.js";
import type { EndorsementChanges } from "./commands.js";
import type { PolicySnapshot } from "./snapshot.js";
import type { IssuedPolicyState, PolicyEndorsement, PolicyState, PolicyTerms } from "./state.js";

const applyChanges = (terms: PolicyTerms, changes: EndorsementChanges): PolicyTerms => ({
  insuredObject: changes.insuredObject ?? terms.insuredObject,
  territory: changes.territory ?? terms.territory,
  perils: changes.perils ?? terms.perils,
  sumInsured: changes.sumInsured ?? terms.sumInsured,
});

/**
 * The terms after applying `endorsements` in effective-date order. A back-dated endorsement
 * therefore sits before later-effective ones however late it was recorded; endorsements
 * effective on the same day apply in the order they were recorded (the sort is stable).
 */
export const applyEndorsements = (
  issuedTerms: PolicyTerms,
  endorsements: readonly PolicyEndorsement[],
): PolicyTerms =>
  [...endorsements]
    .sort((a, b) =>
      a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
    )
    .reduce((terms, endorsement) => applyChanges(terms, endorsement.changes), issuedTerms);

/**
 * The terms in force on `date`: the issued terms with every endorsement effective on or
 * before that day.
 *
 * @example
 * ```ts
 * policyTermsOn(state, "2026-03-01").perils; // ["collision", "theft"]
 * ```
 */
export const policyTermsOn = (state: IssuedPolicyState, date: LocalDate): PolicyTerms =>
  applyEndorsements(
    state.issuedTerms,
    state.endorsements.filter((endorsement) => endorsement.effectiveDate <= date),
  );

/**
 * The coverage snapshot a claim checks a loss against, or `undefined` before the policy is
 * issued. With `onDate` (a loss date), the terms are those in force that day; without it,
 * the terms with every endorsement applied.
 *
 * @example
 * ```ts
 * const snapshot = toPolicySnapshot(foldEvents(policyDecider, events), "2026-03-01");
 * if (snapshot) checkCoverage(snapshot, loss);
 * ```
 */
export const toPolicySnapshot = (
  state: PolicyState,
  onDate?: LocalDate,
): PolicySnapshot | undefined => {
  if (state.status === "none") return undefined;
  const terms = onDate === undefined ? state.terms : policyTermsOn(state, onDate);
  return {
    policyId: state.policyId,
    insurerId: state.insurerId,
    line: state.line,
    jurisdiction: state.jurisdiction,
    insuredObject: terms.insuredObject,
    startDate: state.startDate,
    endDate: state.endDate,
    cancelledFrom: state.cancelledFrom,
    territory: terms.territory,
    perils: [...terms.perils],
    sumInsured: terms.sumInsured,
    deductible: state.deductible,
  };
};
