import { defaultCategoryOf, type RecordedEvent } from "@claimstream/eventstore";
import type { Projection } from "@claimstream/projections";
import type { Kysely, QueryCreator } from "kysely";
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

// The same rule as the live stream's: tenant metadata first, else the stream's creation event.
const insurerOf = async (
  db: QueryCreator<OutboxTables>,
  event: RecordedEvent,
): Promise<string | null> => {
  if (event.streamPosition === 1) {
    const founder = text(event.data.insurerId) ?? text(event.metadata.tenantId);
    if (founder !== undefined) {
      await db
        .insertInto("stream_insurers")
        .values({ stream_id: event.streamId, insurer_id: founder })
        .onConflict((oc) => oc.column("stream_id").doNothing())
        .execute();
    }
  }
  const tenant = text(event.metadata.tenantId);
  if (tenant !== undefined) return tenant;
  const stream = await db
    .selectFrom("stream_insurers")
    .select("insurer_id")
    .where("stream_id", "=", event.streamId)
    .executeTakeFirst();
  return stream?.insurer_id ?? null;
};

/**
 * The durable webhook outbox: a projection (run by the `ProjectionRuntime`, exactly once per
 * event, checkpointed with its writes) that records a reference to every domain event in global
 * order, with its category, type and insurer. The webhook dispatcher reads it from each
 * subscription's cursor and re-reads the event from the store when it sends, so a payload is
 * never copied and crypto-shredded fields stay erased in deliveries queued before the erasure.
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
  handle: async (event, ctx) => {
    const insurer = await insurerOf(ctx.db, event);
    await ctx.db
      .insertInto("entries")
      .values({
        position: event.globalPosition,
        event_id: event.eventId,
        stream_id: event.streamId,
        stream_position: event.streamPosition,
        category: defaultCategoryOf(event.streamId),
        event_type: event.type,
        insurer_id: insurer,
      })
      .onConflict((oc) => oc.column("position").doNothing())
      .execute();
  },
};
