/**
 * `@claimstream/eventstore`: the event store port, its PostgreSQL (default) and in-memory
 * adapters, and the command handler that runs deciders against it. The EventStoreDB adapter is
 * its own entry point, `@claimstream/eventstore/eventstoredb`, so that applications not using
 * it do not load its gRPC client.
 *
 * @packageDocumentation
 */
export {
  type AggregateCache,
  type AggregateCacheOptions,
  type CachedAggregate,
  createAggregateCache,
} from "./aggregate-cache.js";
export { canonicalJson } from "./canonical-json.js";
export { type CategoryOf, defaultCategoryOf } from "./category.js";
export {
  type CommandFailure,
  type CommandHandler,
  type CommandHandlerOptions,
  type CommandMetadata,
  type CommandResult,
  createCommandHandler,
  type DomainEventLike,
  type HandleCommandOptions,
  idempotentEventId,
} from "./command-handler.js";
export { type Decider, foldEvents } from "./decider.js";
export {
  ConcurrencyError,
  EventIdConflictError,
  IdempotencyKeyReusedError,
  isConcurrencyError,
  isIdempotencyKeyReusedError,
} from "./errors.js";
export { deterministicEventId, isUuid, newEventId } from "./event-id.js";
export {
  type ChainLink,
  contentDigest,
  type EventContent,
  type HashChainHead,
  linkHash,
  verifyHashChain,
} from "./hash-chain.js";
export {
  type KeyringDocument,
  KeyringError,
  type KeyWrapper,
  LocalKeyring,
  WRAPPED_KEY_BYTES,
  type WrappedKey,
} from "./key-wrapping.js";
export {
  MemoryEventLog,
  type MemoryLogEntry,
  type MemoryStreamRecord,
} from "./memory/memory-event-log.js";
export { MemoryEventStore, type MemoryEventStoreOptions } from "./memory/memory-event-store.js";
export type {
  Actor,
  AllPage,
  AppendOptions,
  AppendResult,
  ChainBreakReason,
  EventData,
  EventFilter,
  EventMetadata,
  EventMetadataInput,
  EventStore,
  EventSubscription,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllPageOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamVerification,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
} from "./port.js";
export { streamExists } from "./port.js";
export {
  type EmbeddedPostgresOptions,
  type RunningPostgres,
  startEmbeddedPostgres,
} from "./postgres/embedded-postgres.js";
export {
  EVENT_LOG_FORMAT,
  type EventLogEnd,
  type EventLogEvent,
  type EventLogHeader,
  type EventLogImport,
  EventLogImportError,
  type EventLogOther,
  type EventLogRecord,
  type EventLogSubjectKey,
  exportEventLog,
  importEventLog,
} from "./postgres/event-log-backup.js";
export { migrateEventStore } from "./postgres/migrate.js";
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from "./postgres/postgres-event-store.js";
export type { RewrapReport, SubjectKeyStatus } from "./postgres/postgres-subject-key-store.js";
export { type ResolvedDatabase, resolveDatabase } from "./postgres/resolve-database.js";
export { EVENTS_CHANNEL, EVENTSTORE_MIGRATIONS, type Migration } from "./postgres/schema.js";
export {
  type EncryptedField,
  ERASED,
  isEncryptedField,
  isErased,
  type PersonalDataRegistry,
  type PersonalDataRule,
  type SubjectContext,
  type SubjectKey,
  type SubjectKeyStore,
} from "./shredding.js";
export { isStorableText } from "./storable-text.js";
export type { StoredEvent, StoredMetadata } from "./stored-event.js";
export { loadAggregate } from "./stream-state.js";
export { ChangeNotifier } from "./subscription/change-notifier.js";
export { createUpcaster, type UpcastEvent, type Upcaster } from "./upcasting.js";
