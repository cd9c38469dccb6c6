/**
 * Workload: adjusters' open claims against capacity (idle ones marked), repair shops' vehicles
 * in work and waiting for parts, technicians busy and idle.
 * @module
 */

import { getJson } from "../api-client.js";
import { chartBox, errorNotice, kpi, kpiRow, notice, pageHeader, panel } from "../components.js";
import { h, replaceChildren } from "../dom.js";
import { formatCount } from "../format.js";
import { adjusterTable, drawAdjusters } from "./workload-adjusters.js";
import { drawShops, shopTable } from "./workload-shops.js";

/** @typedef {import("./workload-adjusters.js").AdjusterRow} AdjusterRow */
/** @typedef {import("./workload-shops.js").ShopRow} ShopRow */

/** @param {readonly AdjusterRow[]} adjusters @param {readonly ShopRow[]} shops */
const headline = (adjusters, shops) => {
  const sum = (/** @type {number[]} */ values) => values.reduce((total, value) => total + value, 0);
  const idle = adjusters.filter((row) => row.idle).length;
  const waiting = sum(shops.map((row) => row.waitingForParts));
  const idleTechnicians = sum(shops.map((row) => row.idleTechnicians.length));
  return kpiRow(
    kpi({
      id: "open-claims-held",
      label: "Open claims held",
      text: formatCount(sum(adjusters.map((row) => row.openClaims))),
      value: sum(adjusters.map((row) => row.openClaims)),
      detail: `by ${adjusters.length - idle} adjusters`,
    }),
    kpi({
      id: "idle-adjusters",
      label: "Idle adjusters",
      text: formatCount(idle),
      value: idle,
      tone: idle > 0 ? "warn" : undefined,
    }),
    kpi({
      id: "vehicles-in-work",
      label: "Vehicles in work",
      text: formatCount(sum(shops.map((row) => row.vehiclesInWork))),
      value: sum(shops.map((row) => row.vehiclesInWork)),
    }),
    kpi({
      id: "waiting-for-parts",
      label: "Waiting for parts",
      text: formatCount(waiting),
      value: waiting,
    }),
    kpi({
      id: "idle-technicians",
      label: "Idle technicians",
      text: formatCount(idleTechnicians),
      value: idleTechnicians,
    }),
  );
};

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, { signal }) => {
  const figures = h("div", {}, notice("Loading the figures…"));
  const adjusterChart = chartBox("adjusters");
  const shopChart = chartBox("shops");
  const adjusterBox = h("div", {});
  const shopBox = h("div", {});
  replaceChildren(
    main,
    pageHeader(
      "Workload",
      "Who holds how many open claims against capacity, and what waits at the repair shops.",
    ),
    figures,
    h(
      "div",
      { class: "grid" },
      panel(
        "Adjusters: open claims against capacity",
        {
          wide: true,
          id: "adjusters",
          note: "A surveyor handles about 16 active claims; idle adjusters hold none.",
        },
        h("div", { class: "split" }, adjusterChart, adjusterBox),
      ),
      panel(
        "Repair shops and technicians",
        { wide: true, id: "shops" },
        h("div", { class: "split" }, shopChart, shopBox),
      ),
    ),
  );
  try {
    const [workload, shopAnswer] = await Promise.all([
      getJson("/v1/analytics/adjuster-workload", {}, signal),
      getJson("/v1/analytics/shop-workload", {}, signal),
    ]);
    if (signal.aborted) return;
    const adjusters = /** @type {{ adjusters: AdjusterRow[] }} */ (workload).adjusters;
    const shops = /** @type {{ rows: ShopRow[] }} */ (shopAnswer).rows;
    replaceChildren(figures, headline(adjusters, shops));
    drawAdjusters(adjusterChart, adjusters);
    drawShops(shopChart, shops);
    replaceChildren(adjusterBox, adjusterTable(adjusters));
    replaceChildren(shopBox, shopTable(shops));
  } catch (error) {
    if (!signal.aborted) replaceChildren(figures, errorNotice(error));
  }
};

/** @type {import("../page-context.js").Page} */
export const workloadPage = { title: "Workload", nav: "workload", render };
