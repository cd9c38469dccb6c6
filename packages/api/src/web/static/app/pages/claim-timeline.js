/**
 * A claim's timeline for auditors: every event in order with business and recorded time,
 * actor and hash; the state as of any recorded moment (`/state?asOf=`); whether the hash
 * chain verifies (`/verify`). New events appear as they are committed.
 * @module
 */

import { getJson } from "../api-client.js";
import { chainBadge, eventTable, stateSummary } from "../claim-audit.js";
import { errorNotice, notice, panel } from "../components.js";
import { h, replaceChildren } from "../dom.js";
import { formatRecorded, humanize } from "../format.js";
import { hashOf } from "../router.js";

/** @typedef {import("../claim-audit.js").HistoryEvent} HistoryEvent */
/** @typedef {import("../claim-audit.js").Verification} Verification */

/** @param {string} claimId @param {AbortSignal} signal */
const loadAudit = async (claimId, signal) => {
  const base = `/v1/claims/${encodeURIComponent(claimId)}`;
  const [history, verification] = await Promise.all([
    getJson(`${base}/history`, {}, signal),
    getJson(`${base}/verify`, {}, signal),
  ]);
  return {
    events: /** @type {{ events: HistoryEvent[] }} */ (history).events,
    verification: /** @type {Verification} */ (verification),
  };
};

/** @param {HistoryEvent[]} events */
const claimFacts = (events) => {
  const registered = /** @type {Record<string, unknown>} */ (events[0]?.data ?? {});
  return h(
    "p",
    { class: "page-header__lead" },
    [
      String(registered.insurerId ?? "—"),
      humanize(String(registered.line ?? "")),
      `loss on ${String(registered.lossDate ?? "—")}`,
    ].join(" · "),
  );
};

/**
 * The "state as of" control: a slider over the events, each step the instant its event was
 * recorded; the state shown is what `/state?asOf=` folds from the events recorded by then, and
 * the events after that state are dimmed.
 * @param {string} claimId
 * @param {HistoryEvent[]} events
 * @param {(version: number) => void} onMoment
 * @param {AbortSignal} signal
 */
const asOfControl = (claimId, events, onMoment, signal) => {
  const output = h("output", { id: "as-of-output", for: "as-of", class: "as-of__output" });
  const stateBox = h("div", { class: "as-of__state", "aria-live": "polite" });
  const slider = h("input", {
    id: "as-of",
    type: "range",
    min: 1,
    max: events.length,
    step: 1,
    value: events.length,
    "aria-describedby": "as-of-output",
  });
  let timer = 0;
  let request = 0;
  const show = async () => {
    const event = events[Number(slider.value) - 1];
    if (event === undefined) return;
    const moment = `recorded by ${formatRecorded(event.recordedAt)}`;
    output.textContent = `Event ${event.version} of ${events.length} (${event.type}), ${moment}`;
    slider.setAttribute("aria-valuetext", `event ${event.version}, ${event.type}, ${moment}`);
    const mine = ++request;
    try {
      /** @type {{ version: number; state: Record<string, unknown> }} */
      const snapshot = await getJson(
        `/v1/claims/${encodeURIComponent(claimId)}/state`,
        { asOf: event.recordedAt },
        signal,
      );
      if (mine !== request) return;
      replaceChildren(stateBox, stateSummary(snapshot));
      stateBox.dataset.asOf = event.recordedAt;
      // Events recorded in the same instant as this one are part of the state too.
      onMoment(snapshot.version);
    } catch (error) {
      if (mine === request && !signal.aborted) replaceChildren(stateBox, errorNotice(error));
    }
  };
  slider.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void show(), 150);
  });
  void show();
  return h(
    "div",
    { class: "as-of" },
    h("label", { for: "as-of" }, "State as of"),
    slider,
    output,
    stateBox,
  );
};

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, context) => {
  const { route, live, signal } = context;
  const claimId = route.segments[0] ?? "";
  const badge = h("div", { class: "chain" });
  const facts = h("div", {});
  const asOfBox = h("div", {}, notice("Loading the history…"));
  const eventsBox = h("div", {});
  replaceChildren(
    main,
    h(
      "header",
      { class: "page-header" },
      h(
        "div",
        {},
        h("p", { class: "crumb" }, h("a", { href: hashOf("claims") }, "Claims")),
        h("h1", { tabindex: "-1" }, `Claim ${claimId}`),
        facts,
      ),
      badge,
    ),
    h(
      "div",
      { class: "grid grid--timeline" },
      panel("State as of a moment", { id: "as-of" }, asOfBox),
      panel("Events", { id: "events", wide: true }, eventsBox),
    ),
  );
  let upTo = Number.POSITIVE_INFINITY;
  /** @type {HistoryEvent[]} */
  let events = [];
  let freshFrom = Number.POSITIVE_INFINITY;
  const drawEvents = () =>
    replaceChildren(eventsBox, eventTable(events, { upToVersion: upTo, freshFrom }));
  const refresh = async () => {
    const audit = await loadAudit(claimId, signal);
    if (signal.aborted) return;
    if (events.length > 0 && audit.events.length > events.length) freshFrom = events.length + 1;
    const grew = audit.events.length !== events.length;
    const following = upTo >= events.length;
    events = audit.events;
    if (following) upTo = events.length;
    replaceChildren(badge, chainBadge(audit.verification));
    replaceChildren(facts, claimFacts(events));
    if (grew)
      replaceChildren(
        asOfBox,
        asOfControl(
          claimId,
          events,
          (version) => {
            upTo = version;
            drawEvents();
          },
          signal,
        ),
      );
    drawEvents();
  };
  try {
    await refresh();
  } catch (error) {
    if (!signal.aborted) replaceChildren(asOfBox, errorNotice(error));
    return;
  }
  const streamId = `claim-${claimId}`;
  let pending = 0;
  context.onCleanup(
    live.subscribe((liveSignal) => {
      if (liveSignal.kind === "event" && liveSignal.event.subject !== streamId) return;
      window.clearTimeout(pending);
      pending = window.setTimeout(() => void refresh().catch(() => undefined), 300);
    }),
  );
  context.onCleanup(() => window.clearTimeout(pending));
};

/** @type {import("../page-context.js").Page} */
export const claimTimelinePage = { title: "Claim timeline", nav: "claims", render };
