/**
 * Insurer scorecard: a repair shop's (or loss adjuster's) comparison of the insurers it works
 * for: volume, days from handover to payment, disputes, supplements, settled against assessed,
 * invoiced against estimate, CSAT.
 * @module
 */

import { getJson } from "../api-client.js";
import { categoryAxis, GRID, LEGEND, PALETTE, renderChart } from "../charts.js";
import {
  chartBox,
  controls,
  errorNotice,
  notice,
  pageHeader,
  panel,
  selectField,
} from "../components.js";
import { dataTable } from "../data-table.js";
import { h, replaceChildren } from "../dom.js";
import { formatCount, formatDays, formatNumber, formatPercent } from "../format.js";
import { withParams } from "../router.js";

/**
 * @typedef {object} ScorecardRow
 * @property {string} insurerId
 * @property {{ claims: number; repairOrders: number }} volume
 * @property {{ repairOrders: number; averageDays: number | null; medianDays: number | null }} handoverToPayment
 * @property {{ assessments: number; disputed: number; rate: number | null }} assessmentDisputes
 * @property {{ requested: number; approved: number; rejected: number; approvalRate: number | null }} supplements
 * @property {{ claims: number; averageRatio: number | null }} settledVsAssessed
 * @property {{ repairOrders: number; averageRatio: number | null }} invoicedVsEstimate
 * @property {{ responses: number; average: number | null }} csat
 */

/** @param {HTMLElement} box @param {readonly ScorecardRow[]} rows */
const drawPayment = (box, rows) => {
  const insurers = rows.map((row) => row.insurerId);
  const figures = {
    insurers: rows.map((row) => row.insurerId),
    medianDays: rows.map((row) => row.handoverToPayment.medianDays),
    averageDays: rows.map((row) => row.handoverToPayment.averageDays),
  };
  renderChart(box, {
    description:
      "Days from vehicle handover to the insurer's payment to the shop, median and mean, per insurer",
    figures,
    option: {
      legend: LEGEND,
      grid: GRID,
      tooltip: {
        trigger: "axis",
        valueFormatter: (value) => formatDays(typeof value === "number" ? value : null),
      },
      xAxis: categoryAxis(insurers),
      yAxis: { type: "value" },
      series: [
        {
          name: "Median days",
          type: "bar",
          data: figures.medianDays,
          label: {
            show: true,
            position: "top",
            formatter: (p) => formatNumber(Number(p.value), 1),
          },
        },
        {
          name: "Mean days",
          type: "bar",
          data: figures.averageDays,
          itemStyle: { color: PALETTE[1] },
        },
      ],
    },
  });
};

/** @param {HTMLElement} box @param {readonly ScorecardRow[]} rows */
const drawRates = (box, rows) => {
  const insurers = rows.map((row) => row.insurerId);
  const figures = {
    insurers: rows.map((row) => row.insurerId),
    disputeRate: rows.map((row) => row.assessmentDisputes.rate),
    supplementApprovalRate: rows.map((row) => row.supplements.approvalRate),
  };
  renderChart(box, {
    description:
      "Share of assessments the shop disputed and of supplements the insurer approved, per insurer",
    figures,
    option: {
      legend: LEGEND,
      grid: GRID,
      tooltip: {
        trigger: "axis",
        valueFormatter: (value) => formatPercent(typeof value === "number" ? value : null),
      },
      xAxis: categoryAxis(insurers),
      yAxis: {
        type: "value",
        max: 1,
        axisLabel: { formatter: (/** @type {number} */ value) => formatPercent(value, 0) },
      },
      series: [
        {
          name: "Assessments disputed",
          type: "bar",
          data: figures.disputeRate,
          itemStyle: { color: PALETTE[4] },
        },
        {
          name: "Supplements approved",
          type: "bar",
          data: figures.supplementApprovalRate,
          itemStyle: { color: PALETTE[2] },
        },
      ],
    },
  });
};

