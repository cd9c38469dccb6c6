import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  type EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  FORWARDS,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
  streamNameFilter,
} from "@eventstore/db-client";
import type { CategoryOf } from "../category.js";
import type { EventFilter, ReadStreamOptions } from "../port.js";
import type { StoredEvent } from "../stored-event.js";
import { recordedAtCutoff, type StreamBounds, streamBounds } from "../stream-range.js";
import { fromEsdbEvent, toRevision } from "./eventstoredb-mapping.js";

/** Our events from an ESDB read, skipping what is not ours; a missing stream reads as empty. */
export async function* storedEventsOf(
  source: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>,
): AsyncIterable<StoredEvent> {
  try {
    for await (const resolved of source) {
      const stored = fromEsdbEvent(resolved);
      if (stored !== undefined) yield stored;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
}

/** Groups a sequence into arrays of at most `size`, for decoding in batches. */
export async function* inPages<T>(items: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let page: T[] = [];
  for await (const item of items) {
    page.push(item);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Does a stored event pass a `$all` filter? */
export const passes =
  (filter: EventFilter | undefined, categoryOf: CategoryOf) =>
  (event: StoredEvent): boolean =>
    (filter?.categories === undefined || filter.categories.includes(categoryOf(event.streamId))) &&
    (filter?.eventTypes === undefined || filter.eventTypes.includes(event.type));

/**
 * The server-side part of a filter (ESDB filters by stream-name or type prefixes, not both);
 * {@link passes} then checks it exactly on the client. Category prefixes (`claim-`) are only
 * sent when categories come from the default `categoryOf`, which they then match.
 */
export const serverFilter = (
  filter: EventFilter | undefined,
  defaultCategories: boolean,
): Filter => {
  if (filter?.categories !== undefined && defaultCategories) {
    return streamNameFilter({ prefixes: filter.categories.map((category) => `${category}-`) });
  }
  if (filter?.eventTypes !== undefined)
    return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  return excludeSystemEvents();
};

async function* take<T>(items: AsyncIterable<T> | Iterable<T>, count: number): AsyncIterable<T> {
  if (count <= 0) return;
  let taken = 0;
  for await (const item of items) {
    yield item;
    taken += 1;
    if (taken >= count) return;
  }
}

/** In-bounds events read forward from `low`, ending before the first one recorded after `cutoff`. */
async function* forwardPrefix(
  client: EventStoreDBClient,
  streamId: string,
  bounds: StreamBounds,
  cutoff: number | undefined,
): AsyncIterable<StoredEvent> {
  const fromRevision = cutoff === undefined ? toRevision(bounds.low) : START;
  const source = client.readStream(streamId, { direction: FORWARDS, fromRevision });
  for await (const event of storedEventsOf(source)) {
    if (cutoff !== undefined && Date.parse(event.recordedAt) > cutoff) return;
    if (event.streamPosition > bounds.high) return;
    if (event.streamPosition >= bounds.low) yield event;
  }
}

/** Events of one stream within `readStream` options, as stored. */
export async function* readStreamStored(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions,
): AsyncIterable<StoredEvent> {
  const bounds = streamBounds(options);
  const cutoff = recordedAtCutoff(options);
  if (bounds.direction === "forward") {
    yield* take(forwardPrefix(client, streamId, bounds, cutoff), bounds.maxCount);
    return;
  }
  if (cutoff !== undefined) {
    // The "as of" prefix is only known reading forward; reverse it afterwards.
    const prefix: StoredEvent[] = [];
    for await (const event of forwardPrefix(client, streamId, bounds, cutoff)) prefix.push(event);
    yield* take(prefix.reverse(), bounds.maxCount);
    return;
  }
  const fromRevision = Number.isFinite(bounds.high) ? toRevision(bounds.high) : END;
  const source = client.readStream(streamId, { direction: BACKWARDS, fromRevision });
  const inBounds = async function* () {
    for await (const event of storedEventsOf(source)) {
      if (event.streamPosition < bounds.low) return;
      yield event;
    }
  };
  yield* take(inBounds(), bounds.maxCount);
}
