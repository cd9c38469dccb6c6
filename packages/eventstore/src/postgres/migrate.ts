import type pg from "pg";
import { EVENTSTORE_MIGRATIONS, type Migration } from "./schema.js";

// Any constant works; it only has to be the same in every process migrating this database.
const MIGRATION_LOCK = 7_301_845_210_554_113;

/**
 * Brings the `eventstore` schema up to date: applies the missing {@link EVENTSTORE_MIGRATIONS}
 * in one transaction, under an advisory lock, so concurrent processes do not race; then aligns
 * the global positions with this cluster's transaction counter (a no-op but after a restore).
 * Returns the versions it applied.
 *
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrateEventStore(pool);
 * ```
 */
export const migrateEventStore = async (
  pool: pg.Pool,
  migrations: readonly Migration[] = EVENTSTORE_MIGRATIONS,
): Promise<number[]> => {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS eventstore;
      CREATE TABLE IF NOT EXISTS eventstore.schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>(
      "SELECT version FROM eventstore.schema_migrations",
    );
    const applied = new Set(done.rows.map((row) => row.version));
    const missing = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of missing) {
      await client.query(migration.sql);
      await client.query(
        "INSERT INTO eventstore.schema_migrations (version, name) VALUES ($1, $2)",
        [migration.version, migration.name],
      );
    }
    // After a logical restore into a new cluster, positions continue above the restored ones.
    await client.query(
      "SELECT eventstore.align_positions() WHERE to_regprocedure('eventstore.align_positions()') IS NOT NULL",
    );
    await client.query("COMMIT");
    return missing.map((migration) => migration.version);
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
};
