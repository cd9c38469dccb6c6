import { type Kysely, type Migration, Migrator, sql } from "kysely";

/** The schema of the webhook tables (subscriptions, delivery log, dead letters). */
export const WEBHOOK_SCHEMA = "webhooks";

// Any constant works, as long as every process migrating this database uses the same one.
const MIGRATION_LOCK = 7_390_114_206_538_121;

const migrations: Readonly<Record<string, Migration>> = {
  "0001_subscriptions_deliveries_dead_letters": {
    up: async (db) => {
      await sql`
        CREATE TABLE webhooks.subscriptions (
          id              text PRIMARY KEY,
          url             text NOT NULL,
          secret          text NOT NULL,
          insurer_id      text,
          categories      text[] NOT NULL DEFAULT '{}',
          event_types     text[] NOT NULL DEFAULT '{}',
          description     text,
          created_by      text NOT NULL,
          created_at      timestamptz NOT NULL DEFAULT now(),
          position        bigint NOT NULL CHECK (position >= 0),
          attempts        integer NOT NULL DEFAULT 0,
          next_attempt_at timestamptz,
          last_error      text
        )`.execute(db);
      await sql`
        CREATE TABLE webhooks.deliveries (
          id               bigserial PRIMARY KEY,
          subscription_id  text NOT NULL REFERENCES webhooks.subscriptions (id) ON DELETE CASCADE,
          event_position   bigint NOT NULL,
          event_id         text NOT NULL,
          event_type       text NOT NULL,
          attempt          integer NOT NULL,
          outcome          text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'dead_lettered')),
          redelivery       boolean NOT NULL DEFAULT false,
          http_status      integer,
          error            text,
          duration_ms      integer NOT NULL,
          attempted_at     timestamptz NOT NULL DEFAULT now()
        )`.execute(db);
      await sql`CREATE INDEX deliveries_by_subscription
        ON webhooks.deliveries (subscription_id, id DESC)`.execute(db);
      await sql`
        CREATE TABLE webhooks.dead_letters (
          subscription_id        text NOT NULL REFERENCES webhooks.subscriptions (id) ON DELETE CASCADE,
          event_position         bigint NOT NULL,
          event_id               text NOT NULL,
          stream_id              text NOT NULL,
          stream_position        bigint NOT NULL,
          event_type             text NOT NULL,
          attempts               integer NOT NULL,
          last_error             text NOT NULL,
          dead_at                timestamptz NOT NULL DEFAULT now(),
          redeliver_requested_at timestamptz,
          PRIMARY KEY (subscription_id, event_position)
        )`.execute(db);
    },
  },
};

/**
 * Creates or updates the webhook tables in schema `webhooks` (kysely's migrator, under an
 * advisory lock so concurrent processes do not race). Idempotent; `Application.migrate()`
 * runs it.
 *
 * @example
 * ```ts
 * await migrateWebhooks(new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }));
 * ```
 */
export const migrateWebhooks = async (db: Kysely<unknown>): Promise<void> => {
  await db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      const migrator = new Migrator({
        db: connection,
        provider: { getMigrations: async () => migrations },
        migrationTableSchema: WEBHOOK_SCHEMA,
      });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined) throw error;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
};
