import type { Id } from "../shared/ids.js";
import type { Currency, Money } from "../shared/money.js";
import type { Instant, LocalDate } from "../shared/time.js";
import type { Jurisdiction, LineOfBusiness, Peril } from "../shared/vocabulary.js";
import type { EndorsementChanges, PolicyHolder } from "./commands.js";
import type { InsuredObject, Territory } from "./snapshot.js";

/** Where a policy is in its life: `none` before it is issued. */
export type PolicyStatus = "none" | "issued" | "cancelled";

/** The cover terms an endorsement may change. */
export interface PolicyTerms {
  readonly insuredObject: InsuredObject;
  readonly territory: Territory;
  readonly perils: readonly Peril[];
  readonly sumInsured: Money;
}

/** One endorsement as recorded: the changes, from when they apply, and when it was made. */
export interface PolicyEndorsement {
  readonly effectiveDate: LocalDate;
  readonly changes: EndorsementChanges;
  readonly reason: string | null;
  readonly endorsedAt: Instant;
}

/** How the policy was cancelled; `cancelledFrom` itself lives on the state. */
export interface PolicyCancellation {
  readonly refundPremium: Money | null;
  readonly reason: string | null;
  readonly cancelledAt: Instant;
}

/** A policy that has been issued (and may since have been cancelled). */
export interface IssuedPolicyState {
  readonly status: "issued" | "cancelled";
  readonly policyId: Id;
  readonly insurerId: Id;
  readonly policyNumber: string;
  readonly line: LineOfBusiness;
  readonly jurisdiction: Jurisdiction;
  readonly region: string;
  /** Personal data (see {@link PolicyHolder}). */
  readonly holder: PolicyHolder;
  /** First day of cover, inclusive. */
  readonly startDate: LocalDate;
  /** Last day of cover, inclusive. */
  readonly endDate: LocalDate;
  /** The policy's currency: sum insured, deductible, premium and refunds are all in it. */
  readonly currency: Currency;
  readonly deductible: Money;
  readonly writtenPremium: Money;
  /** The terms as issued, before any endorsement. */
  readonly issuedTerms: PolicyTerms;
  /** Every endorsement in the order it was recorded. */
  readonly endorsements: readonly PolicyEndorsement[];
  /** The terms with every endorsement applied (in effective-date order). */
  readonly terms: PolicyTerms;
  /** First day without cover, or `null` while the policy is not cancelled. */
  readonly cancelledFrom: LocalDate | null;
  readonly cancellation: PolicyCancellation | null;
  readonly issuedAt: Instant;
}

/** The Policy aggregate's state: nothing yet, or an issued policy. */
export type PolicyState = { readonly status: "none" } | IssuedPolicyState;

/** The state of a `policy-{id}` stream before its first event. */
export const initialPolicyState: PolicyState = { status: "none" };
