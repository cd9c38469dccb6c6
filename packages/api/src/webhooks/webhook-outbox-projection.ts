import { defaultCategoryOf, type RecordedEvent } from "@claimstream/eventstore";
import {
  type Projection,
  type ProjectionContext,
  type RecordsetTarget,
  writeRecordsets,
} from "@claimstream/projections";
import { type Kysely, type QueryCreator, sql } from "kysely";
import { ALL_EVENT_TYPES } from "../streams/domain-events.js";

/** The projection's name; its tables live in schema `rm_webhook_outbox`. */
export const WEBHOOK_OUTBOX = "webhook_outbox";

/** `entries`: one row per domain event, a reference to it (never its data). */
export interface OutboxEntryTable {
  /** The event's global position, as text (pg's `bigint`). */
  readonly position: string | number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_position: string | number;
  readonly category: string;
  readonly event_type: string;
  /** The event's insurer (tenant metadata, else its stream's); `null` when unknown. */
  readonly insurer_id: string | null;
}

/** `stream_insurers`: the insurer of each stream, from its creation event. */
export interface StreamInsurerTable {
  readonly stream_id: string;
  readonly insurer_id: string;
}

/** The outbox's tables. */
export interface OutboxTables {
  readonly entries: OutboxEntryTable;
  readonly stream_insurers: StreamInsurerTable;
}

const migrateOutbox = async (db: Kysely<unknown>, schema: string): Promise<void> => {
  const ddl = db.schema.withSchema(schema);
  await ddl
    .createTable("entries")
    .ifNotExists()
    .addColumn("position", "bigint", (col) => col.primaryKey())
    .addColumn("event_id", "text", (col) => col.notNull())
    .addColumn("stream_id", "text", (col) => col.notNull())
    .addColumn("stream_position", "bigint", (col) => col.notNull())
    .addColumn("category", "text", (col) => col.notNull())
    .addColumn("event_type", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text")
    .execute();
  await ddl
    .createIndex("entries_by_insurer")
    .ifNotExists()
    .on("entries")
    .columns(["insurer_id", "position"])
    .execute();
  await ddl
    .createTable("stream_insurers")
    .ifNotExists()
    .addColumn("stream_id", "text", (col) => col.primaryKey())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .execute();
};

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

// A stream's insurer comes from its creation event: its `insurerId`, else its tenant.
const founderOf = (event: RecordedEvent): string | undefined =>
  event.streamPosition === 1
    ? (text(event.data.insurerId) ?? text(event.metadata.tenantId))
    : undefined;

// The insurers already stored for the streams whose events carry no tenant, in one query.
const loadStreamInsurers = async (
  db: QueryCreator<OutboxTables>,
  events: readonly RecordedEvent[],
): Promise<Map<string, string>> => {
  const streamIds = new Set<string>();
  for (const event of events) {
    if (text(event.metadata.tenantId) === undefined) streamIds.add(event.streamId);
  }
  if (streamIds.size === 0) return new Map();
  const rows = await db
    .selectFrom("stream_insurers")
    .select(["stream_id", "insurer_id"])
    .where(sql<boolean>`stream_id = any(${[...streamIds]}::text[])`)
    .execute();
  return new Map(rows.map((row) => [row.stream_id, row.insurer_id]));
};

/** A batch's outbox rows: the streams it founds and one entry per event. */
interface OutboxRows {
  readonly founders: StreamInsurerTable[];
  readonly entries: OutboxEntryTable[];
}

// The same rule as the live stream's: tenant metadata first, else the stream's creation event.
// `insurers` starts as the stored rows and gains the batch's founders in order, as the table
// would (a stored row wins, like ON CONFLICT DO NOTHING), so later events see earlier founders.
const foldOutboxRows = (
  events: readonly RecordedEvent[],
  insurers: Map<string, string>,
): OutboxRows => {
  const rows: OutboxRows = { founders: [], entries: [] };
  for (const event of events) {
    const founder = founderOf(event);
    if (founder !== undefined && !insurers.has(event.streamId)) {
      insurers.set(event.streamId, founder);
      rows.founders.push({ stream_id: event.streamId, insurer_id: founder });
    }
    rows.entries.push({
      position: event.globalPosition,
      event_id: event.eventId,
      stream_id: event.streamId,
      stream_position: event.streamPosition,
      category: defaultCategoryOf(event.streamId),
      event_type: event.type,
      insurer_id: text(event.metadata.tenantId) ?? insurers.get(event.streamId) ?? null,
    });
  }
  return rows;
};

const ENTRIES: Omit<RecordsetTarget, "schema"> = {
  table: "entries",
  columns: [
    ["position", "bigint"],
    ["event_id", "text"],
    ["stream_id", "text"],
    ["stream_position", "bigint"],
    ["category", "text"],
    ["event_type", "text"],
    ["insurer_id", "text"],
  ],
  key: ["position"],
  onConflict: "nothing",
};

const STREAM_INSURERS: Omit<RecordsetTarget, "schema"> = {
  table: "stream_insurers",
  columns: [
    ["stream_id", "text"],
    ["insurer_id", "text"],
  ],
  key: ["stream_id"],
  onConflict: "nothing",
};

// One statement whatever the batch size (`writeRecordsets`: JSON recordsets, the founders'
// insert joined to the entries' as data-modifying WITH parts).
const writeOutboxRows = (
  { schema, tx }: ProjectionContext<OutboxTables>,
  { founders, entries }: OutboxRows,
): Promise<void> =>
  writeRecordsets(tx, [
    { target: { ...STREAM_INSURERS, schema }, rows: founders },
    { target: { ...ENTRIES, schema }, rows: entries },
  ]);

// Set-based: at most two statements whatever the batch size (the stored insurers of the
// streams whose events carry no tenant, then one write of the founded streams and the
// entries), leaving exactly the tables that applying the events one at a time would.
const handleOutboxBatch = async (
  events: readonly RecordedEvent[],
  ctx: ProjectionContext<OutboxTables>,
): Promise<void> => {
  if (events.length === 0) return;
  const insurers = await loadStreamInsurers(ctx.db, events);
  await writeOutboxRows(ctx, foldOutboxRows(events, insurers));
};

/**
 * The durable webhook outbox: a projection (run by the `ProjectionRuntime`, exactly once per
 * event, checkpointed with its writes) that records a reference to every domain event in global
 * order, with its category, type and insurer. The webhook dispatcher reads it from each
 * subscription's cursor and re-reads the event from the store when it sends, so a payload is
 * never copied and crypto-shredded fields stay erased in deliveries queued before the erasure.
 * It is set-based: a batch of events costs at most two statements (`handle` is a batch of one).
 *
 * @example
 * ```ts
 * new ProjectionRuntime({ store, pool, projections: [...READ_MODEL_PROJECTIONS, webhookOutboxProjection] });
 * ```
 */
export const webhookOutboxProjection: Projection<OutboxTables> = {
  name: WEBHOOK_OUTBOX,
  version: 1,
  eventTypes: ALL_EVENT_TYPES,
  migrate: migrateOutbox,
  handle: (event, ctx) => handleOutboxBatch([event], ctx),
  handleBatch: handleOutboxBatch,
};
