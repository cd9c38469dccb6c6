import type pg from "pg";
import type { EventData } from "../port.js";
import type { StoredMetadata } from "../stored-event.js";
import { migrateEventStore } from "./migrate.js";
import { isoUtc } from "./postgres-rows.js";

/**
 * A logical backup of a PostgreSQL event store: the event log exactly as stored (positions,
 * encrypted personal fields, hashes) and the subject keys still alive, as records written one
 * per line (NDJSON). The streams table is derived again on import; read models are rebuilt
 * from the log.
 *
 * A file is: one `header`, then `event` records in global order, then `subject_key` records,
 * then any records of other owners (the API adds its webhook subscriptions), then one `end`
 * record with the counts. An import without its `end`, or with counts that differ, is refused.
 */
export const EVENT_LOG_FORMAT = "claimstream-event-log";

/** The first record. */
export interface EventLogHeader {
  readonly kind: "header";
  readonly format: typeof EVENT_LOG_FORMAT;
  readonly version: 1;
  /** When the snapshot was taken (the server's clock). */
  readonly takenAt: string;
  /** The highest position in the backup (0: no event). */
  readonly head: string;
}

/** One event as stored. Positions and transaction ids as decimal text (`bigint`). */
export interface EventLogEvent {
  readonly kind: "event";
  readonly globalPosition: string;
  readonly transactionId: string;
  readonly streamId: string;
  readonly streamPosition: string;
  readonly category: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: StoredMetadata;
  /** Microsecond precision, as the column holds it. */
  readonly recordedAt: string;
  readonly previousHash: string | null;
  readonly hash: string;
}

/**
 * A subject's encryption key (base64) as stored, for subjects not forgotten when the backup
 * ran: wrapped under KEK `kekId` (restoring needs the same keyring), or as is when `null`.
 */
export interface EventLogSubjectKey {
  readonly kind: "subject_key";
  readonly subjectId: string;
  readonly keyId: string;
  readonly key: string;
  readonly kekId: string | null;
  readonly createdAt: string;
}

/** The last record: what the file must hold. `other` counts the records of other owners. */
export interface EventLogEnd {
  readonly kind: "end";
  readonly events: number;
  readonly subjectKeys: number;
  readonly other: number;
}

