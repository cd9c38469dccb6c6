// A projection that records how often each event reached it: one row per global position,
// `times` incremented on every delivery. Run beside the read models by projection-worker.mjs,
// it shows directly that no event is lost or applied twice across SIGKILLs.
import { sql } from "kysely";

/** @param {readonly string[]} eventTypes */
export const deliveryAuditProjection = (eventTypes) => ({
  name: "delivery_audit",
  version: 1,
  eventTypes,
  migrate: async (db, schema) => {
    await db.schema
      .withSchema(schema)
      .createTable("deliveries")
      .ifNotExists()
      .addColumn("global_position", "bigint", (col) => col.primaryKey())
      .addColumn("event_id", "uuid", (col) => col.notNull())
      .addColumn("times", "integer", (col) => col.notNull())
      .execute();
  },
  handle: async (event, ctx) => {
    await ctx.db
      .insertInto("deliveries")
      .values({ global_position: event.globalPosition, event_id: event.eventId, times: 1 })
      .onConflict((conflict) =>
        conflict.column("global_position").doUpdateSet({ times: sql`deliveries.times + 1` }),
      )
      .execute();
  },
});
