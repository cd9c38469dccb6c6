/**
 * Accessible data tables: a caption, column headers with `scope`, numbers right-aligned with
 * their raw value in `data-value`, and a focusable scroll box so keyboards can scroll wide
 * tables on a phone.
 * @module
 */

import { h, uniqueId } from "./dom.js";

/** @typedef {import("./dom.js").Child} Child */

/**
 * @template Row
 * @typedef {object} Column
 * @property {Child} label
 * @property {(row: Row) => Child} cell What the cell shows.
 * @property {(row: Row) => number | string | null | undefined} [value] The raw value, in `data-value`.
 * @property {boolean} [numeric] Right-aligned, tabular figures.
 * @property {boolean} [header] The row's header cell (`th scope="row"`).
 * @property {string} [key] A stable name for the column, in `data-column`.
 * @property {(row: Row) => string | undefined} [style] Inline background for heat-map cells.
 */

/**
 * @template Row
 * @param {Column<Row>} column
 * @param {Row} row
 */
const cellOf = (column, row) => {
  const value = column.value?.(row);
  const background = column.style?.(row);
  const cell = h(
    column.header ? "th" : "td",
    {
      ...(column.header ? { scope: "row" } : {}),
      class: column.numeric ? "num" : undefined,
      dataset: { column: column.key, value: value === null ? "" : value },
    },
    column.cell(row),
  );
  if (background !== undefined) cell.style.background = background;
  return cell;
};

/**
 * A table of `rows`.
 *
 * @example
 * dataTable({ caption: "Adjusters", columns: [{ label: "Adjuster", header: true, cell: (r) => r.id }], rows });
 *
 * @template Row
 * @param {{ caption: string; columns: readonly Column<Row>[]; rows: readonly Row[]; footer?: readonly Child[][]; id?: string; empty?: string }} table
 */
export const dataTable = ({ caption, columns, rows, footer, id, empty }) => {
  const captionId = uniqueId("table");
  const table = h(
    "table",
    { class: "data-table", ...(id ? { "data-table": id } : {}) },
    h("caption", { id: captionId }, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        columns.map((column) =>
          h("th", { scope: "col", class: column.numeric ? "num" : undefined }, column.label),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      rows.length === 0
        ? h(
            "tr",
            {},
            h("td", { colspan: columns.length, class: "empty" }, empty ?? "Nothing to show."),
          )
        : rows.map((row) =>
            h(
              "tr",
              {},
              columns.map((column) => cellOf(column, row)),
            ),
          ),
    ),
    footer && footer.length > 0
      ? h(
          "tfoot",
          {},
          footer.map((cells) =>
            h(
              "tr",
              {},
              cells.map((cell, i) =>
                h(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : { class: "num" }, cell),
              ),
            ),
          ),
        )
      : null,
  );
  return h(
    "div",
    { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": captionId },
    table,
  );
};
