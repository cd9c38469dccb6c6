/**
 * Claims: the claims list (filtered by insurer, line, accident period, status or adjuster, as
 * the loss-ratio and workload pages drill down here) and the way into a claim's timeline.
 * @module
 */

import { getJson } from "../api-client.js";
import { controls, errorNotice, notice, pageHeader, panel, selectField } from "../components.js";
import { dataTable } from "../data-table.js";
import { h, replaceChildren } from "../dom.js";
import { formatMoney, humanize } from "../format.js";
import { hashOf, withParams } from "../router.js";

/**
 * @typedef {object} ClaimRow
 * @property {string} claimId
 * @property {string} insurerId
 * @property {string} line
 * @property {string} status
 * @property {string} lossDate
 * @property {string} reportedAt
 * @property {string | null} adjusterId
 * @property {string} currency
 * @property {number} incurred
 */

const PAGE_SIZE = 50;
const MAX_PAGES_PER_LOAD = 10;

/** @type {readonly (readonly [string, string])[]} */
const STATUSES = [
  ["", "Any status"],
  ["registered", "Registered"],
  ["coverage_verified", "Coverage verified"],
  ["in_assessment", "In assessment"],
  ["assessed", "Assessed"],
  ["settled", "Settled"],
  ["denied", "Denied"],
  ["closed", "Closed"],
];

/** @param {URLSearchParams} params */
const filtersOf = (params) => ({
  insurerId: params.get("insurerId") ?? undefined,
  line: params.get("line") ?? undefined,
  status: params.get("status") ?? undefined,
  adjusterId: params.get("adjusterId") ?? undefined,
  lossFrom: params.get("lossFrom") ?? undefined,
  lossTo: params.get("lossTo") ?? undefined,
});

/**
 * Pages through the list until `PAGE_SIZE` claims match the accident-period filter (the API
 * filters by report date; a claim is reported on or after its loss date) or the list ends.
 * @param {ReturnType<typeof filtersOf>} filters
 * @param {string | null} cursor
 * @param {AbortSignal} signal
 */
const loadClaims = async (filters, cursor, signal) => {
  /** @type {ClaimRow[]} */
  const claims = [];
  const filtered = filters.lossFrom !== undefined || filters.lossTo !== undefined;
  let next = cursor;
  for (let page = 0; page < MAX_PAGES_PER_LOAD; page += 1) {
    /** @type {{ items: ClaimRow[]; nextCursor: string | null }} */
    const answer = await getJson(
      "/v1/claims",
      {
        insurerId: filters.insurerId,
        line: filters.line,
        status: filters.status,
        adjusterId: filters.adjusterId,
        reportedFrom: filters.lossFrom,
        // Without an accident-period filter every claim of a page is shown: ask for one screenful.
        limit: filtered ? 200 : PAGE_SIZE,
        cursor: next ?? undefined,
      },
      signal,
    );
    claims.push(
      ...answer.items.filter(
        (claim) =>
          (filters.lossFrom === undefined || claim.lossDate >= filters.lossFrom) &&
          (filters.lossTo === undefined || claim.lossDate <= filters.lossTo),
      ),
    );
    next = answer.nextCursor;
    if (next === null || claims.length >= PAGE_SIZE) break;
  }
  return { claims, next };
};

