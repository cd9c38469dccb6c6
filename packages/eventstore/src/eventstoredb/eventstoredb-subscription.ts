import type { AllStreamResolvedEvent, ResolvedEvent } from "@eventstore/db-client";
import type { DecodeEvents } from "../decode-events.js";
import type { EventSubscription, RecordedEvent } from "../port.js";
import type { StoredEvent } from "../stored-event.js";
import { fromEsdbEvent } from "./eventstoredb-mapping.js";

/** An ESDB catch-up subscription (a readable stream) seen through the port's interface. */
export const esdbSubscription = (
  source: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent> & { unsubscribe(): Promise<void> },
  wanted: (event: StoredEvent) => boolean,
  decode: DecodeEvents,
): EventSubscription => {
  async function* deliver(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      for await (const resolved of source) {
        const stored = fromEsdbEvent(resolved);
        if (stored !== undefined && wanted(stored)) yield* await decode([stored]);
      }
    } finally {
      await source.unsubscribe();
    }
  }
  const events = deliver();
  return {
    [Symbol.asyncIterator]: () => events,
    stop: async () => {
      await source.unsubscribe();
      await events.return(undefined);
    },
  };
};
