import type { RecordedEvent } from "@claimstream/eventstore";
import { type Kysely, sql } from "kysely";
import { type Projection, projectionSchema } from "../../src/runtime/projection.js";
import { applyProjection } from "./apply-projection.js";

/** Every row of every table of a schema, as JSON, in a canonical order (for equality checks). */
export const snapshotTables = async (
  db: Kysely<unknown>,
  schema: string,
): Promise<Record<string, unknown[]>> => {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${schema} order by table_name`.execute(db);
  const snapshot: Record<string, unknown[]> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: unknown }>`
      select to_jsonb(t) as row from ${sql.table(`${schema}.${table_name}`)} t
      order by to_jsonb(t)::text`.execute(db);
    snapshot[table_name] = rows.rows.map((r) => r.row);
  }
  return snapshot;
};

let runs = 0;

/**
 * Builds a projection's tables twice in fresh schemas, from all events in one go and from the
 * same events applied in two parts split at `splitAt`, and returns both snapshots: the
 * "rebuild from scratch equals the incremental build" check of a read model.
 */
export const buildWholeAndSplit = async <DB>(
  db: Kysely<unknown>,
  projection: Projection<DB>,
  events: readonly RecordedEvent[],
  splitAt: number,
): Promise<{ whole: Record<string, unknown[]>; split: Record<string, unknown[]> }> => {
  runs += 1;
  const whole = { ...projection, name: `${projection.name}_whole_${runs}` };
  const split = { ...projection, name: `${projection.name}_split_${runs}` };
  await applyProjection(db, whole, events);
  await applyProjection(db, split, events.slice(0, splitAt));
  await applyProjection(db, split, events.slice(splitAt));
  const result = {
    whole: await snapshotTables(db, projectionSchema(whole.name)),
    split: await snapshotTables(db, projectionSchema(split.name)),
  };
  for (const name of [whole.name, split.name]) {
    await sql`drop schema ${sql.id(projectionSchema(name))} cascade`.execute(db);
  }
  return result;
};

/**
 * Builds a projection's tables twice in fresh schemas: one event at a time through `handle`
 * (the runtime's one-by-one path), and in consecutive batches of `sizes` (in turn, cycling)
 * through `handleBatch`, one transaction per batch as the runtime does; returns both
 * snapshots: the "any batch size gives the same tables" check of a set-based read model.
 */
export const buildOneByOneAndBatched = async <DB>(
  db: Kysely<unknown>,
  projection: Projection<DB>,
  events: readonly RecordedEvent[],
  sizes: readonly number[],
): Promise<{ oneByOne: Record<string, unknown[]>; batched: Record<string, unknown[]> }> => {
  const { handleBatch } = projection;
  if (handleBatch === undefined) throw new Error(`${projection.name} has no handleBatch`);
  runs += 1;
  const oneByOne = { ...projection, name: `${projection.name}_single_${runs}` };
  const batched = { ...projection, name: `${projection.name}_batched_${runs}` };
  await applyProjection(db, oneByOne, events);
  const schema = projectionSchema(batched.name);
  await sql`create schema ${sql.id(schema)}`.execute(db);
  await projection.migrate(db, schema);
  const wanted = new Set(projection.eventTypes);
  const relevant = events.filter((event) => wanted.has(event.type));
  for (let start = 0, turn = 0; start < relevant.length; turn += 1) {
    const size = sizes[turn % sizes.length] ?? 1;
    const batch = relevant.slice(start, start + size);
    await (db as unknown as Kysely<DB>).transaction().execute(async (tx) => {
      await handleBatch(batch, { db: tx.withSchema(schema), schema, tx });
    });
    start += size;
  }
  const result = {
    oneByOne: await snapshotTables(db, projectionSchema(oneByOne.name)),
    batched: await snapshotTables(db, schema),
  };
  for (const name of [oneByOne.name, batched.name]) {
    await sql`drop schema ${sql.id(projectionSchema(name))} cascade`.execute(db);
  }
  return result;
};
