/**
 * How figures read on the page. Money arrives in integer minor units (two decimals for the
 * currencies the demo uses); ratios as fractions; durations in days.
 * @module
 */

const DASH = "—";

/** @type {Map<string, number>} */
const minorDigits = new Map();

/**
 * Minor units to whole units: ISO 4217 says how many decimals (2 for CNY, RUB, USD; 0 for JPY).
 * @param {number} minorUnits
 * @param {string} currency
 */
const majorUnits = (minorUnits, currency) => {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    const format = new Intl.NumberFormat("en", { style: "currency", currency });
    digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return minorUnits / 10 ** digits;
};

/**
 * An amount in whole units of its currency, e.g. `CN¥1,234,567`; `compact` gives `CN¥1.2M`.
 * @param {number | null | undefined} minorUnits
 * @param {string} currency
 * @param {{ compact?: boolean }} [options]
 */
export const formatMoney = (minorUnits, currency, options = {}) =>
  minorUnits === null || minorUnits === undefined
    ? DASH
    : formatAmount(majorUnits(minorUnits, currency), currency, options);

/**
 * An amount already in whole units, e.g. a chart axis value.
 * @param {number} units
 * @param {string} currency
 * @param {{ compact?: boolean }} [options]
 */
export const formatAmount = (units, currency, options = {}) =>
  new Intl.NumberFormat(undefined, {
    style: "currency",
    currency,
    notation: options.compact ? "compact" : "standard",
    maximumFractionDigits: options.compact ? 1 : 0,
  }).format(units);

/**
 * Money in whole units as a plain number, for chart axes.
 * @param {number} minorUnits
 * @param {string} currency
 */
export const moneyValue = (minorUnits, currency) => majorUnits(minorUnits, currency);

/**
 * A fraction as a percentage, e.g. `0.4565` → `45.6%`.
 * @param {number | null | undefined} ratio
 * @param {number} [digits]
 */
export const formatPercent = (ratio, digits = 1) =>
  ratio === null || ratio === undefined
    ? DASH
    : new Intl.NumberFormat(undefined, {
        style: "percent",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(ratio);

/**
 * A count with grouping, e.g. `1,204`.
 * @param {number | null | undefined} count
 */
export const formatCount = (count) =>
  count === null || count === undefined ? DASH : new Intl.NumberFormat().format(count);

/**
 * A plain number with at most `digits` decimals.
 * @param {number | null | undefined} value
 * @param {number} [digits]
 */
export const formatNumber = (value, digits = 2) =>
  value === null || value === undefined
    ? DASH
    : new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);

/**
 * Days with one decimal, e.g. `12.3 d`.
 * @param {number | null | undefined} days
 */
export const formatDays = (days) =>
  days === null || days === undefined ? DASH : `${formatNumber(days, 1)} d`;

/**
 * An instant as auditors read it: UTC to the second, e.g. `2026-03-02 09:00:00 UTC`.
 * @param {string | null | undefined} iso
 */
export const formatInstant = (iso) =>
  iso === null || iso === undefined ? DASH : `${formatUtc(iso)} UTC`;

/**
 * An instant to the millisecond, as the store records it: `2026-03-02 09:00:00.123 UTC`.
 * @param {string} iso
 */
export const formatRecorded = (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;

/**
 * An instant in UTC to the second without the zone, for columns headed "(UTC)".
 * @param {string} iso
 */
export const formatUtc = (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

/**
 * The first 12 hex digits of a hash: enough to tell events apart on screen.
 * @param {string | null | undefined} hash
 */
export const shortHash = (hash) => (hash ? hash.slice(0, 12) : DASH);

/**
 * An id such as `golden-state-mutual` or `motor_own_damage` as words: `Golden state mutual`.
 * @param {string | null | undefined} id
 */
export const humanize = (id) => {
  if (id === null || id === undefined || id === "") return DASH;
  const words = id.replace(/[-_]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};
