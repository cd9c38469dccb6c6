import type { EventData, EventFilter } from "../port.js";
import type { StoredEvent, StoredMetadata } from "../stored-event.js";

/**
 * SQL formatting a `timestamptz` column as ISO 8601 in UTC, whatever the session's time zone:
 * milliseconds (`MS`, as `Date.prototype.toISOString` writes it, years 1–9999) or microseconds
 * (`US`, all the column holds). The server formats it, so that a read does not parse a timestamp
 * into a `Date` only to format it again.
 */
export const isoUtc = (column: string, fraction: "MS" | "US" = "MS"): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.${fraction}"Z"')`;

/** `recorded_at` of an event query (milliseconds: recorded times are truncated to them). */
const RECORDED_AT_ISO = isoUtc("e.recorded_at");

/** Columns every event query selects, in the shape {@link toStoredEvent} reads. */
export const EVENT_COLUMNS = `e.global_position::text AS global_position, e.stream_id,
  e.stream_position::text AS stream_position, e.event_id::text AS event_id, e.type, e.data,
  e.metadata, ${RECORDED_AT_ISO} AS recorded_at, e.previous_hash, e.hash`;

/** A row selected with {@link EVENT_COLUMNS}. */
export interface EventRow {
  readonly global_position: string;
  readonly stream_id: string;
  readonly stream_position: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: StoredMetadata;
  /** ISO 8601 in UTC, millisecond precision. */
  readonly recorded_at: string;
  readonly previous_hash: string | null;
  readonly hash: string;
}

/** `bigint` columns arrive as text; positions stay below 2^53 (see ADR 0001). */
export const toSafeNumber = (text: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`Position ${text} exceeds 2^53`);
  return value;
};

/** Maps a selected row to the stored event. */
export const toStoredEvent = (row: EventRow): StoredEvent => ({
  streamId: row.stream_id,
  streamPosition: toSafeNumber(row.stream_position),
  globalPosition: toSafeNumber(row.global_position),
  eventId: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at,
  previousHash: row.previous_hash,
  hash: row.hash,
});

/**
 * SQL conditions and parameters for a `$all` filter, numbered from `firstParameter`.
 * Only present lists become conditions, so the planner can use the category/type indexes.
 */
export const filterConditions = (
  filter: EventFilter | undefined,
  firstParameter: number,
): { readonly sql: string; readonly parameters: readonly (readonly string[])[] } => {
  const conditions: string[] = [];
  const parameters: (readonly string[])[] = [];
  if (filter?.categories !== undefined) {
    parameters.push(filter.categories);
    conditions.push(`AND e.category = ANY($${firstParameter + parameters.length - 1}::text[])`);
  }
  if (filter?.eventTypes !== undefined) {
    parameters.push(filter.eventTypes);
    conditions.push(`AND e.type = ANY($${firstParameter + parameters.length - 1}::text[])`);
  }
  return { sql: conditions.join(" "), parameters };
};
