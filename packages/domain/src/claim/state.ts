import type { Deadline } from "../deadlines/deadline.js";
import type { RiskAssessment } from "../rules/risk.js";
import type { Money } from "../shared/money.js";
import type { Instant, LocalDate } from "../shared/time.js";
import type { CostType, Jurisdiction, LineOfBusiness, Peril } from "../shared/vocabulary.js";
import type { AssessmentLine, LossPlace, Reporter } from "./commands.js";

/**
 * Where a claim stands. `none` is before FNOL; `denied` and `settled` are decisions that still
 * await closing; `closed` may be reopened (back to `in_assessment`).
 */
export type ClaimStatus =
  | "none"
  | "registered"
  | "coverage_verified"
  | "in_assessment"
  | "assessed"
  | "settled"
  | "denied"
  | "closed";

/** A supplement for hidden damage and where it stands. */
export interface Supplement {
  readonly total: Money;
  readonly status: "requested" | "approved" | "rejected";
}

/** Per cost type amounts (reserves, payments). */
export type ByCostType = Readonly<Record<CostType, Money>>;

/**
 * A payout as the claim accounts for it: committed when requested, approved, paid when issued,
 * reversed when an issued payout is voided. A released payout (rejected, voided before issue)
 * leaves the ledger.
 */
export interface PayoutCommitment {
  readonly amount: Money;
  readonly costType: CostType;
  readonly stage: "committed" | "approved" | "paid" | "reversed";
}

/** Facts of a registered claim; present from FNOL on. */
export interface ClaimFacts {
  readonly claimId: string;
  readonly policyId: string;
  readonly insurerId: string;
  readonly line: LineOfBusiness;
  readonly jurisdiction: Jurisdiction;
  readonly currency: string;
  readonly lossDate: LocalDate;
  readonly lossPlace: LossPlace;
  readonly peril: Peril;
  readonly description: string;
  readonly reporter: Reporter;
  readonly insuredObject: {
    readonly vin?: string | undefined;
    readonly plate?: string | undefined;
  };
  readonly estimatedAmount: Money | null;
  readonly reportedAt: Instant;
}

/** The state of one claim, folded from its events. */
export interface ClaimState {
  readonly status: ClaimStatus;
  readonly facts: ClaimFacts | null;
  readonly acknowledgedAt: Instant | null;
  readonly firstContactAt: Instant | null;
  readonly coverage: "pending" | "verified" | "denied";
  readonly risk: RiskAssessment | null;
  readonly fastTrack: boolean;
  readonly fraudReview: boolean;
  readonly adjusterId: string | null;
  readonly assignmentHistory: readonly { readonly adjusterId: string; readonly at: Instant }[];
  readonly documentsRequested: readonly string[];
  readonly documentsReceived: readonly string[];
  readonly inspection: "none" | "booked" | "completed";
  readonly assessment: { readonly lines: readonly AssessmentLine[]; readonly total: Money } | null;
  readonly shopResponse: "confirmed" | "disputed" | null;
  readonly supplements: Readonly<Record<string, Supplement>>;
  readonly reserves: ByCostType | null;
  readonly settlement: { readonly amount: Money; readonly method: "repair" | "cash" } | null;
  readonly paid: ByCostType | null;
  /** Payouts recorded on the claim; a reversed one stays listed (its id cannot be paid again). */
  readonly payoutIds: readonly string[];
  /** Payments still standing, by payout id (a reversal removes its entry). */
  readonly payments: Readonly<
    Record<string, { readonly amount: Money; readonly costType: CostType }>
  >;
  /** Every payout committed against the claim and not released, by payout id. */
  readonly payoutLedger: Readonly<Record<string, PayoutCommitment>>;
  readonly recovered: Money | null;
  readonly deadlines: Readonly<Record<string, Deadline>>;
  readonly deniedReason: string | null;
  readonly refusalNoticeSent: boolean;
  readonly closedOutcome: "paid" | "denied" | "withdrawn" | "duplicate" | null;
  readonly statusBeforeClose: ClaimStatus | null;
  readonly reopenCount: number;
  readonly csat: number | null;
  readonly complaints: number;
}

/** The state before first notice of loss. */
export const initialClaimState: ClaimState = {
  status: "none",
  facts: null,
  acknowledgedAt: null,
  firstContactAt: null,
  coverage: "pending",
  risk: null,
  fastTrack: false,
  fraudReview: false,
  adjusterId: null,
  assignmentHistory: [],
  documentsRequested: [],
  documentsReceived: [],
  inspection: "none",
  assessment: null,
  shopResponse: null,
  supplements: {},
  reserves: null,
  settlement: null,
  paid: null,
  payoutIds: [],
  payments: {},
  payoutLedger: {},
  recovered: null,
  deadlines: {},
  deniedReason: null,
  refusalNoticeSent: false,
  closedOutcome: null,
  statusBeforeClose: null,
  reopenCount: 0,
  csat: null,
  complaints: 0,
};

/** Statuses in which the claim is open for handling (not before FNOL, not closed). */
export const isOpen = (state: ClaimState): boolean =>
  state.status !== "none" && state.status !== "closed";