/** @param {readonly ScorecardRow[]} rows */
const table = (rows) =>
  dataTable({
    caption: "Insurer scorecard",
    id: "scorecard",
    rows,
    columns: [
      {
        label: "Insurer",
        header: true,
        key: "insurerId",
        cell: (row) => row.insurerId,
        value: (row) => row.insurerId,
      },
      {
        label: "Claims",
        numeric: true,
        key: "claims",
        cell: (row) => formatCount(row.volume.claims),
        value: (row) => row.volume.claims,
      },
      {
        label: "Repair orders",
        numeric: true,
        key: "repairOrders",
        cell: (row) => formatCount(row.volume.repairOrders),
        value: (row) => row.volume.repairOrders,
      },
      {
        label: "Handover → payment (median)",
        numeric: true,
        key: "handoverToPayment",
        cell: (row) => formatDays(row.handoverToPayment.medianDays),
        value: (row) => row.handoverToPayment.medianDays,
      },
      {
        label: "Disputed",
        numeric: true,
        key: "disputeRate",
        cell: (row) =>
          `${formatPercent(row.assessmentDisputes.rate)} of ${formatCount(row.assessmentDisputes.assessments)}`,
        value: (row) => row.assessmentDisputes.rate,
      },
      {
        label: "Supplements approved",
        numeric: true,
        key: "approvalRate",
        cell: (row) =>
          `${formatPercent(row.supplements.approvalRate)} of ${formatCount(row.supplements.requested)}`,
        value: (row) => row.supplements.approvalRate,
      },
      {
        label: "Settled ÷ assessed",
        numeric: true,
        key: "settledVsAssessed",
        cell: (row) => formatNumber(row.settledVsAssessed.averageRatio, 2),
        value: (row) => row.settledVsAssessed.averageRatio,
      },
      {
        label: "Invoiced ÷ estimate",
        numeric: true,
        key: "invoicedVsEstimate",
        cell: (row) => formatNumber(row.invoicedVsEstimate.averageRatio, 2),
        value: (row) => row.invoicedVsEstimate.averageRatio,
      },
      {
        label: "CSAT",
        numeric: true,
        key: "csat",
        cell: (row) => `${formatNumber(row.csat.average, 2)} (${formatCount(row.csat.responses)})`,
        value: (row) => row.csat.average,
      },
    ],
  });

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, { route, signal }) => {
  const shopId = route.params.get("shopId") ?? "";
  const paymentChart = chartBox("handover-to-payment");
  const rateChart = chartBox("dispute-and-supplement-rates");
  const tableBox = h("div", {}, notice("Loading the scorecard…"));
  const controlBox = h("div", {});
  replaceChildren(
    main,
    pageHeader(
      "Insurer scorecard",
      "How the insurers a shop works for compare: how fast they pay, how often assessments are disputed.",
      controlBox,
    ),
    h(
      "div",
      { class: "grid" },
      panel("Days from handover to payment", { id: "payment" }, paymentChart),
      panel("Disputes and supplements", { id: "rates" }, rateChart),
      panel("All figures", { wide: true, id: "table" }, tableBox),
    ),
  );
  try {
    const [scorecard, shops] = await Promise.all([
      getJson("/v1/analytics/insurer-scorecard", { shopId: shopId || undefined }, signal),
      getJson("/v1/analytics/shop-workload", {}, signal),
    ]);
    if (signal.aborted) return;
    const rows = /** @type {{ rows: ScorecardRow[] }} */ (scorecard).rows;
    const shopIds = /** @type {{ rows: { shopId: string }[] }} */ (shops).rows.map(
      (row) => row.shopId,
    );
    replaceChildren(
      controlBox,
      controls(
        "Scorecard options",
        selectField({
          label: "Shop",
          name: "shopId",
          value: shopId,
          options: [["", "All shops"], ...shopIds.map((id) => /** @type {const} */ ([id, id]))],
          onChange: (value) => withParams(route, { shopId: value }),
        }),
      ),
    );
    drawPayment(paymentChart, rows);
    drawRates(rateChart, rows);
    replaceChildren(tableBox, table(rows));
  } catch (error) {
    if (!signal.aborted) replaceChildren(tableBox, errorNotice(error));
  }
};

/** @type {import("../page-context.js").Page} */
export const scorecardPage = { title: "Insurer scorecard", nav: "scorecard", render };
