import type { Migration } from "./migration.js";

// Migration 1: the tables, the append-only triggers and the first append function.

const tables = `
CREATE TABLE eventstore.streams (
  stream_id   text PRIMARY KEY,
  category    text NOT NULL,
  version     bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
  last_hash   text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE eventstore.events (
  global_position bigint PRIMARY KEY,
  transaction_id  xid8 NOT NULL,
  stream_id       text NOT NULL,
  stream_position bigint NOT NULL CHECK (stream_position >= 1),
  category        text NOT NULL,
  event_id        uuid NOT NULL,
  type            text NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL,
  previous_hash   text,
  hash            text NOT NULL,
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_position_key UNIQUE (stream_id, stream_position)
);
CREATE INDEX events_category_position_idx ON eventstore.events (category, global_position);
CREATE INDEX events_type_position_idx ON eventstore.events (type, global_position);

CREATE TABLE eventstore.subject_keys (
  subject_id  text PRIMARY KEY,
  key_id      uuid NOT NULL UNIQUE,
  key         bytea NOT NULL CHECK (octet_length(key) = 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION eventstore.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'eventstore.events is append-only: % refused', TG_OP USING ERRCODE = 'ES403';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON eventstore.events
  FOR EACH ROW EXECUTE FUNCTION eventstore.refuse_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON eventstore.events
  FOR EACH STATEMENT EXECUTE FUNCTION eventstore.refuse_event_change();
`;

// One call appends a whole batch: lock the stream row, replay or check the expected version,
// chain the hashes, insert, notify. Positions derive from the transaction id (ADR 0001).
const appendFunction = `
CREATE FUNCTION eventstore.append_to_stream(
  p_stream_id text, p_category text, p_expected_version text, p_events jsonb
) RETURNS TABLE (position_in_stream bigint, position_in_all bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_count      bigint := jsonb_array_length(p_events);
  v_version    bigint;
  v_hash       text;
  v_existing   record;
  v_base       bigint;
  v_recorded   timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_ms         bigint;
  v_previous   text[] := '{}';
  v_hashes     text[] := '{}';
  v_event      jsonb;
  v_index      bigint := 0;
BEGIN
  INSERT INTO eventstore.streams (stream_id, category) VALUES (p_stream_id, p_category)
    ON CONFLICT (stream_id) DO NOTHING;
  SELECT s.version, s.last_hash INTO v_version, v_hash
    FROM eventstore.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;

  SELECT count(e.event_id) AS found,
         array_agg(e.stream_id ORDER BY x.ord) AS streams,
         array_agg(e.stream_position ORDER BY x.ord) AS positions,
         array_agg(e.global_position ORDER BY x.ord) AS globals
    INTO v_existing
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, ord)
    JOIN eventstore.events e ON e.event_id = (x.event->>'eventId')::uuid;
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

  IF NOT (p_expected_version = 'any'
      OR (p_expected_version = 'no_stream' AND v_version = 0)
      OR (p_expected_version = 'stream_exists' AND v_version > 0)
      OR (p_expected_version ~ '^[0-9]+$' AND p_expected_version::bigint = v_version)) THEN
    RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ES409', DETAIL = v_version::text;
  END IF;

  -- Positions derive from transaction ids, so none may come from a transaction this cluster has
  -- not started yet: that happens after a logical restore into a new cluster (docs/eventstore.md).
  IF (SELECT max(e.global_position) FROM eventstore.events e)
      >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint * 65536 THEN
    RAISE EXCEPTION 'global positions are ahead of this cluster''s transaction counter'
      USING ERRCODE = 'ES500', HINT = 'Advance the transaction id with pg_resetwal; see docs/eventstore.md';
  END IF;
  v_base := pg_current_xact_id()::text::bigint * 65536;
  -- Earlier appends of this same transaction already used some of its 65535 positions.
  SELECT coalesce(max(e.global_position), v_base) INTO v_base
    FROM eventstore.events e WHERE e.global_position BETWEEN v_base AND v_base + 65535;
  IF (v_base % 65536) + v_count > 65535 THEN
    RAISE EXCEPTION 'more than 65535 events in one transaction' USING ERRCODE = 'ES413';
  END IF;

  v_ms := (extract(epoch FROM v_recorded) * 1000)::bigint;
  FOR v_event IN SELECT x.event FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, ord) ORDER BY x.ord LOOP
    v_index := v_index + 1;
    v_previous := v_previous || v_hash;
    v_hash := encode(sha256(convert_to(
      coalesce(v_hash, '') || E'\\n' || (v_version + v_index)::text || E'\\n' || v_ms::text
        || E'\\n' || (v_event->>'digest'), 'UTF8')), 'hex');
    v_hashes := v_hashes || v_hash;
  END LOOP;

  INSERT INTO eventstore.events (global_position, transaction_id, stream_id, stream_position,
      category, event_id, type, data, metadata, recorded_at, previous_hash, hash)
    SELECT v_base + x.ord, pg_current_xact_id(), p_stream_id, v_version + x.ord, p_category,
      (x.event->>'eventId')::uuid, x.event->>'type', x.event->'data', x.event->'metadata',
      v_recorded, v_previous[x.ord], v_hashes[x.ord]
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, ord);

  UPDATE eventstore.streams s SET version = v_version + v_count, last_hash = v_hash, updated_at = v_recorded
    WHERE s.stream_id = p_stream_id;
  PERFORM pg_notify('eventstore_events', p_category);
  RETURN QUERY SELECT v_version + o, v_base + o FROM generate_series(1::bigint, v_count) AS o;
END $$;
`;

/** Migration 1: events, streams, subject keys, the append function. */
export const MIGRATION_0001: Migration = {
  version: 1,
  name: "events, streams, subject keys, append function",
  sql: tables + appendFunction,
};
