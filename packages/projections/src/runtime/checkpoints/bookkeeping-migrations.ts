import { type Kysely, type Migration, Migrator, sql } from "kysely";

/** The schema of the runtime's own tables (checkpoints, parked events, kysely's migration log). */
export const BOOKKEEPING_SCHEMA = "projections";

// Any constant works, as long as every process migrating this database uses the same one.
const MIGRATION_LOCK = 5_281_733_650_114_907;

const migrations: Readonly<Record<string, Migration>> = {
  "0001_checkpoints_and_parked_events": {
    up: async (db) => {
      await sql`
        CREATE TABLE projections.checkpoints (
          name                 text NOT NULL,
          slot                 text NOT NULL CHECK (slot IN ('live', 'next')),
          version              integer NOT NULL,
          schema_name          text NOT NULL,
          event_types          text[] NOT NULL DEFAULT '{}',
          position             bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
          events_applied       bigint NOT NULL DEFAULT 0,
          status               text NOT NULL,
          last_event_at        timestamptz,
          rebuild_requested_at timestamptz,
          last_rebuilt_at      timestamptz,
          created_at           timestamptz NOT NULL DEFAULT now(),
          updated_at           timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (name, slot)
        )`.execute(db);
      await sql`
        CREATE TABLE projections.parked_events (
          projection          text NOT NULL,
          slot                text NOT NULL CHECK (slot IN ('live', 'next')),
          global_position     bigint NOT NULL,
          event_id            text NOT NULL,
          stream_id           text NOT NULL,
          stream_position     bigint NOT NULL,
          type                text NOT NULL,
          error               text NOT NULL,
          attempts            integer NOT NULL,
          parked_at           timestamptz NOT NULL DEFAULT now(),
          last_attempt_at     timestamptz NOT NULL DEFAULT now(),
          replay_requested_at timestamptz,
          PRIMARY KEY (projection, slot, global_position)
        )`.execute(db);
    },
  },
};

/**
 * Creates or updates the runtime's bookkeeping tables in schema `projections` with kysely's
 * migrator, under an advisory lock so concurrent workers do not race. Idempotent; the runtime
 * calls it on start, the CLI before it reads.
 *
 * @example
 * ```ts
 * const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
 * await migrateProjectionBookkeeping(db);
 * ```
 */
export const migrateProjectionBookkeeping = async (db: Kysely<unknown>): Promise<void> => {
  await db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      const migrator = new Migrator({
        db: connection,
        provider: { getMigrations: async () => migrations },
        migrationTableSchema: BOOKKEEPING_SCHEMA,
      });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined) throw error;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
};
