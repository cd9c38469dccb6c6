import type { RecordedEvent } from "@claimstream/eventstore";
import { type Kysely, sql } from "kysely";
import { type Projection, projectionSchema } from "../../src/runtime/projection.js";

/**
 * Creates a projection's schema and tables and applies events in one transaction, without the
 * runtime: for read-model tests that check figures, not delivery.
 */
export const applyProjection = async <DB>(
  db: Kysely<unknown>,
  projection: Projection<DB>,
  events: readonly RecordedEvent[],
): Promise<void> => {
  const schema = projectionSchema(projection.name);
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  await projection.migrate(db, schema);
  const wanted = new Set(projection.eventTypes);
  await (db as unknown as Kysely<DB>).transaction().execute(async (tx) => {
    const ctx = { db: tx.withSchema(schema), schema, tx };
    for (const event of events) if (wanted.has(event.type)) await projection.handle(event, ctx);
  });
};
