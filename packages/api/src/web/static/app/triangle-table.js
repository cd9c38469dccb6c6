/**
 * The development triangle as a heat-map table: one row per accident period, one column per
 * development age, each cell shaded by its share of the largest amount; then the chain
 * ladder's latest, ultimate and IBNR, and the age-to-age factors underneath.
 * @module
 */

import { dataTable } from "./data-table.js";
import { h } from "./dom.js";
import { formatCount, formatNumber, moneyValue } from "./format.js";

/**
 * @typedef {object} TriangleAnswer
 * @property {"year" | "quarter" | "month"} granularity
 * @property {string} asOf
 * @property {string} currency
 * @property {string[]} origins
 * @property {number[]} ages
 * @property {number[]} claimCounts
 * @property {(number | null)[][]} paid
 * @property {(number | null)[][]} incurred
 * @property {{ basis: "paid" | "incurred"; factors: (number | null)[]; cumulativeFactors: (number | null)[]; latest: number[]; ultimates: number[]; ibnr: number[]; totalIbnr: number }} chainLadder
 */

/** @param {number} t 0…1 */
const heat = (t) => `hsl(208 70% ${Math.round(97 - t * 33)}%)`;

/**
 * @param {TriangleAnswer} answer
 */
export const triangleTable = (answer) => {
  const { chainLadder, currency } = answer;
  const triangle = answer[chainLadder.basis];
  const max = Math.max(1, ...triangle.flat().map((cell) => cell ?? 0));
  // Thousands, as loss triangles are usually read: the cells stay narrow enough for a screen.
  // Thousands, as triangles are usually read: the cells stay narrow enough for a screen.
  const amount = (/** @type {number | null | undefined} */ minor) =>
    minor === null || minor === undefined
      ? ""
      : formatNumber(moneyValue(minor, currency) / 1000, 1);
  const rows = answer.origins.map((origin, i) => ({ origin, i }));
  /** @type {import("./data-table.js").Column<{ origin: string; i: number }>[]} */
  const ageColumns = answer.ages.map((age, k) => ({
    label: h("span", {}, h("span", { class: "visually-hidden" }, "Age "), `${age}`),
    key: `age${age}`,
    numeric: true,
    cell: ({ i }) => amount(triangle[i]?.[k]),
    value: ({ i }) => triangle[i]?.[k] ?? null,
    style: ({ i }) => {
      const cell = triangle[i]?.[k];
      return cell === null || cell === undefined ? undefined : heat(cell / max);
    },
  }));
  const factorCells = answer.ages.map((_, k) => {
    const factor = chainLadder.factors[k];
    return factor === undefined || factor === null
      ? ""
      : h("span", { dataset: { factor: k, value: factor } }, formatNumber(factor, 4));
  });
  const cumulativeCells = answer.ages.map((_, k) => {
    const factor = chainLadder.cumulativeFactors[k];
    return factor === undefined || factor === null ? "" : formatNumber(factor, 4);
  });
  const sum = (/** @type {number[]} */ values) => values.reduce((total, value) => total + value, 0);
  return dataTable({
    caption: `Cumulative ${chainLadder.basis}, ${currency} thousands, by accident period (rows) and development age in ${answer.granularity}s (columns)`,
    id: "triangle",
    rows,
    columns: [
      {
        label: "Accident period",
        header: true,
        key: "origin",
        cell: ({ origin }) => origin,
        value: ({ origin }) => origin,
      },
      {
        label: "Claims",
        numeric: true,
        key: "claims",
        cell: ({ i }) => formatCount(answer.claimCounts[i]),
        value: ({ i }) => answer.claimCounts[i],
      },
      ...ageColumns,
      {
        label: "Latest",
        numeric: true,
        key: "latest",
        cell: ({ i }) => amount(chainLadder.latest[i]),
        value: ({ i }) => chainLadder.latest[i],
      },
      {
        label: "Ultimate",
        numeric: true,
        key: "ultimate",
        cell: ({ i }) => amount(chainLadder.ultimates[i]),
        value: ({ i }) => chainLadder.ultimates[i],
      },
      {
        label: "IBNR",
        numeric: true,
        key: "ibnr",
        cell: ({ i }) => amount(chainLadder.ibnr[i]),
        value: ({ i }) => chainLadder.ibnr[i],
      },
    ],
    footer: [
      ["Age-to-age factor", "", ...factorCells, "", "", ""],
      ["To ultimate", "", ...cumulativeCells, "", "", ""],
      [
        "Total",
        formatCount(sum(answer.claimCounts)),
        ...answer.ages.map(() => ""),
        amount(sum(chainLadder.latest)),
        amount(sum(chainLadder.ultimates)),
        h(
          "span",
          { dataset: { total: "ibnr", value: chainLadder.totalIbnr } },
          amount(chainLadder.totalIbnr),
        ),
      ],
    ],
  });
};