/** A record of another owner, passed through (its `kind` is not one of the above). */
export interface EventLogOther {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** Any record of the event store's own kinds. */
export type EventLogRecord = EventLogHeader | EventLogEvent | EventLogSubjectKey | EventLogEnd;

/** Why an import was refused; nothing was written. */
export class EventLogImportError extends Error {
  constructor(
    readonly code:
      | "backup.target_not_empty"
      | "backup.not_a_backup"
      | "backup.truncated"
      | "backup.count_mismatch"
      | "backup.invalid_record",
    message: string,
  ) {
    super(message);
    this.name = "EventLogImportError";
  }
}

const PAGE = 1_000;

interface EventExportRow {
  readonly global_position: string;
  readonly transaction_id: string;
  readonly stream_id: string;
  readonly stream_position: string;
  readonly category: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: StoredMetadata;
  readonly recorded_at: string;
  readonly previous_hash: string | null;
  readonly hash: string;
}

const toEventRecord = (row: EventExportRow): EventLogEvent => ({
  kind: "event",
  globalPosition: row.global_position,
  transactionId: row.transaction_id,
  streamId: row.stream_id,
  streamPosition: row.stream_position,
  category: row.category,
  eventId: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at,
  previousHash: row.previous_hash,
  hash: row.hash,
});

/**
 * The event store's records of a backup, read in one `REPEATABLE READ` snapshot (writers go on
 * meanwhile; what they commit after the snapshot is not in it), pages of 1,000 events.
 * `more` adds records of other owners, read in the same snapshot, before the `end` record.
 *
 * @example
 * ```ts
 * for await (const record of exportEventLog(pool)) out.write(`${JSON.stringify(record)}\n`);
 * ```
 */
export async function* exportEventLog(
  pool: pg.Pool,
  more?: (client: pg.PoolClient) => AsyncIterable<EventLogOther>,
): AsyncGenerator<EventLogRecord | EventLogOther> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const head = await client.query<{ head: string; taken_at: string }>(
      `SELECT coalesce(max(global_position), 0)::text AS head,
              ${isoUtc("now()", "US")} AS taken_at
       FROM eventstore.events`,
    );
    const { head: top, taken_at } = head.rows[0] as { head: string; taken_at: string };
    yield { kind: "header", format: EVENT_LOG_FORMAT, version: 1, takenAt: taken_at, head: top };
    let after = "0";
    let events = 0;
    for (;;) {
      const page = await client.query<EventExportRow>(
        `SELECT global_position::text, transaction_id::text, stream_id, stream_position::text,
                category, event_id::text, type, data, metadata,
                ${isoUtc("recorded_at", "US")} AS recorded_at,
                previous_hash, hash
         FROM eventstore.events WHERE global_position > $1::bigint
         ORDER BY global_position LIMIT $2`,
        [after, PAGE],
      );
      for (const row of page.rows) yield toEventRecord(row);
      events += page.rows.length;
      const last = page.rows.at(-1);
      if (last === undefined || page.rows.length < PAGE) break;
      after = last.global_position;
    }
    const keys = await client.query<{
      subject_id: string;
      key_id: string;
      key: string;
      kek_id: string | null;
      created_at: string;
    }>(
      `SELECT subject_id, key_id::text, encode(key, 'base64') AS key, kek_id,
              ${isoUtc("created_at", "US")} AS created_at
       FROM eventstore.subject_keys ORDER BY subject_id`,
    );
    for (const row of keys.rows) {
      yield {
        kind: "subject_key",
        subjectId: row.subject_id,
        keyId: row.key_id,
        key: row.key.replaceAll("\n", ""),
        kekId: row.kek_id,
        createdAt: row.created_at,
      };
    }
    let other = 0;
    if (more !== undefined) {
      for await (const record of more(client)) {
        other += 1;
        yield record;
      }
    }
    await client.query("COMMIT");
    yield { kind: "end", events, subjectKeys: keys.rows.length, other };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** What {@link importEventLog} restored. */
export interface EventLogImport {
  readonly events: number;
  readonly streams: number;
  readonly subjectKeys: number;
  readonly other: number;
  /** The backup's highest position. */
  readonly head: number;
}

const EVENT_COLUMNS = [
  "global_position",
  "transaction_id",
  "stream_id",
  "stream_position",
  "category",
  "event_id",
  "type",
  "data",
  "metadata",
  "recorded_at",
  "previous_hash",
  "hash",
] as const;

const eventValues = (event: EventLogEvent): unknown[] => [
  event.globalPosition,
  event.transactionId,
  event.streamId,
  event.streamPosition,
  event.category,
  event.eventId,
  event.type,
  JSON.stringify(event.data),
  JSON.stringify(event.metadata),
  event.recordedAt,
  event.previousHash,
  event.hash,
];

const CASTS = [
  "::bigint",
  "::xid8",
  "",
  "::bigint",
  "",
  "::uuid",
  "",
  "::jsonb",
  "::jsonb",
  "::timestamptz",
  "",
  "",
];

const insertEvents = async (client: pg.PoolClient, batch: readonly EventLogEvent[]) => {
  if (batch.length === 0) return;
  const width = EVENT_COLUMNS.length;
  const rows = batch.map(
    (_, row) =>
      `(${EVENT_COLUMNS.map((__, column) => `$${row * width + column + 1}${CASTS[column]}`).join(", ")})`,
  );
  await client.query(
    `INSERT INTO eventstore.events (${EVENT_COLUMNS.join(", ")}) VALUES ${rows.join(", ")}`,
    batch.flatMap(eventValues),
  );
};

const isRecord = (value: unknown): value is { readonly kind: string } =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { kind?: unknown }).kind === "string";

