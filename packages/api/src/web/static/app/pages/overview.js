/**
 * Overview: open claims, new this week, settled this month, paid and incurred loss ratio with
 * their trend by accident month, SLA compliance and CSAT; the latest events, live.
 * @module
 */

import { getJson } from "../api-client.js";
import { categoryAxis, GRID, LEGEND, renderChart } from "../charts.js";
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
import {
  csatTotals,
  currenciesOf,
  daysBefore,
  lossRatioTrend,
  monthStart,
  slaTotals,
} from "../figures.js";
import { formatCount, formatInstant, formatMoney, formatNumber, formatPercent } from "../format.js";
import { hashOf, withParams } from "../router.js";

/** @typedef {import("../figures.js").LossRatioRow} LossRatioRow */
/** @typedef {{ days0to7: number; days8to30: number; days31to60: number; over60: number; total: number }} OpenAge */
/** @typedef {{ reported: number; settled: number; closed: number }} Activity */

/** @param {AbortSignal} signal */
const loadFigures = async (signal) => {
  const now = new Date();
  const [openAge, week, month, totals, byMonth, sla, customer] = await Promise.all([
    getJson("/v1/analytics/open-age", {}, signal),
    getJson("/v1/analytics/claim-activity", { from: daysBefore(now, 7) }, signal),
    getJson("/v1/analytics/claim-activity", { from: monthStart(now) }, signal),
    getJson("/v1/analytics/loss-ratio", { groupBy: "" }, signal),
    getJson("/v1/analytics/loss-ratio", { groupBy: "accidentMonth" }, signal),
    getJson("/v1/analytics/sla-compliance", {}, signal),
    getJson("/v1/analytics/customer", {}, signal),
  ]);
  return {
    now,
    openAge: /** @type {OpenAge} */ (openAge),
    week: /** @type {Activity} */ (week),
    month: /** @type {Activity} */ (month),
    totals: /** @type {{ rows: LossRatioRow[] }} */ (totals).rows,
    byMonth: /** @type {{ rows: LossRatioRow[] }} */ (byMonth).rows,
    sla: slaTotals(/** @type {{ rows: import("../figures.js").SlaRow[] }} */ (sla).rows),
    csat: csatTotals(
      /** @type {{ rows: import("../figures.js").CustomerRow[] }} */ (customer).rows,
    ),
  };
};

/** @typedef {Awaited<ReturnType<typeof loadFigures>>} Figures */

/** @param {Figures} figures @param {string} currency */
const headlineFigures = (figures, currency) => {
  const money = figures.totals.find((row) => row.currency === currency);
  const { openAge, week, month, sla, csat } = figures;
  return [
    kpi({
      id: "open-claims",
      label: "Open claims",
      text: formatCount(openAge.total),
      value: openAge.total,
      detail: `${formatCount(openAge.over60)} open over 60 days`,
    }),
    kpi({
      id: "new-this-week",
      label: "New this week",
      text: formatCount(week.reported),
      value: week.reported,
      detail: "reported in the last 7 days",
    }),
    kpi({
      id: "settled-this-month",
      label: "Settled this month",
      text: formatCount(month.settled),
      value: month.settled,
      detail: `since ${monthStart(figures.now).slice(0, 10)}`,
    }),
    kpi({
      id: "closed-this-month",
      label: "Closed this month",
      text: formatCount(month.closed),
      value: month.closed,
      detail: "closings not undone by a reopen",
    }),
    kpi({
      id: "paid-loss-ratio",
      label: `Paid loss ratio (${currency})`,
      text: formatPercent(money?.paidLossRatio),
      value: money?.paidLossRatio ?? null,
      detail: `${formatMoney(money?.paidLoss, currency, { compact: true })} paid of ${formatMoney(money?.earnedPremium, currency, { compact: true })} earned`,
    }),
    kpi({
      id: "incurred-loss-ratio",
      label: `Incurred loss ratio (${currency})`,
      text: formatPercent(money?.lossRatio),
      value: money?.lossRatio ?? null,
      detail: `${formatMoney(money?.incurredLoss, currency, { compact: true })} incurred`,
      tone: (money?.lossRatio ?? 0) > 1 ? "bad" : undefined,
    }),
    kpi({
      id: "sla-compliance",
      label: "SLA compliance",
      text: formatPercent(sla.rate),
      value: sla.rate,
      detail: `${formatCount(sla.breached)} breached, ${formatCount(sla.openAtRisk)} open at risk`,
      tone: sla.rate !== null && sla.rate < 0.8 ? "warn" : undefined,
    }),
    kpi({
      id: "csat",
      label: "CSAT",
      text: csat.average === null ? "—" : `${formatNumber(csat.average, 2)} / 5`,
      value: csat.average,
      detail: `${formatCount(csat.responses)} ratings, ${formatPercent(csat.complaintRate)} complaints`,
    }),
  ];
};

