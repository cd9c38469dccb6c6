/**
 * The auditor's pieces of a claim timeline: the chain badge, the event table and the state
 * summary. Everything shows the API's own fields; nothing is recomputed here.
 * @module
 */

import { h } from "./dom.js";
import { formatMoney, formatUtc, humanize, shortHash } from "./format.js";

/**
 * @typedef {object} HistoryEvent
 * @property {number} version
 * @property {number} globalPosition
 * @property {string} eventId
 * @property {string} type
 * @property {string} occurredAt Business time.
 * @property {string} recordedAt When the store appended it.
 * @property {{ id: string; role?: string } | null} actor
 * @property {string | null} correlationId
 * @property {string | null} causationId
 * @property {unknown} data
 * @property {string} hash
 * @property {string | null} previousHash
 */

/**
 * @typedef {{ ok: true; streamId: string; eventCount: number; headHash: string | null }
 *   | { ok: false; streamId: string; position: number; reason: string; detail: string }} Verification
 */

/** @typedef {{ amount: number; currency: string }} Money */

/**
 * "Chain verified" or "Chain broken at event n", as `/verify` answered.
 * @param {Verification} verification
 */
export const chainBadge = (verification) =>
  verification.ok
    ? h(
        "span",
        { class: "badge badge--ok", role: "status", dataset: { chain: "verified" } },
        h("span", { "aria-hidden": "true" }, "✓ "),
        `Chain verified: ${verification.eventCount} events, head ${shortHash(verification.headHash)}`,
      )
    : h(
        "span",
        { class: "badge badge--broken", role: "alert", dataset: { chain: "broken" } },
        h("span", { "aria-hidden": "true" }, "✗ "),
        `Chain broken at event ${verification.position}: ${humanize(verification.reason)}`,
        h("span", { class: "badge__detail" }, ` (${verification.detail})`),
      );

/** @param {HistoryEvent["actor"]} actor */
const actorText = (actor) =>
  actor === null
    ? "—"
    : actor.role && actor.role !== actor.id
      ? `${actor.id} (${actor.role})`
      : actor.id;

/**
 * @param {HistoryEvent} event
 * @param {{ future: boolean; fresh: boolean }} flags
 */
const eventRow = (event, { future, fresh }) =>
  h(
    "tr",
    {
      class:
        [future ? "is-future" : "", fresh ? "is-new" : ""].filter(Boolean).join(" ") || undefined,
      dataset: { version: event.version, type: event.type, new: fresh ? "true" : undefined },
    },
    h("td", { class: "num", "data-label": "#" }, String(event.version)),
    h(
      "th",
      { scope: "row", "data-label": "Event" },
      h("span", { class: "event-type" }, event.type),
      h(
        "details",
        {},
        h("summary", {}, "Data"),
        h("pre", { class: "json" }, JSON.stringify(event.data, null, 2)),
      ),
    ),
    h(
      "td",
      { "data-label": "Business time (UTC)" },
      h("time", { datetime: event.occurredAt }, formatUtc(event.occurredAt)),
    ),
    h(
      "td",
      { "data-label": "Recorded (UTC)" },
      h("time", { datetime: event.recordedAt }, formatUtc(event.recordedAt)),
    ),
    h("td", { "data-label": "Actor" }, actorText(event.actor)),
    h(
      "td",
      { "data-label": "Hash" },
      h(
        "code",
        { class: "hash", title: `hash ${event.hash}\nprevious ${event.previousHash ?? "none"}` },
        shortHash(event.hash),
      ),
    ),
  );

/**
 * Every event in stream order; those after the chosen moment dimmed, newly arrived ones marked.
 * @param {readonly HistoryEvent[]} events
 * @param {{ upToVersion: number; freshFrom: number }} marks
 */
export const eventTable = (events, { upToVersion, freshFrom }) =>
  h(
    "div",
    {
      class: "table-scroll table-scroll--cards",
      tabindex: "0",
      role: "region",
      "aria-labelledby": "timeline-caption",
    },
    h(
      "table",
      { class: "data-table timeline", "data-table": "timeline" },
      h(
        "caption",
        { id: "timeline-caption" },
        `${events.length} events in the order they were appended`,
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["#", "Event", "Business time (UTC)", "Recorded (UTC)", "Actor", "Hash"].map((label) =>
            h("th", { scope: "col" }, label),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        events.map((event) =>
          eventRow(event, {
            future: event.version > upToVersion,
            fresh: event.version >= freshFrom,
          }),
        ),
      ),
    ),
  );

/** @param {unknown} value */
const moneyOf = (value) => {
  const money = /** @type {Money | null | undefined} */ (value);
  return money && typeof money.amount === "number"
    ? formatMoney(money.amount, money.currency)
    : "—";
};

/** @param {unknown} pair */
const sumOf = (pair) => {
  const both = /** @type {{ indemnity?: Money; expense?: Money } | null | undefined} */ (pair);
  if (!both?.indemnity) return "—";
  return formatMoney(both.indemnity.amount + (both.expense?.amount ?? 0), both.indemnity.currency);
};

/**
 * The claim state's main facts as a description list, then the whole state as JSON.
 * @param {{ version: number; state: Record<string, unknown> }} snapshot
 */
export const stateSummary = ({ version, state }) => {
  const settlement = /** @type {{ amount?: Money } | null | undefined} */ (state.settlement);
  /** @type {[string, string][]} */
  const facts = [
    ["Status", humanize(String(state.status ?? ""))],
    ["Version", String(version)],
    ["Coverage", humanize(String(state.coverage ?? "pending"))],
    ["Adjuster", String(state.adjusterId ?? "—")],
    ["Case reserve", sumOf(state.reserves)],
    ["Paid", sumOf(state.paid)],
    ["Settlement", moneyOf(settlement?.amount)],
    ["Closed as", state.closedOutcome ? humanize(String(state.closedOutcome)) : "—"],
  ];
  return h(
    "div",
    { class: "state", dataset: { stateVersion: version, status: String(state.status ?? "") } },
    h(
      "dl",
      { class: "facts" },
      facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
    ),
    h(
      "details",
      {},
      h("summary", {}, "The whole state (JSON)"),
      h("pre", { class: "json" }, JSON.stringify(state, null, 2)),
    ),
  );
};
