/**
 * What the pages should show, computed here from the API's JSON on their own (not with the
 * page's code), so a test compares two derivations of the same figures.
 */

/** A loss-ratio row as the API answers it. */
export interface LossRatioRow {
  readonly insurerId?: string;
  readonly line?: string;
  readonly accidentMonth?: string;
  readonly accidentYear?: string;
  readonly currency: string;
  readonly claimCount: number;
  readonly earnedPremium: number;
  readonly paidLossRatio: number | null;
  readonly lossRatio: number | null;
}

/** An SLA row as the API answers it. */
export interface SlaRow {
  readonly metOnTime: number;
  readonly metLate: number;
  readonly breached: number;
}

/** A customer row as the API answers it. */
export interface CustomerRow {
  readonly feedbackResponses: number;
  readonly csatAverage: number | null;
}

/** The currency the pages open with: the one with the most claims. */
export const topCurrency = (rows: readonly LossRatioRow[]): string => {
  const claims = new Map<string, number>();
  for (const row of rows)
    claims.set(row.currency, (claims.get(row.currency) ?? 0) + row.claimCount);
  const [first] = [...claims].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (first === undefined) throw new Error("no loss-ratio rows");
  return first[0];
};

/** Paid and incurred loss ratio by accident month from the first month with a claim. */
export const expectedTrend = (rows: readonly LossRatioRow[], currency: string) => {
  const months = rows
    .filter((row) => row.currency === currency)
    .sort((a, b) => String(a.accidentMonth).localeCompare(String(b.accidentMonth)));
  const shown = months.slice(months.findIndex((row) => row.claimCount > 0));
  return {
    months: shown.map((row) => row.accidentMonth),
    paid: shown.map((row) => row.paidLossRatio),
    incurred: shown.map((row) => row.lossRatio),
  };
};

/** Deadlines met on time over those decided, every insurer and kind together. */
export const expectedSlaRate = (rows: readonly SlaRow[]): number => {
  const met = rows.reduce((total, row) => total + row.metOnTime, 0);
  const decided = rows.reduce(
    (total, row) => total + row.metOnTime + row.metLate + row.breached,
    0,
  );
  return met / decided;
};

/** The CSAT average over every response. */
export const expectedCsat = (rows: readonly CustomerRow[]): number => {
  const responses = rows.reduce((total, row) => total + row.feedbackResponses, 0);
  const points = rows.reduce(
    (total, row) => total + (row.csatAverage ?? 0) * row.feedbackResponses,
    0,
  );
  return points / responses;
};

/** The first and last day of an accident period label (`2026` or `2026-05`). */
export const periodBounds = (label: string): { from: string; to: string } => {
  if (/^\d{4}$/.test(label)) return { from: `${label}-01-01`, to: `${label}-12-31` };
  const [year, month] = label.split("-").map(Number);
  const last = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).toISOString().slice(0, 10);
  return { from: `${label}-01`, to: last };
};
