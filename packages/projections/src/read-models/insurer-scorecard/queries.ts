import type { Kysely } from "kysely";
import { fetchScorecardFigures, type ScorecardFigures } from "./scorecard-figures.js";

/** Parameters of {@link insurerScorecard}. */
export interface InsurerScorecardParams {
  readonly insurerId?: string;
  /** The shop's own view: only its repair orders, payouts to it and the claims it repaired. */
  readonly shopId?: string;
  /** Facts dated at or after this instant (ISO 8601); each figure names the date it uses. */
  readonly from?: string;
  /** Facts dated before this instant (ISO 8601). */
  readonly to?: string;
}

/** An average and a median in days over `repairOrders` orders. */
export interface HandoverToPayment {
  /** Handed-over orders (handover in the period) whose shop has been paid since. */
  readonly repairOrders: number;
  readonly averageDays: number | null;
  readonly medianDays: number | null;
}

/** One insurer as the shops and adjusting firms it works with see it. */
export interface InsurerScorecardRow {
  readonly insurerId: string;
  /** Claims first seen (FNOL or repair order) and repair orders opened in the period. */
  readonly volume: { readonly claims: number; readonly repairOrders: number };
  /** Vehicle handover to the first payout issued to the shop on that claim (not voided). */
  readonly handoverToPayment: HandoverToPayment;
  /** Assessments (dated by assessment, else by the shop's answer) and how many the shop disputed. */
  readonly assessmentDisputes: {
    readonly assessments: number;
    readonly disputed: number;
    readonly rate: number | null;
  };
  /** Supplements requested in the period; `approvalRate` = approved / requested. */
  readonly supplements: {
    readonly requested: number;
    readonly approved: number;
    readonly rejected: number;
    readonly approvalRate: number | null;
  };
  /** Mean of settlement ÷ assessed total (with approved supplements) per claim settled in the period. */
  readonly settledVsAssessed: { readonly claims: number; readonly averageRatio: number | null };
  /** Mean of invoice ÷ latest estimate per repair order invoiced in the period. */
  readonly invoicedVsEstimate: {
    readonly repairOrders: number;
    readonly averageRatio: number | null;
  };
  /** Latest CSAT per claim whose feedback came in the period. */
  readonly csat: { readonly responses: number; readonly average: number | null };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

const toRow = (f: ScorecardFigures, insurerId: string): InsurerScorecardRow => {
  const disputes = f.disputes.get(insurerId);
  const supplements = f.supps.get(insurerId);
  const paid = f.paid.get(insurerId);
  return {
    insurerId,
    volume: {
      claims: f.claims.get(insurerId)?.n ?? 0,
      repairOrders: f.orders.get(insurerId)?.n ?? 0,
    },
    handoverToPayment: {
      repairOrders: paid?.n ?? 0,
      averageDays: paid?.average ?? null,
      medianDays: paid?.median ?? null,
    },
    assessmentDisputes: {
      assessments: disputes?.n ?? 0,
      disputed: disputes?.disputed ?? 0,
      rate: rate(disputes?.disputed ?? 0, disputes?.n ?? 0),
    },
    supplements: {
      requested: supplements?.n ?? 0,
      approved: supplements?.approved ?? 0,
      rejected: supplements?.rejected ?? 0,
      approvalRate: rate(supplements?.approved ?? 0, supplements?.n ?? 0),
    },
    settledVsAssessed: {
      claims: f.settled.get(insurerId)?.n ?? 0,
      averageRatio: f.settled.get(insurerId)?.ratio ?? null,
    },
    invoicedVsEstimate: {
      repairOrders: f.invoiced.get(insurerId)?.n ?? 0,
      averageRatio: f.invoiced.get(insurerId)?.ratio ?? null,
    },
    csat: {
      responses: f.feedback.get(insurerId)?.n ?? 0,
      average: f.feedback.get(insurerId)?.average ?? null,
    },
  };
};

/**
 * Per insurer, the days from vehicle handover to the shop's payment, the share
 * of assessments the shop disputed, the supplement approval rate, settlement vs assessment and
 * invoice vs estimate, volume and CSAT. Insurers with no figure in the period are left out.
 *
 * @example
 * ```ts
 * const rows = await insurerScorecard(db, { shopId: "shop-7", from: "2026-01-01T00:00:00Z" });
 * rows[0]?.handoverToPayment.medianDays; // e.g. 4.5
 * ```
 */
export const insurerScorecard = async (
  db: Kysely<unknown>,
  params: InsurerScorecardParams,
): Promise<InsurerScorecardRow[]> => {
  const figures = await fetchScorecardFigures(db, params);
  const insurers = new Set(Object.values(figures).flatMap((byInsurer) => [...byInsurer.keys()]));
  return [...insurers].sort().map((insurerId) => toRow(figures, insurerId));
};
