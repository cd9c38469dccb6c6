/**
 * Loss ratio by insurer × line × accident period, evaluated as of a chosen date, with a
 * drill-down from each row to its claims.
 * @module
 */

import { getJson } from "../api-client.js";
import { GRID, LEGEND, renderChart } from "../charts.js";
import {
  chartBox,
  controls,
  dateField,
  errorNotice,
  notice,
  pageHeader,
  panel,
  selectField,
} from "../components.js";
import { dataTable } from "../data-table.js";
import { h, replaceChildren } from "../dom.js";
import { currenciesOf } from "../figures.js";
import { formatCount, formatMoney, formatPercent, humanize } from "../format.js";
import { periodDates, today } from "../periods.js";
import { hashOf, withParams } from "../router.js";

/** @typedef {import("../figures.js").LossRatioRow} LossRatioRow */

/** @type {readonly (readonly [string, string])[]} */
const PERIODS = [
  ["accidentYear", "Accident year"],
  ["accidentMonth", "Accident month"],
  ["all", "All accident periods"],
];

/**
 * An amount short enough for a wide table (`CN¥41.1K`), the exact one in its tooltip.
 * @param {number} minorUnits
 * @param {string} currency
 */
const compactMoney = (minorUnits, currency) =>
  h(
    "span",
    { title: formatMoney(minorUnits, currency) },
    formatMoney(minorUnits, currency, { compact: true }),
  );

/** @param {LossRatioRow} row */
const periodOf = (row) => row.accidentYear ?? row.accidentMonth;

/** @param {LossRatioRow} row */
const drillDown = (row) => {
  const dates = periodOf(row) === undefined ? undefined : periodDates(String(periodOf(row)));
  return hashOf("claims", [], {
    insurerId: row.insurerId,
    line: row.line,
    lossFrom: dates?.from,
    lossTo: dates?.to,
  });
};

/** @param {readonly LossRatioRow[]} rows @param {string} period */
const table = (rows, period) =>
  dataTable({
    caption: "Loss ratio by insurer, line and accident period",
    id: "loss-ratio",
    rows,
    columns: [
      {
        label: "Insurer",
        header: true,
        key: "insurerId",
        cell: (row) => row.insurerId ?? "—",
        value: (row) => row.insurerId,
      },
      { label: "Line", key: "line", cell: (row) => humanize(row.line), value: (row) => row.line },
      ...(period === "all"
        ? []
        : [
            {
              label: "Accident period",
              key: "period",
              cell: (/** @type {LossRatioRow} */ row) => periodOf(row) ?? "—",
              value: (/** @type {LossRatioRow} */ row) => periodOf(row),
            },
          ]),
      {
        label: "Claims",
        numeric: true,
        key: "claimCount",
        // The count leads to the claims themselves.
        cell: (row) =>
          row.claimCount === 0
            ? "0"
            : h(
                "a",
                {
                  href: drillDown(row),
                  "aria-label": `${row.claimCount} claims of ${row.insurerId}, ${humanize(row.line)}${periodOf(row) ? `, ${periodOf(row)}` : ""}`,
                },
                formatCount(row.claimCount),
              ),
        value: (row) => row.claimCount,
      },
      {
        label: "Earned premium",
        numeric: true,
        key: "earnedPremium",
        cell: (row) => compactMoney(row.earnedPremium, row.currency),
        value: (row) => row.earnedPremium,
      },
      {
        label: "Paid loss",
        numeric: true,
        key: "paidLoss",
        cell: (row) => compactMoney(row.paidLoss, row.currency),
        value: (row) => row.paidLoss,
      },
      {
        label: "Incurred loss",
        numeric: true,
        key: "incurredLoss",
        cell: (row) => compactMoney(row.incurredLoss, row.currency),
        value: (row) => row.incurredLoss,
      },
      {
        label: "Paid LR",
        numeric: true,
        key: "paidLossRatio",
        cell: (row) => formatPercent(row.paidLossRatio),
        value: (row) => row.paidLossRatio,
      },
      {
        label: "Incurred LR",
        numeric: true,
        key: "lossRatio",
        cell: (row) => formatPercent(row.lossRatio),
        value: (row) => row.lossRatio,
      },
    ],
  });