/** @param {HTMLElement} box @param {Figures} figures @param {string} currency */
const drawTrend = (box, figures, currency) => {
  const trend = lossRatioTrend(figures.byMonth, currency);
  renderChart(box, {
    description: `Paid and incurred loss ratio in ${currency} by accident month, ${trend.months[0] ?? ""} to ${trend.months.at(-1) ?? ""}`,
    figures: trend,
    option: {
      legend: LEGEND,
      grid: GRID,
      tooltip: {
        trigger: "axis",
        valueFormatter: (value) => formatPercent(typeof value === "number" ? value : null),
      },
      xAxis: categoryAxis(trend.months),
      yAxis: {
        type: "value",
        axisLabel: { formatter: (/** @type {number} */ value) => formatPercent(value, 0) },
      },
      series: [
        { name: "Paid loss ratio", type: "line", data: trend.paid, symbolSize: 6 },
        {
          name: "Incurred loss ratio",
          type: "line",
          data: trend.incurred,
          symbolSize: 6,
          lineStyle: { type: "dashed" },
        },
      ],
    },
  });
};

/** @param {Figures} figures */
const currencyTable = (figures) =>
  dataTable({
    caption: "Loss ratio per currency, all accident periods, as of today",
    id: "loss-ratio-by-currency",
    rows: figures.totals,
    columns: [
      {
        label: "Currency",
        header: true,
        key: "currency",
        cell: (row) => row.currency,
        value: (row) => row.currency,
      },
      {
        label: "Claims",
        numeric: true,
        key: "claimCount",
        cell: (row) => formatCount(row.claimCount),
        value: (row) => row.claimCount,
      },
      {
        label: "Earned",
        numeric: true,
        key: "earnedPremium",
        cell: (row) => formatMoney(row.earnedPremium, row.currency, { compact: true }),
        value: (row) => row.earnedPremium,
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

/** @param {import("../live-feed.js").LiveEvent} event */
const eventItem = (event) => {
  const claimId = event.subject.startsWith("claim-")
    ? event.subject.slice("claim-".length)
    : undefined;
  return h(
    "li",
    { dataset: { position: event.id } },
    h("time", { datetime: event.time }, formatInstant(event.time)),
    " ",
    h("strong", {}, event.type),
    " on ",
    claimId ? h("a", { href: hashOf("claims", [claimId]) }, event.subject) : event.subject,
  );
};

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, context) => {
  const { route, live, signal } = context;
  const headline = h("div", { dataset: { headline: "" } }, notice("Loading the figures…"));
  const trendBox = chartBox("loss-ratio-trend", "tall");
  const currencyPanel = h("div", {});
  const controlBox = h("div", {});
  const events = h("ol", { class: "event-feed", "aria-label": "Events as they happen" });
  const liveNote = h("p", { class: "panel__note" });
  replaceChildren(
    main,
    pageHeader(
      "Overview",
      "Where the claims book stands today: volumes, loss ratios, deadlines and customers.",
      controlBox,
    ),
    headline,
    h(
      "div",
      { class: "grid" },
      panel("Loss ratio trend by accident month", { wide: true, id: "trend" }, trendBox),
      panel("Loss ratio per currency", { id: "currencies" }, currencyPanel),
      panel("Latest events", { id: "live" }, liveNote, events),
    ),
  );
  const fill = async () => {
    const figures = await loadFigures(signal);
    if (signal.aborted) return;
    const currencies = currenciesOf(figures.totals);
    const currency = route.params.get("currency") ?? currencies[0] ?? "CNY";
    replaceChildren(
      controlBox,
      controls(
        "Overview options",
        selectField({
          label: "Currency",
          name: "currency",
          value: currency,
          options: currencies.map((c) => [c, c]),
          onChange: (value) => withParams(route, { currency: value }),
        }),
      ),
    );
    replaceChildren(headline, kpiRow(...headlineFigures(figures, currency)));
    headline.dataset.updatedAt = new Date().toISOString();
    replaceChildren(currencyPanel, currencyTable(figures));
    drawTrend(trendBox, figures, currency);
  };
  try {
    await fill();
  } catch (error) {
    if (!signal.aborted) replaceChildren(headline, errorNotice(error));
    return;
  }
  liveNote.textContent =
    "Events appear here as they are committed (with a key that may read the event stream); the figures refresh with them.";
  let refresh = 0;
  context.onCleanup(
    live.subscribe((liveSignal) => {
      if (liveSignal.kind === "event") {
        events.prepend(eventItem(liveSignal.event));
        while (events.children.length > 8) events.lastElementChild?.remove();
      }
      window.clearTimeout(refresh);
      refresh = window.setTimeout(() => void fill().catch(() => undefined), 1_500);
    }),
  );
  context.onCleanup(() => window.clearTimeout(refresh));
};

/** @type {import("../page-context.js").Page} */
export const overviewPage = { title: "Overview", nav: "overview", render };
