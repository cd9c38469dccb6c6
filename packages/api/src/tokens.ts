import type { EventStore, ResolvedDatabase } from "@claimstream/eventstore";
import type { ProjectionRuntime } from "@claimstream/projections";
import type { Kysely } from "kysely";
import type pg from "pg";
import type { Logger } from "pino";
import type { AggregateRegistry } from "./aggregates/aggregates.js";
import type { ApiKeyRegistry } from "./auth/api-keys.js";
import type { CalendarRegistry } from "./calendars/calendar-registry.js";
import type { Clock } from "./clock.js";
import type { CommandService } from "./commands/command-service.js";
import type { AppConfig } from "./config.js";
import type { ApiMetrics } from "./observability/metrics.js";
import type { ResolvedKeyring } from "./privacy/keyring.js";
import type { AggregateReader } from "./reads/aggregate-reader.js";
import type { WebhookRepository } from "./webhooks/webhook-repository.js";
import type { IntegrationWorkers } from "./workers/integration-workers.js";

/** A DI token that remembers the type it resolves to. */
export type Token<T> = symbol & { readonly __resolves?: T };

const token = <T>(name: string): Token<T> => Symbol(name) as Token<T>;

/**
 * The tokens of the container the composition root fills. Everything outside
 * `composition-root.ts` receives these; nothing else picks an adapter.
 */
export const TOKENS = {
  config: token<AppConfig>("AppConfig"),
  clock: token<Clock>("Clock"),
  logger: token<Logger>("Logger"),
  eventStore: token<EventStore>("EventStore"),
  /** The PostgreSQL of events (default) and read models; `null` with an injected store. */
  database: token<ResolvedDatabase | null>("Database"),
  /** The PostgreSQL pool (events and read models); `null` with an injected store. */
  pool: token<pg.Pool | null>("PgPool"),
  /** Queries on the read models (same pool); `null` with an injected store. */
  readModels: token<Kysely<unknown> | null>("ReadModels"),
  /** Keeps the read models up to date; `null` with an injected store. */
  projections: token<ProjectionRuntime | null>("ProjectionRuntime"),
  /** The keyring wrapping subject keys and keying request fingerprints. */
  keyring: token<ResolvedKeyring>("Keyring"),
  apiKeys: token<ApiKeyRegistry>("ApiKeyRegistry"),
  aggregates: token<AggregateRegistry>("AggregateRegistry"),
  /** The business calendars, shipped and extended at run time. */
  calendars: token<CalendarRegistry>("CalendarRegistry"),
  reader: token<AggregateReader>("AggregateReader"),
  commands: token<CommandService>("CommandService"),
  metrics: token<ApiMetrics>("ApiMetrics"),
  /** Webhook subscriptions; `null` with an injected store. */
  webhooks: token<WebhookRepository | null>("WebhookRepository"),
  /** Webhook dispatcher and deadline scheduler; `null` with an injected store. */
  integrationWorkers: token<IntegrationWorkers | null>("IntegrationWorkers"),
} as const;
