import type { Jurisdiction, Peril } from "@claimstream/domain";
import type { DemoShop } from "./seed-catalog.js";
import type { DemoLine, PolicyPlan } from "./seed-policies.js";
import type { Checkpoint } from "./seed-story.js";

/**
 * How a claim goes: paid in cash, repaired at a partner shop, fast-tracked, denied on
 * coverage, denied after a fraud review, withdrawn, or closed as a duplicate.
 */
export type ClaimPath =
  | "cash"
  | "repair"
  | "fast_track"
  | "coverage_denied"
  | "fraud_denied"
  | "withdrawn"
  | "duplicate";

/** Why coverage fails on a `coverage_denied` claim. */
export type CoverageFailure = "cancelled" | "expired" | "peril" | "territory" | "object";

/** The twists of one claim's story. */
export interface ClaimOptions {
  /** California: acknowledged after the 15-day deadline. */
  readonly lateAcknowledgement: boolean;
  /** Towing paid to a shop as an expense payout early on. */
  readonly expensePayout: boolean;
  /** Reassigned to another adjuster for workload. */
  readonly reassign: boolean;
  /** The shop disputes the insurer's assessment. */
  readonly dispute: boolean;
  /** A supplement for hidden damage, and what the insurer decides. */
  readonly supplement: "approved" | "rejected" | null;
  /** Days the ordered parts take to arrive; `null` when no parts are ordered. */
  readonly partsDays: number | null;
  /** The shop invoices the insurer (else the claim is settled in cash, the customer pays). */
  readonly directBilling: boolean;
  /** The first attempt to pay fails and is retried. */
  readonly failedPayment: boolean;
  /** Finance is slow: the payment deadline runs out. */
  readonly latePayment: boolean;
  /** A fast-track claim that misses its 24-hour promise. */
  readonly slowFastTrack: boolean;
  /** Money recovered after payment. */
  readonly recovery: "subrogation" | "salvage" | null;
  /** Reopened after closing, reassessed and paid a top-up. */
  readonly reopen: boolean;
  /** Customer rating after the decision; `null` when the customer gave none. */
  readonly csat: number | null;
  readonly complaint: boolean;
  /** A denied claim is closed once the refusal notice went out. */
  readonly closeDenied: boolean;
}

/** Everything needed to tell one claim's story. */
export interface ClaimProfile {
  readonly claimId: string;
  /** 1-based number in report order; also names the claim's repair order and invoice. */
  readonly seq: number;
  readonly policy: PolicyPlan;
  readonly path: ClaimPath;
  readonly coverageFailure: CoverageFailure | null;
  /** Facts that score high at triage (late report, night loss, vague description, …). */
  readonly suspicious: boolean;
  readonly lossDate: string;
  /** Hour of the loss, local time as reported. */
  readonly lossHour: number;
  readonly reportedAt: number;
  readonly peril: Peril;
  readonly lossCountry: string;
  /** The true damage in CNY major units (scaled to the insurer's currency when used). */
  readonly damageCny: number;
  /** What the reporter estimates, CNY major units; `null` when they gave no estimate. */
  readonly estimateCny: number | null;
  readonly adjusterId: string;
  readonly shop: DemoShop | null;
  readonly stallAt: Checkpoint | null;
  readonly options: ClaimOptions;
}

/** What a showcase entry pins down; everything else is drawn at random. */
export interface ClaimSpec {
  readonly path?: ClaimPath;
  readonly stallAt?: Checkpoint;
  /** When the claim was reported, in days before `now` (fractions are hours). */
  readonly reportedDaysAgo?: readonly [number, number];
  readonly jurisdiction?: Jurisdiction;
  readonly line?: DemoLine;
  readonly failure?: CoverageFailure;
  readonly options?: Partial<ClaimOptions>;
}

// Stall showcases must reach their stall point in the time given: no slow twists on the way.
const prompt: Partial<ClaimOptions> = {
  lateAcknowledgement: false,
  reassign: false,
  expensePayout: false,
};

const stalled = (
  path: ClaimPath,
  stallAt: Checkpoint,
  reportedDaysAgo: readonly [number, number],
  options: Partial<ClaimOptions> = {},
): ClaimSpec => ({ path, stallAt, reportedDaysAgo, options: { ...prompt, ...options } });

/**
 * Claims that pin every stage the analytics must show, whatever the seed: each status, each
 * repair-order status, payouts waiting for approval and issue, breaches, reopens, disputes.
 */
export const SHOWCASE: readonly ClaimSpec[] = [
  stalled("cash", "registered", [0.05, 0.3]),
  stalled("repair", "registered", [0.05, 0.3]),
  stalled("cash", "verified", [2.5, 3.5]),
  stalled("repair", "assigned", [4, 5]),
  stalled("cash", "documents", [25, 35]),
  stalled("repair", "inspection", [30, 40]),
  stalled("cash", "assessed", [40, 50]),
  stalled("repair", "ro_opened", [45, 55]),
  stalled("repair", "ro_received", [45, 55]),
  stalled("repair", "ro_diagnosed", [45, 55]),
  stalled("repair", "ro_estimated", [50, 60], { dispute: true }),
  stalled("repair", "ro_parts", [55, 65], { partsDays: 40 }),
  stalled("repair", "ro_parts", [55, 65], { partsDays: 30 }),
  stalled("repair", "ro_in_repair", [60, 70], { supplement: "approved", partsDays: null }),
  stalled("repair", "ro_completed", [75, 85], { directBilling: true }),
  stalled("repair", "ro_handed_over", [75, 85], { directBilling: true }),
  stalled("repair", "settled", [85, 95], { directBilling: true }),
  stalled("cash", "settled", [60, 70]),
  stalled("cash", "approved", [60, 70]),
  { path: "coverage_denied", stallAt: "denied", reportedDaysAgo: [2, 6], failure: "peril" },
  { path: "coverage_denied", reportedDaysAgo: [100, 300], failure: "territory" },
  {
    path: "fraud_denied",
    reportedDaysAgo: [150, 300],
    options: { complaint: true, closeDenied: true, csat: 1 },
  },
  { path: "fast_track", reportedDaysAgo: [60, 300], jurisdiction: "CN", line: "motor_own_damage" },
  {
    path: "fast_track",
    reportedDaysAgo: [60, 300],
    jurisdiction: "CN",
    line: "motor_own_damage",
    options: { slowFastTrack: true },
  },
  { path: "cash", reportedDaysAgo: [300, 450], options: { reopen: true, csat: 3 } },
  stalled("repair", "reopened", [300, 450], { reopen: true }),
  { path: "withdrawn", reportedDaysAgo: [60, 300] },
  { path: "duplicate", reportedDaysAgo: [60, 300] },
  {
    path: "repair",
    reportedDaysAgo: [150, 400],
    options: {
      dispute: true,
      supplement: "approved",
      recovery: "subrogation",
      directBilling: true,
      partsDays: 8,
    },
  },
  {
    path: "repair",
    reportedDaysAgo: [150, 400],
    options: { supplement: "rejected", directBilling: true },
  },
  { path: "repair", reportedDaysAgo: [150, 400], options: { directBilling: false } },
  {
    path: "cash",
    reportedDaysAgo: [150, 400],
    options: { recovery: "salvage", latePayment: true },
  },
  {
    path: "cash",
    reportedDaysAgo: [100, 300],
    jurisdiction: "US-CA",
    options: { lateAcknowledgement: true },
  },
];
