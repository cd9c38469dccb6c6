/**
 * The workload page's adjusters: open claims against capacity as bars (idle adjusters marked),
 * and the table of their figures.
 * @module
 */

import { BACKDROP_COLOUR, GRID, IDLE_COLOUR, LEGEND, PALETTE, renderChart } from "../charts.js";
import { dataTable } from "../data-table.js";
import { h } from "../dom.js";
import { formatCount, formatDays, formatPercent } from "../format.js";
import { hashOf } from "../router.js";

/**
 * One adjuster as `GET /v1/analytics/adjuster-workload` answers.
 * @typedef {object} AdjusterRow
 * @property {string} adjusterId
 * @property {number} openClaims
 * @property {number} newLast7Days
 * @property {number} closedLast30Days
 * @property {number | null} averageOpenAgeDays
 * @property {number} overdueDeadlines
 * @property {number} capacity
 * @property {number} load
 * @property {boolean} idle
 */

/**
 * Open claims against capacity, one bar per adjuster over a capacity backdrop, idle ones marked.
 * @param {HTMLElement} box
 * @param {readonly AdjusterRow[]} adjusters
 */
export const drawAdjusters = (box, adjusters) => {
  const names = adjusters.map((row) => row.adjusterId);
  const figures = {
    adjusters: names,
    openClaims: adjusters.map((row) => row.openClaims),
    capacity: adjusters.map((row) => row.capacity),
    idle: adjusters.filter((row) => row.idle).map((row) => row.adjusterId),
  };
  box.style.height = `${Math.max(240, 56 + adjusters.length * 30)}px`;
  renderChart(box, {
    description: `Open claims against capacity for ${adjusters.length} adjusters; idle: ${figures.idle.join(", ") || "none"}`,
    figures,
    option: {
      legend: { ...LEGEND, data: ["Open claims", "Capacity"] },
      grid: GRID,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { color: "#1c2733" } },
      xAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: "Capacity",
          type: "bar",
          barGap: "-100%",
          itemStyle: { color: BACKDROP_COLOUR },
          label: {
            show: true,
            position: "insideRight",
            formatter: (params) => (adjusters[params.dataIndex]?.idle ? "idle" : ""),
            color: IDLE_COLOUR,
            fontWeight: "bold",
          },
          data: adjusters.map((row) => ({
            value: row.capacity,
            itemStyle: { color: row.idle ? "#f7e3c2" : BACKDROP_COLOUR },
          })),
        },
        {
          name: "Open claims",
          type: "bar",
          itemStyle: { color: PALETTE[0] },
          label: { show: true, position: "right", formatter: (params) => String(params.value) },
          data: adjusters.map((row) => row.openClaims),
        },
      ],
    },
  });
};

/**
 * The adjusters' figures as a table; idle adjusters tagged.
 * @param {readonly AdjusterRow[]} adjusters
 */
export const adjusterTable = (adjusters) =>
  dataTable({
    caption: "Adjusters",
    id: "adjusters",
    rows: adjusters,
    columns: [
      {
        label: "Adjuster",
        header: true,
        key: "adjusterId",
        cell: (row) =>
          h("a", { href: hashOf("claims", [], { adjusterId: row.adjusterId }) }, row.adjusterId),
        value: (row) => row.adjusterId,
      },
      {
        label: "Open",
        numeric: true,
        key: "openClaims",
        cell: (row) => formatCount(row.openClaims),
        value: (row) => row.openClaims,
      },
      {
        label: "Capacity",
        numeric: true,
        key: "capacity",
        cell: (row) => formatCount(row.capacity),
        value: (row) => row.capacity,
      },
      {
        label: "Load",
        numeric: true,
        key: "load",
        cell: (row) =>
          row.idle ? h("span", { class: "tag tag--idle" }, "idle") : formatPercent(row.load, 0),
        value: (row) => row.load,
      },
      {
        label: "New 7 d",
        numeric: true,
        key: "newLast7Days",
        cell: (row) => formatCount(row.newLast7Days),
        value: (row) => row.newLast7Days,
      },
      {
        label: "Closed 30 d",
        numeric: true,
        key: "closedLast30Days",
        cell: (row) => formatCount(row.closedLast30Days),
        value: (row) => row.closedLast30Days,
      },
      {
        label: "Avg open age",
        numeric: true,
        key: "averageOpenAgeDays",
        cell: (row) => formatDays(row.averageOpenAgeDays),
        value: (row) => row.averageOpenAgeDays,
      },
      {
        label: "Overdue",
        numeric: true,
        key: "overdueDeadlines",
        cell: (row) => formatCount(row.overdueDeadlines),
        value: (row) => row.overdueDeadlines,
      },
    ],
  });
