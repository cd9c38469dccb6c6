import "reflect-metadata";
import {
  type EventStore,
  migrateEventStore,
  PostgresEventStore,
  type ResolvedDatabase,
  resolveDatabase,
} from "@claimstream/eventstore";
import { ProjectionRuntime } from "@claimstream/projections";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { type Logger, pino } from "pino";
import {
  type DependencyContainer,
  instanceCachingFactory,
  container as rootContainer,
} from "tsyringe";
import { createAggregateRegistry, type DeciderConfigs } from "./aggregates/aggregates.js";
import { ApiKeyRegistry } from "./auth/api-keys.js";
import { CalendarRegistry } from "./calendars/calendar-registry.js";
import { type Clock, systemClock } from "./clock.js";
import { CommandService } from "./commands/command-service.js";
import { followUpReactor } from "./commands/follow-up-reactor.js";
import { ProcessManagerRunner } from "./commands/process-manager-runner.js";
import type { ApiKeyConfig, AppConfig } from "./config.js";
import { calendarDaysLeft } from "./observability/calendar-horizon.js";
import { LOG_SERIALIZERS } from "./observability/log-serializers.js";
import { ApiMetrics } from "./observability/metrics.js";
import { assertKeyringCovers, type ResolvedKeyring, resolveKeyring } from "./privacy/keyring.js";
import { PERSONAL_DATA } from "./privacy/personal-data.js";
import { READ_MODEL_PROJECTIONS } from "./read-models/read-model-projections.js";
import { AggregateReader } from "./reads/aggregate-reader.js";
import { deciderConfigsFor } from "./scheduler/sla-deadline-rules.js";
import { runningEmbeddedDatabase } from "./shared-embedded-database.js";
import { TOKENS, type Token } from "./tokens.js";
import { migrateWebhooks } from "./webhooks/webhook-migrations.js";
import { webhookOutboxProjection } from "./webhooks/webhook-outbox-projection.js";
import type { IntegrationWorkers } from "./workers/integration-workers.js";
import { registerIntegrations } from "./workers/register-integrations.js";

/** Choices a caller (a test, the demo) may make instead of the configuration's. */
export interface CompositionOverrides {
  /** An event store to use as is (e.g. `new MemoryEventStore()`); no database is started. */
  readonly store?: EventStore;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Keys instead of `CLAIMSTREAM_API_KEYS` (start passes the generated demo key here). */
  readonly apiKeys?: readonly ApiKeyConfig[];
  readonly deciders?: DeciderConfigs;
  /** Collect Node's default process metrics (default `true`). */
  readonly defaultMetrics?: boolean;
}

/** What {@link Application.migrate} did. */
export interface MigrationReport {
  /** Where events live. */
  readonly events: "postgres" | "eventstoredb" | "injected";
  /** Event store schema versions applied now (empty: already up to date). */
  readonly eventStoreVersions: readonly number[];
}

/** The composed application: its container and how to release what it holds. */
export interface Application {
  readonly config: AppConfig;
  readonly container: DependencyContainer;
  /** Resolves a dependency by its {@link TOKENS} token, typed. */
  get<T>(token: Token<T>): T;
  /** Brings the PostgreSQL schemas up to date (idempotent, safe across processes). */
  migrate(): Promise<MigrationReport>;
  /** Closes the event store and the pool, and stops an embedded PostgreSQL. */
  close(): Promise<void>;
}

interface Infrastructure {
  readonly store: EventStore;
  readonly keyring: ResolvedKeyring;
  readonly database: ResolvedDatabase | null;
  readonly pool: pg.Pool | null;
  readonly events: MigrationReport["events"];
  readonly readModels: Kysely<unknown> | null;
}

// Events in PostgreSQL by default, in EventStoreDB with EVENTSTORE_URL; read models always
// live in PostgreSQL (DATABASE_URL or the embedded server in the data directory).
// Loaded only when chosen: the EventStoreDB client brings gRPC along.
const connectEventStoreDb = async (connectionString: string): Promise<EventStore> => {
  const { EventStoreDbEventStore } = await import("@claimstream/eventstore/eventstoredb");
  return EventStoreDbEventStore.connect({ connectionString, personalData: PERSONAL_DATA });
};

// The pool is the composition root's, shared by the event store and the projections. Without
// DATABASE_URL, a server already running on the data directory is used before starting one.
const connectInfrastructure = async (
  config: AppConfig,
  logger: Logger,
): Promise<Infrastructure> => {
  const keyring = await resolveKeyring(config);
  const databaseUrl = config.databaseUrl ?? (await runningEmbeddedDatabase(config));
  const database = await resolveDatabase({
    env: { DATABASE_URL: databaseUrl },
    embedded: { dataDir: config.dataDir },
  });
  const pool = new pg.Pool({ connectionString: database.connectionString, max: 20 });
  // An idle client's error (the server restarting or shutting down) must not crash the process;
  // the pool drops that client and the next query reconnects.
  pool.on("error", (error) =>
    pool.ending
      ? logger.debug({ err: error }, "connection closed by the stopping server")
      : logger.warn({ err: error }, "idle PostgreSQL connection lost"),
  );
  // A checked-out client has no pool listener: when the server goes away between two of its
  // queries (a transaction in progress, a LISTEN session), its 'error' would crash the process.
  // The query in flight (or the next one) fails instead, and the pool discards the client.
  pool.on("connect", (client) =>
    client.on("error", (error) => logger.debug({ err: error }, "PostgreSQL connection lost")),
  );
  try {
    const events = config.eventStoreUrl === undefined ? "postgres" : "eventstoredb";
    const store =
      config.eventStoreUrl === undefined
        ? await PostgresEventStore.connect({
            pool,
            migrate: false,
            personalData: PERSONAL_DATA,
            ...(keyring.keyring === null ? {} : { keyWrapper: keyring.keyring }),
          })
        : await connectEventStoreDb(config.eventStoreUrl);
    logger.info({ events, database: database.source }, "event store connected");
    // Kysely shares the pool (and never ends it: `close()` does).
    const readModels = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    return { store, keyring, database, pool, events, readModels };
  } catch (error) {
    await pool.end();
    await database.stop();
    throw error;
  }
};

