/**
 * Time to settle: median and P90 days from FNOL to each stage, per insurer, line or FNOL
 * month, and how old the open claims are.
 * @module
 */

import { getJson } from "../api-client.js";
import { categoryAxis, GRID, LEGEND, PALETTE, renderChart } from "../charts.js";
import {
  chartBox,
  controls,
  errorNotice,
  kpi,
  kpiRow,
  notice,
  pageHeader,
  panel,
  selectField,
} from "../components.js";
import { dataTable } from "../data-table.js";
import { h, replaceChildren } from "../dom.js";
import { formatCount, formatDays, formatPercent, humanize } from "../format.js";
import { withParams } from "../router.js";

/** @typedef {"firstContact" | "assessment" | "settlement" | "firstPayment" | "close"} Stage */
/** @typedef {{ claims: number; medianDays: number | null; p90Days: number | null }} StageDuration */
/** @typedef {{ group: string; claims: number; stages: Record<Stage, StageDuration> }} SettleRow */
/** @typedef {{ days0to7: number; days8to30: number; days31to60: number; over60: number; total: number }} OpenAge */

/** @param {readonly number[]} values */
const sum = (values) => values.reduce((total, value) => total + value, 0);

/** @type {readonly (readonly [Stage, string])[]} */
const STAGES = [
  ["firstContact", "First contact"],
  ["assessment", "Assessment"],
  ["settlement", "Settlement"],
  ["firstPayment", "First payment"],
  ["close", "Close"],
];

/** @type {readonly (readonly [keyof OpenAge, string])[]} */
const BUCKETS = [
  ["days0to7", "0–7 days"],
  ["days8to30", "8–30 days"],
  ["days31to60", "31–60 days"],
  ["over60", "Over 60 days"],
];

/**
 * Per insurer or line: stages along the axis, one bar per group. Per month: months along the
 * axis, one line per stage.
 * @param {HTMLElement} box
 * @param {readonly SettleRow[]} rows
 * @param {string} groupBy
 * @param {"medianDays" | "p90Days"} measure
 */
const drawDurations = (box, rows, groupBy, measure) => {
  const what = measure === "medianDays" ? "Median" : "P90";
  const byMonth = groupBy === "month";
  const categories = byMonth ? rows.map((row) => row.group) : STAGES.map(([, label]) => label);
  const series = byMonth
    ? STAGES.map(([stage, label]) => ({
        name: label,
        type: /** @type {const} */ ("line"),
        data: rows.map((row) => row.stages[stage][measure]),
      }))
    : rows.map((row) => ({
        name: groupBy === "line" ? humanize(row.group) : row.group,
        type: /** @type {const} */ ("bar"),
        data: STAGES.map(([stage]) => row.stages[stage][measure]),
      }));
  renderChart(box, {
    description: `${what} days from FNOL to each stage, by ${groupBy}`,
    figures: {
      measure,
      groupBy,
      categories,
      series: series.map((s) => ({ name: s.name, data: s.data })),
    },
    option: {
      legend: LEGEND,
      grid: GRID,
      tooltip: {
        trigger: "axis",
        valueFormatter: (value) => formatDays(typeof value === "number" ? value : null),
      },
      xAxis: categoryAxis(categories),
      yAxis: { type: "value" },
      series,
    },
  });
};

/** @param {HTMLElement} box @param {OpenAge} buckets */
const drawBuckets = (box, buckets) => {
  const values = BUCKETS.map(([key]) => buckets[key]);
  renderChart(box, {
    description: `Open claims by age since FNOL: ${BUCKETS.map(([, label], i) => `${label} ${values[i]}`).join(", ")}`,
    figures: { buckets: BUCKETS.map(([key]) => key), values },
    option: {
      grid: { ...GRID, top: 24 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: categoryAxis(BUCKETS.map(([, label]) => label)),
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: "Open claims",
          type: "bar",
          data: values,
          itemStyle: { color: PALETTE[3] },
          label: { show: true, position: "top" },
        },
      ],
    },
  });
};

/** @param {OpenAge} buckets */
const bucketTable = (buckets) =>
  dataTable({
    caption: "Open claims by completed days since FNOL",
    id: "open-age",
    rows: BUCKETS,
    footer: [["All open claims", formatCount(buckets.total), formatPercent(1, 0)]],
    columns: [
      {
        label: "Age",
        header: true,
        key: "bucket",
        cell: ([, label]) => label,
        value: ([key]) => key,
      },
      {
        label: "Claims",
        numeric: true,
        key: "claims",
        cell: ([key]) => formatCount(buckets[key]),
        value: ([key]) => buckets[key],
      },
      {
        label: "Share",
        numeric: true,
        key: "share",
        cell: ([key]) =>
          formatPercent(buckets.total === 0 ? null : buckets[key] / buckets.total, 0),
        value: ([key]) => (buckets.total === 0 ? null : buckets[key] / buckets.total),
      },
    ],
  });

