import {
  type EventStoreDBClient,
  PARK,
  PersistentSubscriptionExistsError,
  persistentSubscriptionToAllSettingsFromDefaults,
  RETRY,
  START,
} from "@eventstore/db-client";
import type { DecodeEvents } from "../decode-events.js";
import type { EventFilter, RecordedEvent } from "../port.js";
import type { StoredEvent } from "../stored-event.js";
import { fromEsdbEvent } from "./eventstoredb-mapping.js";
import { serverFilter } from "./eventstoredb-reads.js";

export interface CompetingConsumerOptions {
  /** The persistent subscription group; every worker of one projection uses the same name. */
  readonly group: string;
  readonly filter?: EventFilter;
  /** Handles one event; a throw makes ESDB redeliver it, then park it after `maxRetries`. */
  readonly handle: (event: RecordedEvent) => Promise<void>;
  /** Deliveries before an event is parked (default 5). */
  readonly maxRetries?: number;
  /** Called when the subscription itself fails (it is not restarted). */
  readonly onError?: (error: unknown) => void;
}

/** A running competing consumer. */
export interface CompetingConsumer {
  stop(): Promise<void>;
}

/**
 * Joins (creating it when missing) a persistent subscription to `$all`: ESDB spreads events
 * over the group's workers, so several processes can share one projection's load.
 */
export const startCompetingConsumer = async (
  client: EventStoreDBClient,
  decode: DecodeEvents,
  options: CompetingConsumerOptions,
  matches: (event: StoredEvent) => boolean,
  defaultCategories: boolean,
): Promise<CompetingConsumer> => {
  const maxRetries = options.maxRetries ?? 5;
  try {
    await client.createPersistentSubscriptionToAll(
      options.group,
      persistentSubscriptionToAllSettingsFromDefaults({
        startFrom: START,
        maxRetryCount: maxRetries,
      }),
      { filter: serverFilter(options.filter, defaultCategories) },
    );
  } catch (error) {
    if (!(error instanceof PersistentSubscriptionExistsError)) throw error;
  }
  const subscription = client.subscribeToPersistentSubscriptionToAll(options.group);
  const run = async (): Promise<void> => {
    for await (const resolved of subscription) {
      const stored = fromEsdbEvent(resolved);
      try {
        if (stored !== undefined && matches(stored)) {
          for (const event of await decode([stored])) await options.handle(event);
        }
        await subscription.ack(resolved);
      } catch (error) {
        const action = resolved.retryCount >= maxRetries ? PARK : RETRY;
        await subscription.nack(
          action,
          error instanceof Error ? error.message : String(error),
          resolved,
        );
      }
    }
  };
  const running = run().catch((error: unknown) => options.onError?.(error));
  return {
    stop: async () => {
      await subscription.unsubscribe();
      await running;
    },
  };
};
