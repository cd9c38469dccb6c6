import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS } from "../support/test-app.js";
import { checkLabels, checkNoSidewaysScroll, focused } from "./support/accessibility-checks.js";
import { checkLossRatio, checkOverview, openPage } from "./support/analytics-checks.js";
import { apiCsv, apiJson, sendCommand } from "./support/api-client.js";
import { checkStateAsOf, checkTimeline } from "./support/audit-checks.js";
import { DESKTOP, launchBrowser, PHONE } from "./support/browser.js";
import { type DashboardServer, startDashboardServer } from "./support/dashboard-server.js";
import { periodBounds } from "./support/expected-figures.js";
import {
  checkScorecard,
  checkTimeToSettle,
  checkTriangle,
  checkWorkload,
  type TriangleAnswer,
} from "./support/operations-checks.js";
import { columnValues, textsOf, waitForCharts, waitForPage } from "./support/page-readers.js";
import { saveScreenshot, UPDATING_README_SCREENSHOTS } from "./support/screenshots.js";

// A reduced demo data set, in seconds, with figures on every page; the README's screenshots
// show `npm start`'s full one.
const DEMO_SIZE = UPDATING_README_SCREENSHOTS
  ? { policies: 400, claims: 300 }
  : { policies: 80, claims: 40 };

