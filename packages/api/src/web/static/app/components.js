/**
 * The building blocks every page is made of: page header, panels, headline figures, notices and
 * labelled form controls.
 * @module
 */

import { ApiError } from "./api-client.js";
import { h, uniqueId } from "./dom.js";

/** @typedef {import("./dom.js").Child} Child */

/**
 * The page's title (an `h1` that takes focus after navigation) and a one-line explanation.
 * @param {string} title
 * @param {string} description
 * @param {...Child} actions
 */
export const pageHeader = (title, description, ...actions) =>
  h(
    "header",
    { class: "page-header" },
    h(
      "div",
      {},
      h("h1", { tabindex: "-1" }, title),
      h("p", { class: "page-header__lead" }, description),
    ),
    actions.length > 0 ? h("div", { class: "page-header__actions" }, actions) : null,
  );

/**
 * A titled section; `wide` spans the whole grid row.
 * @param {string} title
 * @param {{ wide?: boolean; id?: string; note?: string }} options
 * @param {...Child} children
 */
export const panel = (title, options, ...children) => {
  const headingId = uniqueId("panel");
  return h(
    "section",
    {
      class: options.wide ? "panel panel--wide" : "panel",
      "aria-labelledby": headingId,
      ...(options.id ? { "data-panel": options.id } : {}),
    },
    h("h2", { id: headingId }, title),
    options.note ? h("p", { class: "panel__note" }, options.note) : null,
    children,
  );
};

/**
 * One headline figure. `value` is the raw number (in `data-value`, for tests and tools),
 * `text` how it reads.
 * @param {{ id: string; label: string; text: string; value: number | null; detail?: string; tone?: "good" | "warn" | "bad" }} figure
 */
export const kpi = ({ id, label, text, value, detail, tone }) =>
  h(
    "div",
    { class: `kpi${tone ? ` kpi--${tone}` : ""}`, dataset: { kpi: id, value: value ?? "" } },
    h("span", { class: "kpi__label" }, label),
    h("strong", { class: "kpi__value" }, text),
    detail ? h("span", { class: "kpi__detail" }, detail) : null,
  );

/**
 * A row of headline figures: as many columns as figures up to five, else four per row.
 * @param {...HTMLElement} figures
 */
export const kpiRow = (...figures) => {
  const row = h("div", { class: "kpis", role: "group", "aria-label": "Headline figures" }, figures);
  row.style.setProperty("--kpi-columns", String(figures.length <= 5 ? figures.length : 4));
  return row;
};

/**
 * A status line: information, or an error.
 * @param {string} text
 * @param {"info" | "error"} [kind]
 */
export const notice = (text, kind = "info") =>
  h("p", { class: `notice notice--${kind}`, role: kind === "error" ? "alert" : "status" }, text);

/**
 * What went wrong, in words for the user: a role without the permission, a missing read
 * model, or the problem's own detail.
 * @param {unknown} error
 */
export const errorNotice = (error) => {
  if (error instanceof ApiError && error.status === 403)
    return notice(`This key may not see this page: ${error.message}.`, "error");
  if (error instanceof ApiError && error.status === 404) return notice(error.message, "error");
  if (error instanceof ApiError && error.status === 503)
    return notice(`The figures are not available right now: ${error.message}.`, "error");
  const message = error instanceof Error ? error.message : String(error);
  return notice(`Could not load the figures: ${message}`, "error");
};

/**
 * A labelled `<select>`.
 * @param {{ label: string; name: string; value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void }} field
 */
export const selectField = ({ label, name, value, options, onChange }) => {
  const id = uniqueId(name);
  const select = h(
    "select",
    { id, name, onChange: () => onChange(select.value) },
    options.map(([optionValue, text]) =>
      h("option", { value: optionValue, selected: optionValue === value }, text),
    ),
  );
  return h("div", { class: "field" }, h("label", { for: id }, label), select);
};

/**
 * A labelled date input (`YYYY-MM-DD`), applied on change.
 * @param {{ label: string; name: string; value: string; max?: string; onChange: (value: string) => void }} field
 */
export const dateField = ({ label, name, value, max, onChange }) => {
  const id = uniqueId(name);
  const input = h("input", {
    id,
    name,
    type: "date",
    value,
    ...(max ? { max } : {}),
    onChange: () => {
      if (input.value !== "") onChange(input.value);
    },
  });
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
};

/**
 * A row of labelled controls.
 * @param {string} label What the controls change (for assistive technology).
 * @param {...Child} fields
 */
export const controls = (label, ...fields) =>
  h("div", { class: "controls", role: "group", "aria-label": label }, fields);

/**
 * An empty box a chart is drawn into, with a fixed height.
 * @param {string} id
 * @param {"short" | "tall"} [size]
 */
export const chartBox = (id, size = "short") =>
  h("div", { class: `chart chart--${size}`, dataset: { chart: id } });