/** @param {readonly SettleRow[]} rows @param {string} groupBy */
const table = (rows, groupBy) =>
  dataTable({
    caption: `Days from FNOL, median and P90, per ${groupBy}`,
    id: "time-to-settle",
    rows,
    columns: [
      {
        label: humanize(groupBy),
        header: true,
        key: "group",
        cell: (row) => (groupBy === "line" ? humanize(row.group) : row.group),
        value: (row) => row.group,
      },
      {
        label: "Claims",
        numeric: true,
        key: "claims",
        cell: (row) => formatCount(row.claims),
        value: (row) => row.claims,
      },
      ...STAGES.map(([stage, label]) => ({
        label: `${label} (median / P90)`,
        numeric: true,
        key: stage,
        cell: (/** @type {SettleRow} */ row) =>
          `${formatDays(row.stages[stage].medianDays)} / ${formatDays(row.stages[stage].p90Days)}`,
        value: (/** @type {SettleRow} */ row) => row.stages[stage].medianDays,
      })),
    ],
  });

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, { route, signal }) => {
  const groupBy = route.params.get("groupBy") ?? "insurer";
  const medianChart = chartBox("median-days");
  const p90Chart = chartBox("p90-days");
  const bucketChart = chartBox("open-age");
  const tableBox = h("div", {}, notice("Loading the figures…"));
  const bucketBox = h("div", {});
  const figures = h("div", {});
  replaceChildren(
    main,
    pageHeader(
      "Time to settle",
      "How long claims take from first notice to each stage, and how old the open ones are.",
      controls(
        "Time to settle options",
        selectField({
          label: "Group by",
          name: "groupBy",
          value: groupBy,
          options: [
            ["insurer", "Insurer"],
            ["line", "Line of business"],
            ["month", "FNOL month"],
          ],
          onChange: (value) => withParams(route, { groupBy: value }),
        }),
      ),
    ),
    figures,
    h(
      "div",
      { class: "grid" },
      panel("Median days from FNOL", { wide: true, id: "median" }, medianChart),
      panel("P90 days from FNOL", { wide: true, id: "p90" }, p90Chart),
      panel("Open claims by age", { id: "open-age" }, bucketChart),
      panel("Ageing of the open claims", { id: "open-age-table" }, bucketBox),
      panel("Per group and stage", { wide: true, id: "table" }, tableBox),
    ),
  );
  try {
    const [settle, openAge] = await Promise.all([
      getJson("/v1/analytics/time-to-settle", { groupBy }, signal),
      getJson("/v1/analytics/open-age", {}, signal),
    ]);
    if (signal.aborted) return;
    const rows = /** @type {{ rows: SettleRow[] }} */ (settle).rows;
    const buckets = /** @type {OpenAge} */ (openAge);
    replaceChildren(
      figures,
      kpiRow(
        kpi({
          id: "claims-measured",
          label: "Claims measured",
          text: formatCount(sum(rows.map((row) => row.claims))),
          value: sum(rows.map((row) => row.claims)),
        }),
        kpi({
          id: "settled-claims",
          label: "Reached settlement",
          text: formatCount(sum(rows.map((row) => row.stages.settlement.claims))),
          value: sum(rows.map((row) => row.stages.settlement.claims)),
        }),
        kpi({
          id: "open-total",
          label: "Open claims",
          text: formatCount(buckets.total),
          value: buckets.total,
        }),
        kpi({
          id: "open-over-60",
          label: "Open over 60 days",
          text: formatCount(buckets.over60),
          value: buckets.over60,
          tone: buckets.over60 > 0 ? "warn" : undefined,
        }),
      ),
    );
    drawDurations(medianChart, rows, groupBy, "medianDays");
    drawDurations(p90Chart, rows, groupBy, "p90Days");
    drawBuckets(bucketChart, buckets);
    replaceChildren(bucketBox, bucketTable(buckets));
    replaceChildren(tableBox, table(rows, groupBy));
  } catch (error) {
    if (!signal.aborted) replaceChildren(tableBox, errorNotice(error));
  }
};

/** @type {import("../page-context.js").Page} */
export const timeToSettlePage = { title: "Time to settle", nav: "time-to-settle", render };