let server: DashboardServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  [server, browser] = await Promise.all([startDashboardServer(DEMO_SIZE), launchBrowser()]);
  page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => {
    // Refused keys (401, 403) are expected in these tests; script errors and CSP refusals not.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      problems.push(message.text());
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// Generous limits: CI runs every package's tests at once on two cores.
describe("the analyst and auditor dashboard in a real browser", { timeout: 60_000 }, () => {
  it("serves the page to browsers and the API index to JSON clients, under the CSP", async () => {
    const html = await fetch(`${server.url}/`, { headers: { accept: "text/html" } });
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await html.text()).toContain('<script src="/web/app/main.js" type="module">');
    expect(await apiJson(server.url, "/")).toMatchObject({ api: "/v1", dashboard: "/" });
    const chartLibrary = await fetch(`${server.url}/web/vendor/echarts.min.js`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(chartLibrary.status).toBe(200);
    expect(chartLibrary.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await fetch(`${server.url}/web/app/missing.js`)).status).toBe(404);
  });

  it("asks for an API key, refuses an unknown one and keeps a good one for the tab only", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector("#api-key");
    await page.type("#api-key", "not-a-key-of-this-server");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      `document.querySelector("#key-status").textContent.includes("does not know")`,
    );
    await page.$eval("#api-key", (input: { value: string }) => {
      input.value = "";
    });
    await page.type("#api-key", KEYS.admin);
    await page.keyboard.press("Enter");
    await waitForPage(page, "overview");
    expect(await page.evaluate(`[sessionStorage.length, localStorage.length]`)).toEqual([1, 0]);
  });

  it("shows the overview's figures and loss-ratio trend as the API computes them", async () => {
    await openPage(page, server.url, "overview", "overview");
    await checkOverview(page, server.url, requests);
    await checkLabels(page);
  });

  it("lists events on the overview as they are committed, without a reload", async () => {
    await page.waitForSelector('#live-status[data-state="streaming"]', { timeout: 20_000 });
    const { items } = await apiJson<{ items: { claimId: string }[] }>(
      server.url,
      "/v1/claims?limit=1",
    );
    const claimId = items[0]?.claimId ?? "";
    const refreshed = await page.$eval(
      "[data-headline]",
      (element: { dataset: Record<string, string> }) => element.dataset.updatedAt,
    );
    const command = { type: "FileComplaint", text: "Nobody called back" };
    expect(await sendCommand(server.url, `/v1/claims/${claimId}/commands`, command)).toBe(200);
    await page.waitForFunction(
      `[...document.querySelectorAll(".event-feed li")].some((item) => item.textContent.includes("ComplaintFiled on claim-${claimId}"))`,
      { timeout: 20_000 },
    );
    // The figures refresh with the event.
    await page.waitForFunction(
      `document.querySelector("[data-headline]").dataset.updatedAt !== "${refreshed}"`,
    );
    await waitForCharts(page);
    await saveScreenshot(page, "overview");
  });

  it("shows loss ratios by insurer and line as of a chosen date, and drills down to the claims", async () => {
    await openPage(page, server.url, "loss-ratio", "loss-ratio");
    await checkLossRatio(page, server.url, today());
    await checkLabels(page);
    await saveScreenshot(page, "loss-ratio");

    const earlier = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    await page.$eval(
      'input[name="asOf"]',
      (input: { value: string; dispatchEvent(event: unknown): boolean }, value: string) => {
        input.value = value;
        input.dispatchEvent(
          new (globalThis as unknown as { Event: new (type: string) => unknown }).Event("change"),
        );
      },
      earlier,
    );
    await page.waitForFunction(
      `(document.querySelector('[data-chart="loss-ratio"]')?.dataset.figures ?? "").includes('"asOf":"${earlier}"')`,
      { timeout: 20_000 },
    );
    await waitForCharts(page);
    await checkLossRatio(page, server.url, earlier);

    const link = '[data-table="loss-ratio"] a[href^="#/claims"]';
    const drill = new URLSearchParams(
      (await page.$eval(link, (a: { hash: string }) => a.hash)).split("?")[1],
    );
    await page.click(link);
    await waitForPage(page, "claims");
    await page.waitForSelector('[data-table="claims"]');
    const { items } = await apiJson<{ items: { claimId: string; lossDate: string }[] }>(
      server.url,
      `/v1/claims?insurerId=${drill.get("insurerId")}&line=${drill.get("line")}&limit=500`,
    );
    const { from, to } = periodBounds(drill.get("lossFrom")?.slice(0, 4) ?? "");
    const inPeriod = items.filter((claim) => claim.lossDate >= from && claim.lossDate <= to);
    expect(inPeriod.length).toBeGreaterThan(0);
    expect(await columnValues(page, "claims", "claimId")).toEqual(
      inPeriod.map((claim) => claim.claimId),
    );
  });

  it("shows the paid triangle with the chain ladder and downloads the API's CSV", async () => {
    await openPage(page, server.url, "triangles", "triangles");
    const currency = await page.$eval(
      'select[name="currency"]',
      (select: { value: string }) => select.value,
    );
    const query = `period=quarter&basis=paid&cost=loss&asOf=${today()}&currency=${currency}`;
    await checkTriangle(
      page,
      await apiJson<TriangleAnswer>(server.url, `/v1/analytics/triangles?${query}`),
    );
    await checkLabels(page);
    await saveScreenshot(page, "triangles");

    const downloads = mkdtempSync(join(tmpdir(), "claimstream-downloads-"));
    const session = await browser.target().createCDPSession();
    await session.send("Browser.setDownloadBehavior", {
      behavior: "allow",
      downloadPath: downloads,
    });
    const button = await page.waitForSelector("::-p-text(Download CSV)");
    await button?.click();
    const file = `triangle-${currency}-quarter-paid-${today()}.csv`;
    await expect.poll(() => readdirSync(downloads), { timeout: 20_000 }).toContain(file);
    const csv = await apiCsv(server.url, `/v1/analytics/triangles?${query}`);
    expect(readFileSync(join(downloads, file), "utf8")).toBe(csv);
  });

  it("shows adjusters' open claims against capacity with the idle ones marked, and the shops", async () => {
    await openPage(page, server.url, "workload", "workload");
    await checkWorkload(page, server.url);
    await saveScreenshot(page, "workload");
  });

  it("shows median and P90 days from FNOL per stage and insurer, and the open claims' ages", async () => {
    await openPage(page, server.url, "time-to-settle", "time-to-settle");
    await checkTimeToSettle(page, server.url);
    await saveScreenshot(page, "time-to-settle");
  });

  it("shows the insurer scorecard", async () => {
    await openPage(page, server.url, "scorecard", "scorecard");
    await checkScorecard(page, server.url);
    await saveScreenshot(page, "insurer-scorecard");
  });

  let claimId = "";

  it("leads from the claims list to a claim's timeline, its chain verified, its state as of any event", async () => {
    await openPage(page, server.url, "claims?status=closed", "claims");
    // The closed claim with the most paid: a long story (repair, payouts), as auditors read one.
    type Closed = { claimId: string; paidIndemnity: number; paidExpense: number };
    const { items } = await apiJson<{ items: Closed[] }>(
      server.url,
      "/v1/claims?status=closed&limit=50",
    );
    const paid = (claim: Closed) => claim.paidIndemnity + claim.paidExpense;
    claimId = [...items].sort((a, b) => paid(b) - paid(a))[0]?.claimId ?? "";
    await page.click(`[data-table="claims"] a[href="#/claims/${claimId}"]`);
    await page.waitForSelector('[data-table="timeline"]');
    await page.waitForSelector("[data-chain]");
    const events = await checkTimeline(page, server.url, claimId);
    await checkStateAsOf(page, server.url, claimId, events, 0);
    await checkStateAsOf(page, server.url, claimId, events, Math.floor(events.length * 0.6));
    await checkLabels(page);
    await page.evaluate("document.activeElement.blur()");
    await saveScreenshot(page, "claim-timeline");
  });

  it("adds an event committed while the timeline is open, without a reload", async () => {
    const before = (await textsOf(page, '[data-table="timeline"] tbody tr')).length;
    const command = { type: "FileComplaint", text: "The repair took too long" };
    expect(await sendCommand(server.url, `/v1/claims/${claimId}/commands`, command)).toBe(200);
    await page.waitForSelector(
      '[data-table="timeline"] tr[data-new="true"][data-type="ComplaintFiled"]',
      { timeout: 20_000 },
    );
    expect(await textsOf(page, '[data-table="timeline"] tbody tr')).toHaveLength(before + 1);
    await page.waitForFunction(
      `document.querySelector("[data-chain]").textContent.includes("${before + 1} events")`,
    );
  });

  it("can be used with the keyboard alone, with a visible focus ring", async () => {
    // A fresh document: keyboard navigation starts at its top.
    await page.goto("about:blank");
    await page.goto(`${server.url}/#/overview`);
    await waitForPage(page, "overview");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ className: "skip-link" });
    expect((await focused(page)).ring).not.toBe("none");
    await page.keyboard.press("Enter");
    expect(await focused(page)).toMatchObject({ id: "main" });
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "SELECT" });
    expect((await focused(page)).ring).not.toBe("none");

    await page.goto("about:blank");
    await page.goto(`${server.url}/#/overview`);
    await waitForPage(page, "overview");
    for (const _link of ["skip link", "brand", "Overview", "Loss ratio", "Triangles"])
      await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await waitForPage(page, "triangles");
    expect(await focused(page)).toMatchObject({ tag: "H1" });
  });

  it("stays readable at a phone's width", async () => {
    await page.setViewport(PHONE);
    await openPage(page, server.url, "overview", "overview");
    await checkNoSidewaysScroll(page, PHONE.width);
    await saveScreenshot(page, "overview-phone");
    await openPage(page, server.url, `claims/${claimId}`, "claims");
    await page.waitForSelector("[data-chain]");
    await checkNoSidewaysScroll(page, PHONE.width);
    await saveScreenshot(page, "claim-timeline-phone", { wholePage: false });
    await page.setViewport(DESKTOP);
  });

  it("tells a key without the analytics permission what it may not see", async () => {
    const context = await browser.createBrowserContext();
    const auditor = await context.newPage();
    await auditor.goto(`${server.url}/`);
    await auditor.waitForSelector("#api-key");
    await auditor.type("#api-key", KEYS.auditor);
    await auditor.keyboard.press("Enter");
    await auditor.waitForSelector(".notice--error");
    expect(await textsOf(auditor, ".notice--error")).toEqual([
      expect.stringContaining("This key may not see this page"),
    ]);
    await context.close();
  });

  it("ran without a script error or a CSP refusal", () => {
    expect(problems).toEqual([]);
  });
});
