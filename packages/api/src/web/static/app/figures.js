/**
 * Figures the pages derive from the API's rows: totals over insurers and kinds, weighted
 * averages, and the series the charts draw. Pure functions, no DOM.
 * @module
 */

/**
 * @typedef {object} LossRatioRow
 * @property {string} [insurerId]
 * @property {string} [line]
 * @property {string} [accidentMonth]
 * @property {string} [accidentYear]
 * @property {string} currency
 * @property {number} claimCount
 * @property {number} earnedPremium
 * @property {number} paidLoss
 * @property {number} incurredLoss
 * @property {number} caseReserveIndemnity
 * @property {number | null} paidLossRatio
 * @property {number | null} lossRatio
 * @property {number | null} lossAndExpenseRatio
 */

/**
 * @typedef {object} SlaRow
 * @property {string} insurerId
 * @property {string} kind
 * @property {number} total
 * @property {number} metOnTime
 * @property {number} metLate
 * @property {number} breached
 * @property {number} open
 * @property {number} openAtRisk
 * @property {number | null} complianceRate
 */

/**
 * @typedef {object} CustomerRow
 * @property {string} insurerId
 * @property {string} line
 * @property {number} claims
 * @property {number} feedbackResponses
 * @property {number | null} csatAverage
 * @property {number} complaints
 * @property {number | null} complaintRate
 */

/** @param {readonly number[]} values */
const sum = (values) => values.reduce((total, value) => total + value, 0);

/**
 * SLA compliance over every insurer and deadline kind: met on time ÷ decided (met on time,
 * met late, breached), as the read model defines it per row.
 * @param {readonly SlaRow[]} rows
 */
export const slaTotals = (rows) => {
  const metOnTime = sum(rows.map((row) => row.metOnTime));
  const decided = metOnTime + sum(rows.map((row) => row.metLate + row.breached));
  return {
    metOnTime,
    decided,
    breached: sum(rows.map((row) => row.breached)),
    openAtRisk: sum(rows.map((row) => row.openAtRisk)),
    rate: decided === 0 ? null : metOnTime / decided,
  };
};

/**
 * The CSAT average over every insurer and line, weighted by responses.
 * @param {readonly CustomerRow[]} rows
 */
export const csatTotals = (rows) => {
  const responses = sum(rows.map((row) => row.feedbackResponses));
  const points = sum(rows.map((row) => (row.csatAverage ?? 0) * row.feedbackResponses));
  const claims = sum(rows.map((row) => row.claims));
  return {
    responses,
    average: responses === 0 ? null : points / responses,
    complaintRate: claims === 0 ? null : sum(rows.map((row) => row.complaints)) / claims,
  };
};

/**
 * Currencies of the loss-ratio rows, the one with the most claims first.
 * @param {readonly LossRatioRow[]} rows
 */
export const currenciesOf = (rows) => {
  /** @type {Map<string, number>} */
  const claims = new Map();
  for (const row of rows)
    claims.set(row.currency, (claims.get(row.currency) ?? 0) + row.claimCount);
  return [...claims.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([currency]) => currency);
};

/**
 * The paid and incurred loss ratio by accident month in one currency, from the first month
 * with a claim on.
 * @param {readonly LossRatioRow[]} rows Rows grouped by `accidentMonth`.
 * @param {string} currency
 */
export const lossRatioTrend = (rows, currency) => {
  const mine = rows
    .filter((row) => row.currency === currency && row.accidentMonth !== undefined)
    .sort((a, b) => String(a.accidentMonth).localeCompare(String(b.accidentMonth)));
  const first = mine.findIndex((row) => row.claimCount > 0);
  const shown = first === -1 ? [] : mine.slice(first);
  return {
    currency,
    months: shown.map((row) => String(row.accidentMonth)),
    paid: shown.map((row) => row.paidLossRatio),
    incurred: shown.map((row) => row.lossRatio),
  };
};

/**
 * The start of the current UTC month, as an instant.
 * @param {Date} now
 */
export const monthStart = (now) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();

/**
 * `days` before `now`, as an instant.
 * @param {Date} now
 * @param {number} days
 */
export const daysBefore = (now, days) => new Date(now.getTime() - days * 86_400_000).toISOString();
