import { type Kysely, sql } from "kysely";
import { promoteParkedEvents } from "../parking/parked-event-store.js";
import { projectionSchema } from "../projection.js";
import { rebuildSchema, retiredSchema } from "../projection-names.js";
import type { ProjectionsDatabase } from "./bookkeeping-tables.js";
import {
  type CheckpointFence,
  deleteCheckpoint,
  lockCheckpoint,
  type SlotRef,
} from "./checkpoint-store.js";

type Db = Kysely<ProjectionsDatabase>;

/** Does the schema exist? */
export const schemaExists = async (db: Db, schema: string): Promise<boolean> => {
  const result = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${schema}) AS found`.execute(db);
  return result.rows[0]?.found === true;
};

/** Creates the schema when missing. */
export const ensureSchema = async (db: Db, schema: string): Promise<void> => {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
};

/** Drops the schema and everything in it, when it exists. */
export const dropSchema = async (db: Db, schema: string): Promise<void> => {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
};

/** Starts the schema over, empty. */
export const recreateSchema = async (db: Db, schema: string): Promise<void> => {
  await dropSchema(db, schema);
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
};

/**
 * The blue/green swap. In one transaction, with both checkpoints locked and fenced (so no
 * batch of the live slot can commit in between): `rm_<name>` becomes `rm_<name>__old`, the
 * rebuilt `rm_<name>__next` becomes `rm_<name>`, the live checkpoint takes the rebuild's
 * position and version, and the rebuild's parked events replace the live ones. Readers see
 * the old tables until the commit and the new ones after it. The old schema is dropped after
 * the commit, so the swap never waits on a long query still reading the old tables.
 */
export const swapRebuiltSchema = async (
  db: Db,
  name: string,
  live: CheckpointFence,
  next: CheckpointFence,
): Promise<void> => {
  const liveRef: SlotRef = { name, slot: "live", schema: projectionSchema(name) };
  const nextRef: SlotRef = { name, slot: "next", schema: rebuildSchema(name) };
  await db.transaction().execute(async (tx) => {
    await lockCheckpoint(tx, liveRef, live);
    const rebuilt = await lockCheckpoint(tx, nextRef, next);
    if (await schemaExists(tx, liveRef.schema)) {
      await dropSchema(tx, retiredSchema(name));
      await sql`ALTER SCHEMA ${sql.id(liveRef.schema)} RENAME TO ${sql.id(retiredSchema(name))}`.execute(
        tx,
      );
    }
    await sql`ALTER SCHEMA ${sql.id(nextRef.schema)} RENAME TO ${sql.id(liveRef.schema)}`.execute(
      tx,
    );
    await tx
      .updateTable("projections.checkpoints")
      .set({
        position: rebuilt.position,
        version: rebuilt.version,
        events_applied: rebuilt.eventsApplied,
        last_event_at: rebuilt.lastEventAt === undefined ? null : new Date(rebuilt.lastEventAt),
        rebuild_requested_at: null,
        last_rebuilt_at: sql<Date>`clock_timestamp()`,
        updated_at: sql<Date>`now()`,
      })
      .where("name", "=", name)
      .where("slot", "=", "live")
      .execute();
    await promoteParkedEvents(tx, name);
    await deleteCheckpoint(tx, name, "next");
  });
  await dropSchema(db, retiredSchema(name));
};