const registerServices = (
  container: DependencyContainer,
  overrides: CompositionOverrides,
): void => {
  const get = <T>(token: Token<T>) => container.resolve<T>(token);
  const sla = get(TOKENS.config).integrations.deadlines.sla;
  const calendars = new CalendarRegistry(get(TOKENS.logger));
  container.register(TOKENS.calendars, { useValue: calendars });
  const deciders = overrides.deciders ?? deciderConfigsFor(sla);
  container.register(TOKENS.aggregates, {
    // Deadlines count on the calendars as extended at run time.
    useValue: createAggregateRegistry({
      ...deciders,
      claim: { ...deciders.claim, calendars: calendars.lookup },
    }),
  });
  const metrics = new ApiMetrics({ defaultMetrics: overrides.defaultMetrics ?? true });
  metrics.trackCalendars(() => calendarDaysLeft(get(TOKENS.clock), calendars.lookup));
  container.register(TOKENS.metrics, { useValue: metrics });
  container.register(TOKENS.reader, {
    useFactory: instanceCachingFactory(() => new AggregateReader(get(TOKENS.eventStore))),
  });
  container.register(TOKENS.commands, {
    useFactory: instanceCachingFactory(
      () =>
        new CommandService({
          store: get(TOKENS.eventStore),
          aggregates: get(TOKENS.aggregates),
          reader: get(TOKENS.reader),
          processManager: new ProcessManagerRunner(get(TOKENS.eventStore), get(TOKENS.logger)),
          clock: get(TOKENS.clock),
          logger: get(TOKENS.logger),
          metrics: get(TOKENS.metrics),
          fingerprintSecret: get(TOKENS.keyring).keyring?.fingerprintSecret,
        }),
    ),
  });
};

/**
 * The composition root: the one place where the event store adapter, the database, the clock,
 * the logger and the configuration are chosen. Everything else receives them from the
 * container. Connects the store before returning; {@link Application.migrate} brings the
 * database schemas up to date.
 *
 * @example
 * ```ts
 * const app = await composeApplication(loadConfig(process.env));
 * const commands = app.get(TOKENS.commands);
 * // …
 * await app.close();
 * ```
 */
export const composeApplication = async (
  config: AppConfig,
  overrides: CompositionOverrides = {},
): Promise<Application> => {
  const logger =
    overrides.logger ??
    pino({ level: config.logLevel, name: "claimstream", serializers: LOG_SERIALIZERS });
  const infrastructure: Infrastructure =
    overrides.store === undefined
      ? await connectInfrastructure(config, logger)
      : {
          store: overrides.store,
          keyring: { keyring: null, source: "none" },
          database: null,
          pool: null,
          events: "injected",
          readModels: null,
        };
  const container = rootContainer.createChildContainer();
  container.register(TOKENS.config, { useValue: config });
  container.register(TOKENS.logger, { useValue: logger });
  container.register(TOKENS.clock, { useValue: overrides.clock ?? systemClock });
  container.register(TOKENS.eventStore, { useValue: infrastructure.store });
  container.register(TOKENS.keyring, { useValue: infrastructure.keyring });
  // Factories, not values: tsyringe refuses `useValue: null` (no database with an injected store).
  container.register(TOKENS.database, { useFactory: () => infrastructure.database });
  container.register(TOKENS.pool, { useFactory: () => infrastructure.pool });
  container.register(TOKENS.readModels, { useFactory: () => infrastructure.readModels });
  container.register(TOKENS.projections, {
    useFactory: instanceCachingFactory((resolver) => {
      const { pool, store } = infrastructure;
      if (pool === null) return null;
      // The read models, the webhook outbox and the process manager's durable reactor.
      const reactor = followUpReactor({
        store,
        aggregates: resolver.resolve(TOKENS.aggregates),
        commands: () => resolver.resolve(TOKENS.commands),
      });
      return new ProjectionRuntime({
        store,
        pool,
        projections: [...READ_MODEL_PROJECTIONS, webhookOutboxProjection, reactor],
        logger: logger.child({ component: "projections" }),
      });
    }),
  });
  container.register(TOKENS.apiKeys, {
    useValue: new ApiKeyRegistry(overrides.apiKeys ?? config.apiKeys ?? []),
  });
  registerServices(container, overrides);
  registerIntegrations(container);
  let closed = false;
  return {
    config,
    container,
    get: <T>(token: Token<T>) => container.resolve<T>(token),
    migrate: async () => {
      const eventStoreVersions =
        infrastructure.events === "postgres" && infrastructure.pool !== null
          ? await migrateEventStore(infrastructure.pool)
          : [];
      if (infrastructure.readModels !== null) await migrateWebhooks(infrastructure.readModels);
      await assertKeyringCovers(infrastructure.store, infrastructure.keyring);
      await container.resolve<CalendarRegistry>(TOKENS.calendars).follow(infrastructure.store);
      return { events: infrastructure.events, eventStoreVersions };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await container.resolve<IntegrationWorkers | null>(TOKENS.integrationWorkers)?.stop();
      await container.resolve<CalendarRegistry>(TOKENS.calendars).stop();
      await container.resolve<ProjectionRuntime | null>(TOKENS.projections)?.stop();
      await infrastructure.store.close();
      await infrastructure.pool?.end();
      await infrastructure.database?.stop();
    },
  };
};
