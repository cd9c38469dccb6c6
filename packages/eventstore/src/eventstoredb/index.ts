/**
 * `@claimstream/eventstore/eventstoredb`: the EventStoreDB / KurrentDB adapter. A separate entry
 * point so that only applications that use it load `@eventstore/db-client` and gRPC.
 *
 * @example
 * ```ts
 * const { EventStoreDbEventStore } = await import("@claimstream/eventstore/eventstoredb");
 * const store = await EventStoreDbEventStore.connect({ connectionString: process.env.EVENTSTORE_URL });
 * ```
 *
 * @packageDocumentation
 */
export type {
  CompetingConsumer,
  CompetingConsumerOptions,
} from "./eventstoredb-competing-consumer.js";
export {
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from "./eventstoredb-event-store.js";
export { EventStoreDbSubjectKeyStore } from "./eventstoredb-subject-key-store.js";
