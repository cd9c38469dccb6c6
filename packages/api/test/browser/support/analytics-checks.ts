import type { Page } from "puppeteer-core";
import { expect } from "vitest";
import { apiJson } from "./api-client.js";
import {
  type CustomerRow,
  expectedCsat,
  expectedSlaRate,
  expectedTrend,
  type LossRatioRow,
  type SlaRow,
  topCurrency,
} from "./expected-figures.js";
import { columnValues, headlineFigures, numberOf, readChart, waitForPage } from "./page-readers.js";

type Rows<T> = { rows: T[] };

/** Opens a page by its hash route and waits until it and its charts are drawn. */
export const openPage = async (page: Page, baseUrl: string, route: string, name: string) => {
  await page.goto(`${baseUrl}/#/${route}`);
  await waitForPage(page, name);
};

/** The page asked the API `path` with these parameters: answer the same URL again. */
export const sameRequest = async <T>(baseUrl: string, requested: string): Promise<T> => {
  const url = new URL(requested);
  return apiJson<T>(baseUrl, `${url.pathname}${url.search}`);
};

/** The overview's headline figures and trend chart against the API. */
export const checkOverview = async (page: Page, baseUrl: string, requests: readonly string[]) => {
  const shown = await headlineFigures(page);
  const openAge = await apiJson<{ total: number }>(baseUrl, "/v1/analytics/open-age");
  expect(shown["open-claims"]).toBe(openAge.total);

  const activity = requests.filter((url) => url.includes("/v1/analytics/claim-activity?from="));
  const fromOf = (url: string) => Date.parse(new URL(url).searchParams.get("from") ?? "");
  const week = activity.find(
    (url) => Math.abs(fromOf(url) - (Date.now() - 7 * 86_400_000)) < 600_000,
  );
  const now = new Date();
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const month = activity.find((url) => fromOf(url) === monthStart);
  expect(week, "a request for the last 7 days").toBeDefined();
  expect(month, "a request from the first of the month").toBeDefined();
  type Activity = { reported: number; settled: number; closed: number };
  expect(shown["new-this-week"]).toBe((await sameRequest<Activity>(baseUrl, week ?? "")).reported);
  const thisMonth = await sameRequest<Activity>(baseUrl, month ?? "");
  expect(shown["settled-this-month"]).toBe(thisMonth.settled);
  expect(shown["closed-this-month"]).toBe(thisMonth.closed);

  const totals = await apiJson<Rows<LossRatioRow>>(baseUrl, "/v1/analytics/loss-ratio?groupBy=");
  const currency = topCurrency(totals.rows);
  const money = totals.rows.find((row) => row.currency === currency);
  expect(shown["paid-loss-ratio"]).toBe(money?.paidLossRatio);
  expect(shown["incurred-loss-ratio"]).toBe(money?.lossRatio);
  const sla = await apiJson<Rows<SlaRow>>(baseUrl, "/v1/analytics/sla-compliance");
  expect(shown["sla-compliance"]).toBeCloseTo(expectedSlaRate(sla.rows), 12);
  const customer = await apiJson<Rows<CustomerRow>>(baseUrl, "/v1/analytics/customer");
  expect(shown.csat).toBeCloseTo(expectedCsat(customer.rows), 12);

  const byMonth = await apiJson<Rows<LossRatioRow>>(
    baseUrl,
    "/v1/analytics/loss-ratio?groupBy=accidentMonth",
  );
  const expected = expectedTrend(byMonth.rows, currency);
  const trend = await readChart<typeof expected>(page, "loss-ratio-trend");
  expect(trend.figures).toMatchObject(expected);
  expect(trend.series.map((series) => series.data)).toEqual([expected.paid, expected.incurred]);
  expect(trend.shapes).toBeGreaterThan(2);
  expect(trend.texts).toEqual(expect.arrayContaining(["Paid loss ratio", "Incurred loss ratio"]));
};

/** The loss-ratio chart and table against the API, as of `asOf`. */
export const checkLossRatio = async (page: Page, baseUrl: string, asOf: string) => {
  const slices = await apiJson<Rows<LossRatioRow>>(
    baseUrl,
    `/v1/analytics/loss-ratio?asOf=${asOf}&groupBy=insurer,line`,
  );
  const currency = topCurrency(slices.rows);
  const mine = slices.rows.filter((row) => row.currency === currency);
  const chart = await readChart<{
    asOf: string;
    slices: string[];
    paid: unknown[];
    incurred: unknown[];
  }>(page, "loss-ratio");
  expect(chart.figures).toEqual({
    currency,
    asOf,
    slices: mine.map((row) => `${row.insurerId}/${row.line}`),
    paid: mine.map((row) => row.paidLossRatio),
    incurred: mine.map((row) => row.lossRatio),
  });
  expect(chart.series.map((series) => series.data)).toEqual([
    mine.map((row) => row.paidLossRatio),
    mine.map((row) => row.lossRatio),
  ]);
  expect(chart.shapes).toBeGreaterThanOrEqual(mine.length * 2);
  const periods = await apiJson<Rows<LossRatioRow>>(
    baseUrl,
    `/v1/analytics/loss-ratio?asOf=${asOf}&groupBy=insurer,line,accidentYear`,
  );
  const listed = periods.rows.filter((row) => row.claimCount > 0 || row.earnedPremium > 0);
  expect((await columnValues(page, "loss-ratio", "lossRatio")).map(numberOf)).toEqual(
    listed.map((row) => row.lossRatio),
  );
  expect(await columnValues(page, "loss-ratio", "period")).toEqual(
    listed.map((row) => row.accidentYear),
  );
};
