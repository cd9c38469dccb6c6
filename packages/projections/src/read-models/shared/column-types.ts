import { type ColumnType, type RawBuilder, sql } from "kysely";

/**
 * A money amount in integer minor units, stored as `bigint`. node-postgres reads `bigint` as a
 * string (it may exceed 2^53); queries convert it to a number for their results.
 */
export type MinorUnitsColumn = ColumnType<string, number | string, number | string>;

/** A `bigint` position in the event store's global order; read as a string like any `bigint`. */
export type PositionColumn = ColumnType<string, number | string, number | string>;

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text. */
export type InstantColumn = ColumnType<Date, string, string>;

/**
 * A `date` column (`YYYY-MM-DD`), written as text. node-postgres reads `date` as a local-time
 * `Date`, so queries select it as text (`loss_date::text`) instead of trusting that value.
 */
export type LocalDateColumn = ColumnType<Date, string, string>;

/** Converts a `bigint`/`numeric` value read by node-postgres (a string) to a number. */
export const toNumber = (value: string | number | bigint | null | undefined): number =>
  value === null || value === undefined ? 0 : Number(value);

/** A `date` query parameter from `YYYY-MM-DD` text (typed like the column it is compared to). */
export const dateParam = (date: string): RawBuilder<Date> => sql<Date>`${date}::date`;

/** A `timestamptz` query parameter from ISO 8601 text. */
export const instantParam = (instant: string): RawBuilder<Date> =>
  sql<Date>`${instant}::timestamptz`;

/** A money column with a database default (0): optional on insert. */
export type DefaultedMinorUnitsColumn = ColumnType<
  string,
  number | string | undefined,
  number | string
>;

/**
 * A `timestamptz` column as exact UTC text with microseconds: cursors keep it rather than a
 * JavaScript `Date`, which would drop sub-millisecond digits and break the keyset order.
 */
export const exactInstantSql = (column: string): RawBuilder<string> =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
