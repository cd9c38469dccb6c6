import type { EventStore } from "@claimstream/eventstore";
import { errorFields, type ProjectionLogger } from "../projection-logger.js";
import { abortableDelay } from "./abortable-delay.js";

/** A running wake-up source. */
export interface StoreWakeup {
  stop(): Promise<void>;
}

/**
 * Turns the store's live subscription (LISTEN/NOTIFY on PostgreSQL, a subscription on
 * EventStoreDB) into wake-ups: one subscription per runtime, from the head, filtered to the
 * event types some projection wants; `onEvent` gets each new event's type (and `undefined`
 * when the subscription (re)starts: anything may have arrived). The workers still poll, so a
 * broken subscription (restarted after `restartDelayMs`) only slows them down.
 */
export const startStoreWakeup = (
  store: EventStore,
  eventTypes: readonly string[],
  onEvent: (type: string | undefined) => void,
  options: { readonly logger: ProjectionLogger; readonly restartDelayMs: number },
): StoreWakeup => {
  const stopping = new AbortController();
  let subscription: { stop(): Promise<void> } | undefined;
  const follow = async (): Promise<void> => {
    const fromPosition = await store.headPosition();
    if (stopping.signal.aborted) return;
    const live = store.subscribeToAll({ fromPosition, filter: { eventTypes } });
    subscription = live;
    onEvent(undefined);
    for await (const event of live) onEvent(event.type);
  };
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await follow();
      } catch (error) {
        options.logger.warn(errorFields(error), "projection wake-up subscription failed; polling");
      }
      await abortableDelay(options.restartDelayMs, stopping.signal);
    }
  })();
  return {
    stop: async () => {
      stopping.abort();
      await subscription?.stop();
      await loop;
    },
  };
};
