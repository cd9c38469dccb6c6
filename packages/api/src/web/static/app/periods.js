/**
 * Calendar periods as the read models label them (UTC): `2026`, `2026-Q2`, `2026-05`.
 * @module
 */

/** @param {number} year @param {number} month 1–12 */
const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** @param {number} month */
const twoDigits = (month) => String(month).padStart(2, "0");

/**
 * The first and last day of a period label, or `undefined` for an unknown label.
 *
 * @example
 * periodDates("2026-02"); // { from: "2026-02-01", to: "2026-02-28" }
 *
 * @param {string} label
 * @returns {{ from: string; to: string } | undefined}
 */
export const periodDates = (label) => {
  const year = /^(\d{4})$/.exec(label);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) {
    const y = Number(quarter[1]);
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { from: `${y}-${twoDigits(first)}-01`, to: lastDay(y, first + 2) };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    return { from: `${y}-${twoDigits(m)}-01`, to: lastDay(y, m) };
  }
  return undefined;
};

/** Today's date (UTC), `YYYY-MM-DD`. */
export const today = () => new Date().toISOString().slice(0, 10);
