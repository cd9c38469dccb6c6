// A tiny projection for the runtime's tests, in plain JavaScript so the crash test's child
// process (plain `node`) can load it too. Types: stream-count-projection.d.mts.
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";

/** Counts events per stream and records every applied position once. */
export const streamCountProjection = (options = {}) => ({
  name: options.name ?? "stream_count",
  version: options.version ?? 1,
  eventTypes: options.eventTypes ?? ["Counted"],
  migrate: async (db, schema) => {
    await db.schema
      .withSchema(schema)
      .createTable("stream_counts")
      .ifNotExists()
      .addColumn("stream_id", "text", (column) => column.primaryKey())
      .addColumn("events", "integer", (column) => column.notNull())
      .addColumn("weight", "integer", (column) => column.notNull())
      .addColumn("last_position", "bigint", (column) => column.notNull())
      .execute();
    await db.schema
      .withSchema(schema)
      .createTable("applied_events")
      .ifNotExists()
      .addColumn("global_position", "bigint", (column) => column.primaryKey())
      .addColumn("stream_id", "text", (column) => column.notNull())
      .execute();
  },
  handle: async (event, ctx) => {
    options.onEvent?.(event);
    if (options.delayMs) await sleep(options.delayMs);
    if (options.failWhen?.(event)) throw new Error(`refusing ${event.type} ${event.eventId}`);
    const weight = (options.weightOf ?? (() => 1))(event);
    await ctx.db
      .insertInto("applied_events")
      .values({ global_position: event.globalPosition, stream_id: event.streamId })
      .execute();
    await ctx.db
      .insertInto("stream_counts")
      .values({ stream_id: event.streamId, events: 1, weight, last_position: event.globalPosition })
      .onConflict((conflict) =>
        conflict.column("stream_id").doUpdateSet({
          events: sql`stream_counts.events + 1`,
          weight: sql`stream_counts.weight + ${weight}`,
          last_position: event.globalPosition,
        }),
      )
      .execute();
  },
});
