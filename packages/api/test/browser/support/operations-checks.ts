import type { Page } from "puppeteer-core";
import { expect } from "vitest";
import { apiJson } from "./api-client.js";
import { columnValues, headlineFigures, numberOf, readChart, textsOf } from "./page-readers.js";

type Rows<T> = { rows: T[] };

/** The triangles endpoint's answer, as far as the page shows it. */
export interface TriangleAnswer {
  readonly origins: string[];
  readonly ages: number[];
  readonly paid: (number | null)[][];
  readonly chainLadder: {
    readonly factors: (number | null)[];
    readonly latest: number[];
    readonly ibnr: number[];
    readonly totalIbnr: number;
  };
}

/** The heat-map table, factors, IBNR and chart against the API's triangle. */
export const checkTriangle = async (page: Page, answer: TriangleAnswer) => {
  expect(await columnValues(page, "triangle", "origin")).toEqual(answer.origins);
  for (const [k, age] of answer.ages.entries()) {
    const cells = (await columnValues(page, "triangle", `age${age}`)).map(numberOf);
    expect(cells, `age ${age}`).toEqual(answer.paid.map((row) => row[k] ?? null));
  }
  const factors = await page.$$eval(
    "[data-factor]",
    (spans: { dataset: Record<string, string> }[]) =>
      spans.map((span) => Number(span.dataset.value)),
  );
  expect(factors).toEqual(answer.chainLadder.factors.filter((factor) => factor !== null));
  const total = await page.$eval(
    '[data-total="ibnr"]',
    (span: { dataset: Record<string, string> }) => span.dataset.value,
  );
  expect(numberOf(total)).toBe(answer.chainLadder.totalIbnr);
  const chart = await readChart<{ latest: number[]; ibnr: number[] }>(page, "triangle-ultimates");
  expect(chart.figures).toMatchObject({
    latest: answer.chainLadder.latest,
    ibnr: answer.chainLadder.ibnr,
  });
  const whole = (values: number[]) => values.map((value) => Math.round(value / 100));
  expect(chart.series.map((series) => series.data)).toEqual([
    whole(answer.chainLadder.latest),
    whole(answer.chainLadder.ibnr),
  ]);
  expect(chart.shapes).toBeGreaterThanOrEqual(answer.origins.length);
};

interface AdjusterRow {
  readonly adjusterId: string;
  readonly openClaims: number;
  readonly capacity: number;
  readonly idle: boolean;
}
interface ShopRow {
  readonly vehiclesInWork: number;
  readonly waitingForParts: number;
  readonly idleTechnicians: string[];
}

/** Adjusters' load against capacity (idle ones marked) and the shops' figures. */
export const checkWorkload = async (page: Page, baseUrl: string) => {
  const { adjusters } = await apiJson<{ adjusters: AdjusterRow[] }>(
    baseUrl,
    "/v1/analytics/adjuster-workload",
  );
  const idle = adjusters.filter((row) => row.idle).map((row) => row.adjusterId);
  const chart = await readChart<Record<string, unknown>>(page, "adjusters");
  expect(chart.figures).toEqual({
    adjusters: adjusters.map((row) => row.adjusterId),
    openClaims: adjusters.map((row) => row.openClaims),
    capacity: adjusters.map((row) => row.capacity),
    idle,
  });
  const openSeries = chart.series.find((series) => series.name === "Open claims");
  expect(openSeries?.data).toEqual(adjusters.map((row) => row.openClaims));
  expect(chart.texts.filter((text) => text === "idle")).toHaveLength(idle.length);
  expect(chart.texts).toEqual(expect.arrayContaining(adjusters.map((row) => row.adjusterId)));
  const shops = await apiJson<Rows<ShopRow>>(baseUrl, "/v1/analytics/shop-workload");
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  expect(await headlineFigures(page)).toMatchObject({
    "idle-adjusters": idle.length,
    "vehicles-in-work": sum(shops.rows.map((row) => row.vehiclesInWork)),
    "waiting-for-parts": sum(shops.rows.map((row) => row.waitingForParts)),
    "idle-technicians": sum(shops.rows.map((row) => row.idleTechnicians.length)),
  });
  expect(await textsOf(page, '[data-table="adjusters"] .tag--idle')).toHaveLength(idle.length);
};

const STAGES = ["firstContact", "assessment", "settlement", "firstPayment", "close"] as const;
type StageFigures = { medianDays: number | null; p90Days: number | null };
interface SettleRow {
  readonly group: string;
  readonly stages: Record<(typeof STAGES)[number], StageFigures>;
}

/** Median and P90 per stage and insurer, and the open-age buckets. */
export const checkTimeToSettle = async (page: Page, baseUrl: string) => {
  const { rows } = await apiJson<Rows<SettleRow>>(
    baseUrl,
    "/v1/analytics/time-to-settle?groupBy=insurer",
  );
  for (const [chartId, measure] of [
    ["median-days", "medianDays"],
    ["p90-days", "p90Days"],
  ] as const) {
    const expected = rows.map((row) => STAGES.map((stage) => row.stages[stage][measure]));
    const chart = await readChart<{ series: { data: unknown[] }[] }>(page, chartId);
    expect(chart.figures.series.map((series) => series.data)).toEqual(expected);
    expect(chart.series.map((series) => series.data)).toEqual(expected);
    expect(chart.series.map((series) => series.name)).toEqual(rows.map((row) => row.group));
  }
  const buckets = await apiJson<Record<string, number>>(baseUrl, "/v1/analytics/open-age");
  const ages = await readChart<{ values: number[] }>(page, "open-age");
  expect(ages.figures.values).toEqual([
    buckets.days0to7,
    buckets.days8to30,
    buckets.days31to60,
    buckets.over60,
  ]);
  expect(ages.series[0]?.data).toEqual(ages.figures.values);
};

interface ScorecardRow {
  readonly insurerId: string;
  readonly handoverToPayment: { medianDays: number | null };
  readonly assessmentDisputes: { rate: number | null };
  readonly supplements: { approvalRate: number | null };
}

/** The insurer scorecard's charts against the API. */
export const checkScorecard = async (page: Page, baseUrl: string) => {
  const { rows } = await apiJson<Rows<ScorecardRow>>(baseUrl, "/v1/analytics/insurer-scorecard");
  const payment = await readChart<{ insurers: string[]; medianDays: unknown[] }>(
    page,
    "handover-to-payment",
  );
  expect(payment.figures).toMatchObject({
    insurers: rows.map((row) => row.insurerId),
    medianDays: rows.map((row) => row.handoverToPayment.medianDays),
  });
  expect(payment.series[0]?.data).toEqual(rows.map((row) => row.handoverToPayment.medianDays));
  const rates = await readChart<Record<string, unknown>>(page, "dispute-and-supplement-rates");
  expect(rates.series.map((series) => series.data)).toEqual([
    rows.map((row) => row.assessmentDisputes.rate),
    rows.map((row) => row.supplements.approvalRate),
  ]);
};
