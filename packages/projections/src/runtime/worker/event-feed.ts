import type { EventStore, RecordedEvent } from "@claimstream/eventstore";

/** The events a projection wants after `afterPosition`, at most `batchSize`, in global order. */
export const readBatch = async (
  store: EventStore,
  afterPosition: number,
  batchSize: number,
  eventTypes: readonly string[],
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  if (eventTypes.length === 0) return events;
  const options = { fromPosition: afterPosition, maxCount: batchSize, filter: { eventTypes } };
  for await (const event of store.readAll(options)) events.push(event);
  return events;
};

/**
 * How many events a projection still has to apply after `afterPosition`, counted up to
 * `limit`. Positions have gaps (the PostgreSQL store derives them from transaction ids), so
 * `head − position` is not a number of events: this counts them through the port.
 */
export const countPendingEvents = async (
  store: EventStore,
  afterPosition: number,
  eventTypes: readonly string[],
  limit: number,
): Promise<number> => {
  if (eventTypes.length === 0) return 0;
  let count = 0;
  const options = { fromPosition: afterPosition, maxCount: limit, filter: { eventTypes } };
  for await (const _ of store.readAll(options)) count += 1;
  return count;
};
