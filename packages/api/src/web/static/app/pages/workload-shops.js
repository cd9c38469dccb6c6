/**
 * The workload page's repair shops: vehicles in work and waiting for parts, technicians busy and
 * idle, as bars and as a table.
 * @module
 */

import { GRID, IDLE_COLOUR, LEGEND, PALETTE, renderChart } from "../charts.js";
import { dataTable } from "../data-table.js";
import { formatCount, formatDays } from "../format.js";

/**
 * One shop as `GET /v1/analytics/shop-workload` answers.
 * @typedef {object} ShopRow
 * @property {string} shopId
 * @property {number} vehiclesInWork
 * @property {number} waitingForParts
 * @property {number} technicians
 * @property {number} busyTechnicians
 * @property {string[]} idleTechnicians
 * @property {{ handedOver: number; averageDays: number | null; medianDays: number | null }} cycleTime
 */

/**
 * Vehicles (waiting for parts or not) and technicians (busy or idle) per shop, as stacked bars.
 * @param {HTMLElement} box
 * @param {readonly ShopRow[]} shops
 */
export const drawShops = (box, shops) => {
  const names = shops.map((row) => row.shopId);
  const figures = {
    shops: names,
    waitingForParts: shops.map((row) => row.waitingForParts),
    inWorkNotWaiting: shops.map((row) => row.vehiclesInWork - row.waitingForParts),
    busyTechnicians: shops.map((row) => row.busyTechnicians),
    idleTechnicians: shops.map((row) => row.idleTechnicians.length),
  };
  box.style.height = `${Math.max(240, 56 + shops.length * 44)}px`;
  renderChart(box, {
    description: `Vehicles in work and waiting for parts, technicians busy and idle, at ${shops.length} shops`,
    figures,
    option: {
      legend: LEGEND,
      grid: GRID,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      yAxis: { type: "category", data: names, inverse: true },
      xAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: "Vehicles waiting for parts",
          type: "bar",
          stack: "vehicles",
          data: figures.waitingForParts,
          itemStyle: { color: PALETTE[3] },
        },
        {
          name: "Other vehicles in work",
          type: "bar",
          stack: "vehicles",
          data: figures.inWorkNotWaiting,
          itemStyle: { color: PALETTE[0] },
        },
        {
          name: "Busy technicians",
          type: "bar",
          stack: "technicians",
          data: figures.busyTechnicians,
          itemStyle: { color: PALETTE[2] },
        },
        {
          name: "Idle technicians",
          type: "bar",
          stack: "technicians",
          data: figures.idleTechnicians,
          itemStyle: { color: IDLE_COLOUR },
        },
      ],
    },
  });
};

/**
 * The shops' figures as a table.
 * @param {readonly ShopRow[]} shops
 */
export const shopTable = (shops) =>
  dataTable({
    caption: "Repair shops",
    id: "shops",
    rows: shops,
    columns: [
      {
        label: "Shop",
        header: true,
        key: "shopId",
        cell: (row) => row.shopId,
        value: (row) => row.shopId,
      },
      {
        label: "In work",
        numeric: true,
        key: "vehiclesInWork",
        cell: (row) => formatCount(row.vehiclesInWork),
        value: (row) => row.vehiclesInWork,
      },
      {
        label: "Waiting for parts",
        numeric: true,
        key: "waitingForParts",
        cell: (row) => formatCount(row.waitingForParts),
        value: (row) => row.waitingForParts,
      },
      {
        label: "Technicians busy",
        numeric: true,
        key: "busyTechnicians",
        cell: (row) => `${row.busyTechnicians} of ${row.technicians}`,
        value: (row) => row.busyTechnicians,
      },
      {
        label: "Idle technicians",
        key: "idleTechnicians",
        cell: (row) => row.idleTechnicians.join(", ") || "—",
        value: (row) => row.idleTechnicians.length,
      },
      {
        label: "Cycle time (median)",
        numeric: true,
        key: "cycleTime",
        cell: (row) => formatDays(row.cycleTime.medianDays),
        value: (row) => row.cycleTime.medianDays,
      },
    ],
  });