/** @param {readonly ClaimRow[]} claims */
const claimsTable = (claims) =>
  dataTable({
    caption: "Claims, newest report first",
    id: "claims",
    rows: claims,
    empty: "No claim matches these filters.",
    columns: [
      {
        label: "Claim",
        header: true,
        key: "claimId",
        cell: (row) => h("a", { href: hashOf("claims", [row.claimId]) }, row.claimId),
        value: (row) => row.claimId,
      },
      {
        label: "Status",
        key: "status",
        cell: (row) => h("span", { class: `tag tag--${row.status}` }, humanize(row.status)),
        value: (row) => row.status,
      },
      {
        label: "Insurer",
        key: "insurerId",
        cell: (row) => row.insurerId,
        value: (row) => row.insurerId,
      },
      { label: "Line", key: "line", cell: (row) => humanize(row.line), value: (row) => row.line },
      {
        label: "Loss date",
        key: "lossDate",
        cell: (row) => row.lossDate,
        value: (row) => row.lossDate,
      },
      {
        label: "Reported",
        key: "reportedAt",
        cell: (row) => h("time", { datetime: row.reportedAt }, row.reportedAt.slice(0, 10)),
        value: (row) => row.reportedAt,
      },
      {
        label: "Incurred",
        numeric: true,
        key: "incurred",
        cell: (row) => formatMoney(row.incurred, row.currency),
        value: (row) => row.incurred,
      },
      {
        label: "Adjuster",
        key: "adjusterId",
        cell: (row) => row.adjusterId ?? "—",
        value: (row) => row.adjusterId,
      },
    ],
  });

const openClaimForm = () => {
  const input = h("input", {
    id: "claim-id",
    name: "claimId",
    type: "search",
    placeholder: "CLM-00010",
    autocomplete: "off",
    required: true,
  });
  return h(
    "form",
    {
      class: "inline-form",
      role: "search",
      onSubmit: (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        const id = input.value.trim();
        if (id !== "") location.hash = hashOf("claims", [id]);
      },
    },
    h("label", { for: "claim-id" }, "Claim id"),
    input,
    h("button", { class: "button", type: "submit" }, "Open timeline"),
  );
};

/** @param {ReturnType<typeof filtersOf>} filters */
const filterSummary = (filters) => {
  const parts = [
    filters.insurerId && `insurer ${filters.insurerId}`,
    filters.line && `line ${humanize(filters.line)}`,
    filters.lossFrom && `losses from ${filters.lossFrom}`,
    filters.lossTo && `to ${filters.lossTo}`,
    filters.adjusterId && `adjuster ${filters.adjusterId}`,
  ].filter(Boolean);
  return parts.length === 0
    ? null
    : h(
        "p",
        { class: "filters" },
        `Showing ${parts.join(", ")}. `,
        h("a", { href: hashOf("claims") }, "Show all claims"),
      );
};

/** @type {import("../page-context.js").Page["render"]} */
const render = async (main, { route, signal }) => {
  const filters = filtersOf(route.params);
  const listBox = h("div", {}, notice("Loading the claims…"));
  const more = h("div", { class: "more" });
  replaceChildren(
    main,
    pageHeader(
      "Claims and audit",
      "Find a claim, then follow its timeline: every event with business and recorded time, actor and hash.",
      controls(
        "Claim filters",
        selectField({
          label: "Status",
          name: "status",
          value: filters.status ?? "",
          options: STATUSES,
          onChange: (value) => withParams(route, { status: value }),
        }),
      ),
    ),
    h(
      "div",
      { class: "grid" },
      panel("Open a claim", { wide: true, id: "open" }, openClaimForm()),
      panel("Claims", { wide: true, id: "list" }, filterSummary(filters), listBox, more),
    ),
  );
  /** @type {ClaimRow[]} */
  const shown = [];
  /** @param {string | null} cursor */
  const load = async (cursor) => {
    const { claims, next } = await loadClaims(filters, cursor, signal);
    if (signal.aborted) return;
    shown.push(...claims);
    replaceChildren(listBox, claimsTable(shown));
    replaceChildren(
      more,
      next === null
        ? null
        : h(
            "button",
            {
              class: "button button--quiet",
              type: "button",
              onClick: () =>
                void load(next).catch((error) => replaceChildren(more, errorNotice(error))),
            },
            "Load more claims",
          ),
    );
  };
  try {
    await load(null);
  } catch (error) {
    if (!signal.aborted) replaceChildren(listBox, errorNotice(error));
  }
};

/** @type {import("../page-context.js").Page} */
export const claimsPage = { title: "Claims", nav: "claims", render };
