/**
 * The limit: a plain table holding what an event store must store (stream, position, id,
 * type, data, metadata, time) with the same keys and indexes as our `eventstore.events`, and
 * writes with plain `pg` and no event-store logic (no stream record, no version check beyond
 * the unique key, no hash chain, no notification).
 */
import pg from "pg";

export const LIMIT_TABLE = `
CREATE TABLE limit_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id       text NOT NULL,
  stream_position bigint NOT NULL,
  category        text NOT NULL,
  event_id        uuid NOT NULL UNIQUE,
  type            text NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, stream_position)
);
CREATE INDEX limit_events_category_idx ON limit_events (category, global_position);
CREATE INDEX limit_events_type_idx ON limit_events (type, global_position);`;

/** A pool on the limit database with the table created. */
export const connectLimit = async (url) => {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => undefined);
  await pool.query(LIMIT_TABLE);
  return pool;
};

const INSERT_ROWS = `
INSERT INTO limit_events (stream_id, stream_position, event_id, category, type, data, metadata)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])`;

/** Inserts limit rows (see workload/event-shapes.mjs) with one `INSERT … SELECT unnest`. */
export const insertRows = (db, rows) =>
  db.query(INSERT_ROWS, [
    rows.map((row) => row.streamId),
    rows.map((row) => row.streamPosition),
    rows.map((row) => row.eventId),
    rows.map((row) => row.category),
    rows.map((row) => row.type),
    rows.map((row) => row.data),
    rows.map((row) => row.metadata),
  ]);
