/**
 * Loss development triangles: paid or incurred, by accident period and development age, with
 * the chain ladder's age-to-age factors, ultimates and IBNR; CSV as the API writes it.
 * @module
 */

import { getCsv, getJson } from "../api-client.js";
import { categoryAxis, GRID, LEGEND, renderChart } from "../charts.js";
import {
  chartBox,
  controls,
  dateField,
  errorNotice,
  kpi,
  kpiRow,
  notice,
  pageHeader,
  panel,
  selectField,
} from "../components.js";
import { h, replaceChildren } from "../dom.js";
import { saveBlob } from "../download.js";
import { currenciesOf } from "../figures.js";
import { formatAmount, formatMoney, moneyValue } from "../format.js";
import { today } from "../periods.js";
import { withParams } from "../router.js";
import { triangleTable } from "../triangle-table.js";

/** @typedef {import("../triangle-table.js").TriangleAnswer} TriangleAnswer */

/** @param {import("../router.js").Route} route */
const settingsOf = (route) => ({
  period: route.params.get("period") ?? "quarter",
  basis: route.params.get("basis") ?? "paid",
  cost: route.params.get("cost") ?? "loss",
  asOf: route.params.get("asOf") ?? today(),
});

/** @param {HTMLElement} box @param {TriangleAnswer} answer */
const drawChart = (box, answer) => {
  const { chainLadder, currency } = answer;
  const figures = {
    currency,
    origins: answer.origins,
    latest: chainLadder.latest,
    ibnr: chainLadder.ibnr,
    ultimates: chainLadder.ultimates,
  };
  const whole = (/** @type {number[]} */ values) =>
    values.map((value) => Math.round(moneyValue(value, currency)));
  renderChart(box, {
    description: `Reported ${chainLadder.basis} to date and IBNR per accident period in ${currency}; together the chain-ladder ultimate`,
    figures,
    option: {
      legend: LEGEND,
      grid: GRID,
      tooltip: {
        trigger: "axis",
        valueFormatter: (value) =>
          typeof value === "number" ? formatAmount(value, currency) : "—",
      },
      xAxis: categoryAxis(answer.origins),
      yAxis: {
        type: "value",
        axisLabel: {
          formatter: (/** @type {number} */ value) =>
            formatAmount(value, currency, { compact: true }),
        },
      },
      series: [
        {
          name: `Latest ${chainLadder.basis}`,
          type: "bar",
          stack: "ultimate",
          data: whole(chainLadder.latest),
        },
        { name: "IBNR", type: "bar", stack: "ultimate", data: whole(chainLadder.ibnr) },
      ],
    },
  });
};

/** @param {TriangleAnswer} answer */
const headline = (answer) => {
  const { chainLadder, currency } = answer;
  const sum = (/** @type {number[]} */ values) => values.reduce((total, value) => total + value, 0);
  return kpiRow(
    kpi({
      id: "latest",
      label: `Latest ${chainLadder.basis}`,
      text: formatMoney(sum(chainLadder.latest), currency),
      value: sum(chainLadder.latest),
    }),
    kpi({
      id: "ultimate",
      label: "Ultimate",
      text: formatMoney(sum(chainLadder.ultimates), currency),
      value: sum(chainLadder.ultimates),
    }),
    kpi({
      id: "ibnr",
      label: "IBNR",
      text: formatMoney(chainLadder.totalIbnr, currency),
      value: chainLadder.totalIbnr,
      detail: "volume-weighted chain ladder",
    }),
  );
};

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, { route, signal }) => {
  const settings = settingsOf(route);
  const chart = chartBox("triangle-ultimates");
  const tableBox = h("div", {}, notice("Loading the triangle…"));
  const figures = h("div", {});
  const controlBox = h("div", {});
  replaceChildren(
    main,
    pageHeader(
      "Loss development triangles",
      "Cumulative losses by accident period as they developed, projected to ultimate with the chain ladder.",
      controlBox,
    ),
    figures,
    h(
      "div",
      { class: "grid" },
      panel("Triangle", { wide: true, id: "triangle" }, tableBox),
      panel("Latest and IBNR per accident period", { wide: true, id: "ultimates" }, chart),
    ),
  );
  try {
    const totals = /** @type {{ rows: import("../figures.js").LossRatioRow[] }} */ (
      await getJson("/v1/analytics/loss-ratio", { groupBy: "" }, signal)
    );
    const currencies = currenciesOf(totals.rows);
    const currency = route.params.get("currency") ?? currencies[0] ?? "CNY";
    const query = { ...settings, currency };
    const answer = /** @type {TriangleAnswer} */ (
      await getJson("/v1/analytics/triangles", query, signal)
    );
    if (signal.aborted) return;
    const download = h(
      "button",
      {
        class: "button",
        type: "button",
        onClick: async () =>
          saveBlob(
            await getCsv("/v1/analytics/triangles", query),
            `triangle-${currency}-${settings.period}-${settings.basis}-${settings.asOf}.csv`,
          ),
      },
      "Download CSV",
    );
    replaceChildren(
      controlBox,
      controls(
        "Triangle options",
        selectField({
          label: "Currency",
          name: "currency",
          value: currency,
          options: currencies.map((c) => [c, c]),
          onChange: (value) => withParams(route, { currency: value }),
        }),
        selectField({
          label: "Period",
          name: "period",
          value: settings.period,
          options: [
            ["year", "Year"],
            ["quarter", "Quarter"],
            ["month", "Month"],
          ],
          onChange: (value) => withParams(route, { period: value }),
        }),
        selectField({
          label: "Basis",
          name: "basis",
          value: settings.basis,
          options: [
            ["incurred", "Incurred"],
            ["paid", "Paid"],
          ],
          onChange: (value) => withParams(route, { basis: value }),
        }),
        selectField({
          label: "Cost",
          name: "cost",
          value: settings.cost,
          options: [
            ["loss", "Loss"],
            ["lossAndExpense", "Loss and expense"],
          ],
          onChange: (value) => withParams(route, { cost: value }),
        }),
        dateField({
          label: "As of",
          name: "asOf",
          value: settings.asOf,
          max: today(),
          onChange: (value) => withParams(route, { asOf: value }),
        }),
        download,
      ),
    );
    replaceChildren(figures, headline(answer));
    replaceChildren(tableBox, triangleTable(answer));
    drawChart(chart, answer);
  } catch (error) {
    if (!signal.aborted) replaceChildren(tableBox, errorNotice(error));
  }
};

/** @type {import("../page-context.js").Page} */
export const trianglesPage = { title: "Triangles", nav: "triangles", render };
