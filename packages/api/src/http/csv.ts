import type { FastifyRequest } from "fastify";

// Nested objects become dotted columns (`paid.indemnity`), arrays one JSON cell.
const flatten = (
  row: object,
  prefix = "",
  into: Record<string, unknown> = {},
): Record<string, unknown> => {
  for (const [key, value] of Object.entries(row)) {
    const column = prefix === "" ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      flatten(value, column, into);
    else into[column] = value;
  }
  return into;
};

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): text
// cells starting so get a leading apostrophe, which spreadsheets show as text. Numbers, also
// negative ones, stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  const raw = typeof value === "object" ? JSON.stringify(value) : String(value);
  const text = typeof value === "string" && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * Rows as RFC 4180 CSV (CRLF line ends, a header of every column any row has, in order of
 * first appearance). Text that a spreadsheet would run as a formula is escaped.
 *
 * @example
 * ```ts
 * toCsv([{ insurerId: "pm", paid: { indemnity: 5 } }]); // "insurerId,paid.indemnity\r\npm,5\r\n"
 * ```
 */
export const toCsv = (rows: readonly object[]): string => {
  const flat = rows.map((row) => flatten(row));
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  const lines = [
    columns.map(cell).join(","),
    ...flat.map((row) => columns.map((column) => cell(row[column])).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
};

/** Does the caller ask for CSV (`Accept: text/csv`) rather than JSON? */
export const wantsCsv = (request: FastifyRequest): boolean => {
  const accept = request.headers.accept ?? "";
  return (
    /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept.split("text/csv")[0] ?? "")
  );
};