/** @param {HTMLElement} box @param {readonly LossRatioRow[]} rows @param {string} currency @param {string} asOf */
const drawChart = (box, rows, currency, asOf) => {
  const mine = rows.filter((row) => row.currency === currency);
  const labels = mine.map((row) => `${row.insurerId}\n${humanize(row.line)}`);
  const figures = {
    currency,
    asOf,
    slices: mine.map((row) => `${row.insurerId}/${row.line}`),
    paid: mine.map((row) => row.paidLossRatio),
    incurred: mine.map((row) => row.lossRatio),
  };
  renderChart(box, {
    description: `Paid and incurred loss ratio in ${currency} per insurer and line as of ${asOf}`,
    figures,
    option: {
      legend: LEGEND,
      grid: GRID,
      tooltip: {
        trigger: "axis",
        valueFormatter: (value) => formatPercent(typeof value === "number" ? value : null),
      },
      xAxis: {
        type: "category",
        data: labels,
        axisLabel: { interval: 0, hideOverlap: false, lineHeight: 16 },
      },
      yAxis: {
        type: "value",
        axisLabel: { formatter: (/** @type {number} */ value) => formatPercent(value, 0) },
      },
      series: [
        { name: "Paid loss ratio", type: "bar", data: figures.paid },
        { name: "Incurred loss ratio", type: "bar", data: figures.incurred },
      ],
    },
  });
};

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, { route, signal }) => {
  const asOf = route.params.get("asOf") ?? today();
  const period = route.params.get("period") ?? "accidentYear";
  const chart = chartBox("loss-ratio", "tall");
  const tableBox = h("div", {}, notice("Loading the figures…"));
  const controlBox = h("div", {});
  replaceChildren(
    main,
    pageHeader(
      "Loss ratio",
      "Incurred and paid loss over earned premium, as the books stood on a date.",
      controlBox,
    ),
    h(
      "div",
      { class: "grid" },
      panel("By insurer and line", { wide: true, id: "chart" }, chart),
      panel("By insurer, line and accident period", { wide: true, id: "table" }, tableBox),
    ),
  );
  try {
    const [slices, periods] = await Promise.all([
      getJson("/v1/analytics/loss-ratio", { asOf, groupBy: "insurer,line" }, signal),
      period === "all"
        ? undefined
        : getJson("/v1/analytics/loss-ratio", { asOf, groupBy: `insurer,line,${period}` }, signal),
    ]);
    if (signal.aborted) return;
    const sliceRows = /** @type {{ rows: LossRatioRow[] }} */ (slices).rows;
    const tableRows =
      periods === undefined ? sliceRows : /** @type {{ rows: LossRatioRow[] }} */ (periods).rows;
    const currencies = currenciesOf(sliceRows);
    const currency = route.params.get("currency") ?? currencies[0] ?? "CNY";
    replaceChildren(
      controlBox,
      controls(
        "Loss ratio options",
        dateField({
          label: "As of",
          name: "asOf",
          value: asOf,
          max: today(),
          onChange: (value) => withParams(route, { asOf: value }),
        }),
        selectField({
          label: "Accident period",
          name: "period",
          value: period,
          options: PERIODS,
          onChange: (value) => withParams(route, { period: value }),
        }),
        selectField({
          label: "Chart currency",
          name: "currency",
          value: currency,
          options: currencies.map((c) => [c, c]),
          onChange: (value) => withParams(route, { currency: value }),
        }),
      ),
    );
    drawChart(chart, sliceRows, currency, asOf);
    replaceChildren(
      tableBox,
      table(
        tableRows.filter((row) => row.claimCount > 0 || row.earnedPremium > 0),
        period,
      ),
    );
  } catch (error) {
    if (!signal.aborted) replaceChildren(tableBox, errorNotice(error));
  }
};

/** @type {import("../page-context.js").Page} */
export const lossRatioPage = { title: "Loss ratio", nav: "loss-ratio", render };