/**
 * Restores a backup into an empty event store, in one transaction: a refused or broken file
 * (no `end`, counts that differ, the store not empty) leaves the database as it was. Brings the
 * schema up to date first, derives the streams table from the events, keeps every position
 * (so the checkpoints of restored read models and webhook cursors stay valid) and aligns the
 * positions with this cluster's transaction counter (migration 5), so writes go on above them.
 * Records of other owners go to `other`, inside the same transaction.
 *
 * @example
 * ```ts
 * const report = await importEventLog(pool, readRecords("claims.ndjson.gz"));
 * ```
 */
export const importEventLog = async (
  pool: pg.Pool,
  records: AsyncIterable<unknown>,
  other?: (client: pg.PoolClient, record: EventLogOther) => Promise<void>,
): Promise<EventLogImport> => {
  await migrateEventStore(pool);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // No append may interleave with the restore.
    await client.query("LOCK TABLE eventstore.events IN EXCLUSIVE MODE");
    const existing = await client.query("SELECT 1 FROM eventstore.events LIMIT 1");
    if (existing.rows.length > 0) {
      throw new EventLogImportError(
        "backup.target_not_empty",
        "The target event store already holds events: restore into an empty database",
      );
    }
    const counts = { events: 0, subjectKeys: 0, other: 0 };
    let header: EventLogHeader | undefined;
    let end: EventLogEnd | undefined;
    let batch: EventLogEvent[] = [];
    for await (const record of records) {
      if (!isRecord(record) || end !== undefined) {
        throw new EventLogImportError(
          "backup.invalid_record",
          end === undefined ? "A line is not a backup record" : "Records after the end record",
        );
      }
      if (header === undefined) {
        if (record.kind !== "header" || (record as EventLogHeader).format !== EVENT_LOG_FORMAT) {
          throw new EventLogImportError(
            "backup.not_a_backup",
            `The file does not start with a ${EVENT_LOG_FORMAT} header`,
          );
        }
        header = record as EventLogHeader;
        continue;
      }
      if (record.kind === "event") {
        batch.push(record as EventLogEvent);
        counts.events += 1;
        if (batch.length >= 500) {
          await insertEvents(client, batch);
          batch = [];
        }
      } else if (record.kind === "subject_key") {
        const key = record as EventLogSubjectKey;
        await client.query(
          `INSERT INTO eventstore.subject_keys (subject_id, key_id, key, kek_id, created_at)
           VALUES ($1, $2::uuid, decode($3, 'base64'), $4, $5::timestamptz)`,
          [key.subjectId, key.keyId, key.key, key.kekId ?? null, key.createdAt],
        );
        counts.subjectKeys += 1;
      } else if (record.kind === "end") {
        end = record as EventLogEnd;
      } else {
        await insertEvents(client, batch);
        batch = [];
        if (other === undefined) {
          throw new EventLogImportError(
            "backup.invalid_record",
            `Records of kind ${record.kind} need their owner's importer`,
          );
        }
        await other(client, record as EventLogOther);
        counts.other += 1;
      }
    }
    await insertEvents(client, batch);
    if (header === undefined || end === undefined) {
      throw new EventLogImportError(
        "backup.truncated",
        "The file ends before its end record: it was cut short",
      );
    }
    if (
      end.events !== counts.events ||
      end.subjectKeys !== counts.subjectKeys ||
      end.other !== counts.other
    ) {
      throw new EventLogImportError(
        "backup.count_mismatch",
        `The end record promises ${end.events} events, ${end.subjectKeys} keys and ${end.other} other records; the file holds ${counts.events}, ${counts.subjectKeys} and ${counts.other}`,
      );
    }
    const streams = await client.query(
      `INSERT INTO eventstore.streams (stream_id, category, version, last_hash, created_at, updated_at)
       SELECT DISTINCT ON (stream_id) stream_id, category, stream_position, hash,
              first_value(recorded_at) OVER (PARTITION BY stream_id ORDER BY stream_position),
              recorded_at
       FROM eventstore.events ORDER BY stream_id, stream_position DESC`,
    );
    await client.query("SELECT eventstore.align_positions()");
    await client.query("COMMIT");
    return { ...counts, streams: streams.rowCount ?? 0, head: Number(header.head) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
