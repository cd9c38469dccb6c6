import type { Page } from "puppeteer-core";
import { expect } from "vitest";
import { apiJson } from "./api-client.js";
import { textsOf } from "./page-readers.js";

/** One event of `GET /v1/claims/{id}/history`. */
export interface HistoryEvent {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: { id: string } | null;
  readonly hash: string;
}

interface TimelineRow {
  readonly dataset: Record<string, string | undefined>;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  readonly className: string;
}

/** The timeline rows: version, type, the two instants, and whether dimmed or new. */
export const timelineRows = (page: Page) =>
  page.$$eval('[data-table="timeline"] tbody tr', (rows: TimelineRow[]) =>
    rows.map((row) => ({
      version: Number(row.dataset.version),
      type: row.dataset.type,
      times: Array.from(row.querySelectorAll("time"), (time) => time.getAttribute("datetime")),
      future: row.className.includes("is-future"),
    })),
  );

/** Every event of the claim, in order, with both times, actor and hash; the chain badge. */
export const checkTimeline = async (page: Page, baseUrl: string, claimId: string) => {
  const { events } = await apiJson<{ events: HistoryEvent[] }>(
    baseUrl,
    `/v1/claims/${claimId}/history`,
  );
  const rows = await timelineRows(page);
  expect(rows.map(({ version, type, times }) => ({ version, type, times }))).toEqual(
    events.map((event) => ({
      version: event.version,
      type: event.type,
      times: [event.occurredAt, event.recordedAt],
    })),
  );
  expect(await textsOf(page, '[data-table="timeline"] tbody .hash')).toEqual(
    events.map((event) => event.hash.slice(0, 12)),
  );
  const actors = await textsOf(page, '[data-table="timeline"] tbody td[data-label="Actor"]');
  expect(actors.map((text, i) => text.startsWith(events[i]?.actor?.id ?? "—"))).not.toContain(
    false,
  );
  const verification = await apiJson<{ ok: boolean; eventCount: number }>(
    baseUrl,
    `/v1/claims/${claimId}/verify`,
  );
  expect(verification.ok).toBe(true);
  const badge = await page.$eval(
    "[data-chain]",
    (element: { dataset: Record<string, string>; textContent: string }) => ({
      chain: element.dataset.chain,
      text: element.textContent,
    }),
  );
  expect(badge.chain).toBe("verified");
  expect(badge.text).toContain(`Chain verified: ${verification.eventCount} events`);
  return events;
};

/**
 * Moves the "state as of" slider to event `index` (0-based) by keyboard and checks the state
 * shown is the API's `/state?asOf=` at that event's recorded time, the events after it dimmed.
 */
export const checkStateAsOf = async (
  page: Page,
  baseUrl: string,
  claimId: string,
  events: readonly HistoryEvent[],
  index: number,
) => {
  const event = events[index];
  if (event === undefined) throw new Error(`no event ${index}`);
  await page.focus("#as-of");
  await page.keyboard.press("Home");
  for (let step = 0; step < index; step += 1) await page.keyboard.press("ArrowRight");
  await page.waitForSelector(
    `.as-of__state[data-as-of="${event.recordedAt}"] [data-state-version]`,
    { timeout: 20_000 },
  );
  const state = await apiJson<{ version: number; state: { status: string } }>(
    baseUrl,
    `/v1/claims/${claimId}/state?asOf=${encodeURIComponent(event.recordedAt)}`,
  );
  const shown = await page.$eval(
    "[data-state-version]",
    (element: { dataset: Record<string, string> }) => ({
      version: Number(element.dataset.stateVersion),
      status: element.dataset.status,
    }),
  );
  expect(shown).toEqual({ version: state.version, status: state.state.status });
  await page.waitForFunction(
    `[...document.querySelectorAll('[data-table="timeline"] tbody tr.is-future')].length === ${events.length - state.version}`,
  );
  const rows = await timelineRows(page);
  expect(rows.filter((row) => row.future).map((row) => row.version)).toEqual(
    events.filter((later) => later.version > state.version).map((later) => later.version),
  );
};
