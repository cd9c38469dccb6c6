import type { Migration } from "./migration.js";

/**
 * Migration 5 of the event store schema: global positions that survive a logical restore.
 *
 * Positions derive from transaction ids (ADR 0001), and a dump restored into a new cluster
 * brings positions from a transaction counter the new cluster has not reached: migration 4's
 * function then refused every write (`ES500`), and readers, which compared the rows'
 * `transaction_id` with the oldest running transaction, hid every restored event. Now:
 *
 * - `eventstore.position_offset` holds one number, added to the transaction id:
 *   `global_position = (transaction id + offset) × 65536 + ordinal`. It is 0 until a restore.
 * - `eventstore.align_positions()`, when the stored positions are ahead of the counter, moves the
 *   offset up so that every transaction still able to write gets positions above them (checked
 *   under a row lock: it moves once per restore, and so every position stays unique).
 *   `migrateEventStore` calls it on every start and the append function when it finds the
 *   positions ahead. It only ever grows.
 * - Readers take the barrier as a position, `(oldest running transaction + offset) × 65536`,
 *   and compare `global_position` with it: restored rows (whatever their `transaction_id`) lie
 *   below it, new rows exactly when their transaction has ended. Restored positions are kept,
 *   so the checkpoints of a restored read-model database stay valid.
 *
 * Migration 3's four-argument function becomes a wrapper of this one, so a process of the
 * previous release running during an upgrade writes with the offset too.
 */
const POSITION_OFFSET_MIGRATION = `
CREATE TABLE eventstore.position_offset (
  only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  transactions bigint NOT NULL DEFAULT 0 CHECK (transactions >= 0)
);
INSERT INTO eventstore.position_offset DEFAULT VALUES;

CREATE FUNCTION eventstore.align_positions() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_offset bigint;
  v_top    bigint;
BEGIN
  SELECT o.transactions INTO v_offset FROM eventstore.position_offset o FOR UPDATE;
  -- Checked again under the lock: an aligner that committed meanwhile may have settled it, and
  -- moving the offset twice would hand out positions a transaction with an older id had.
  SELECT coalesce(max(e.global_position), 0) INTO v_top FROM eventstore.events e;
  IF v_top >= (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + v_offset) * 65536 THEN
    -- Every transaction that may still append has an id at or above the oldest running one.
    v_offset := v_top / 65536 + 1 - pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
    UPDATE eventstore.position_offset SET transactions = v_offset;
  END IF;
  RETURN v_offset;
END $$;
CREATE OR REPLACE FUNCTION eventstore.append_to_stream(
  p_stream_id text, p_category text, p_expected_version text, p_events jsonb, p_check_ids boolean
) RETURNS TABLE (position_in_stream bigint, position_in_all bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_count      bigint := jsonb_array_length(p_events);
  v_version    bigint;
  v_hash       text;
  v_existing   record;
  v_base       bigint;
  v_offset     bigint;
  v_recorded   timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_ms         bigint;
  v_digests    text[];
  v_previous   text[] := '{}';
  v_hashes     text[] := '{}';
BEGIN
  INSERT INTO eventstore.streams (stream_id, category) VALUES (p_stream_id, p_category)
    ON CONFLICT (stream_id) DO NOTHING;
  SELECT s.version, s.last_hash INTO v_version, v_hash
    FROM eventstore.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;

  IF p_check_ids THEN
    SELECT count(e.event_id) AS found,
           array_agg(e.stream_id ORDER BY x.ord) AS streams,
           array_agg(e.stream_position ORDER BY x.ord) AS positions,
           array_agg(e.global_position ORDER BY x.ord) AS globals
      INTO v_existing
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, ord)
      CROSS JOIN LATERAL (
        SELECT k.event_id, k.stream_id, k.stream_position, k.global_position
        FROM eventstore.events k WHERE k.event_id = (x.event->>'eventId')::uuid LIMIT 1) e;
    IF v_existing.found > 0 THEN
      IF v_existing.found = v_count AND NOT EXISTS (
        SELECT 1 FROM unnest(v_existing.streams, v_existing.positions) WITH ORDINALITY AS y(sid, pos, ord)
        WHERE y.sid <> p_stream_id OR y.pos <> v_existing.positions[1] + y.ord - 1
      ) THEN
        RETURN QUERY SELECT y.pos, y.glob FROM unnest(v_existing.positions, v_existing.globals) AS y(pos, glob);
        RETURN;
      END IF;
      RAISE EXCEPTION 'event ids already used' USING ERRCODE = 'ES422';
    END IF;
  END IF;

  IF NOT (p_expected_version = 'any'
      OR (p_expected_version = 'no_stream' AND v_version = 0)
      OR (p_expected_version = 'stream_exists' AND v_version > 0)
      OR (p_expected_version ~ '^[0-9]+$' AND p_expected_version::bigint = v_version)) THEN
    RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ES409', DETAIL = v_version::text;
  END IF;

  -- Positions derive from transaction ids plus the offset, so none may come out below a stored
  -- one. That happens only after a logical restore into a new cluster, whose transaction
  -- counter starts low again: the offset is then moved up (once, under a row lock).
  SELECT o.transactions INTO v_offset FROM eventstore.position_offset o;
  IF (SELECT max(e.global_position) FROM eventstore.events e)
      >= (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + v_offset) * 65536 THEN
    v_offset := eventstore.align_positions();
  END IF;
  v_base := (pg_current_xact_id()::text::bigint + v_offset) * 65536;
  -- Earlier appends of this same transaction already used some of its 65535 positions.
  SELECT coalesce(max(e.global_position), v_base) INTO v_base
    FROM eventstore.events e WHERE e.global_position BETWEEN v_base AND v_base + 65535;
  IF (v_base % 65536) + v_count > 65535 THEN
    RAISE EXCEPTION 'more than 65535 events in one transaction' USING ERRCODE = 'ES413';
  END IF;

  v_ms := (extract(epoch FROM v_recorded) * 1000)::bigint;
  SELECT array_agg(x.event->>'digest' ORDER BY x.ord) INTO v_digests
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, ord);
  FOR i IN 1..v_count LOOP
    v_previous[i] := v_hash;
    v_hash := encode(sha256(convert_to(
      coalesce(v_hash, '') || E'\\n' || (v_version + i)::text || E'\\n' || v_ms::text
        || E'\\n' || v_digests[i], 'UTF8')), 'hex');
    v_hashes[i] := v_hash;
  END LOOP;

  INSERT INTO eventstore.events (global_position, transaction_id, stream_id, stream_position,
      category, event_id, type, data, metadata, recorded_at, previous_hash, hash)
    SELECT v_base + x.ord, pg_current_xact_id(), p_stream_id, v_version + x.ord, p_category,
      (x.event->>'eventId')::uuid, x.event->>'type', x.event->'data', x.event->'metadata',
      v_recorded, v_previous[x.ord], v_hashes[x.ord]
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, ord);

  UPDATE eventstore.streams s SET version = v_version + v_count, last_hash = v_hash, updated_at = v_recorded
    WHERE s.stream_id = p_stream_id;
  RETURN QUERY SELECT v_version + o, v_base + o FROM generate_series(1::bigint, v_count) AS o;
END $$;

CREATE OR REPLACE FUNCTION eventstore.append_to_stream(
  p_stream_id text, p_category text, p_expected_version text, p_events jsonb
) RETURNS TABLE (position_in_stream bigint, position_in_all bigint)
LANGUAGE sql AS $$
  SELECT * FROM eventstore.append_to_stream(p_stream_id, p_category, p_expected_version, p_events, true)
$$;
`;

export const MIGRATION_0005: Migration = {
  version: 5,
  name: "positions survive a logical restore: a transaction offset, aligned on start",
  sql: POSITION_OFFSET_MIGRATION,
};
