import type { EventStore } from "@claimstream/eventstore";
import { type CloudEvent, toCloudEvent } from "./cloud-event.js";
import { type EventSelection, storeFilterOf } from "./event-selection.js";
import type { InsurerVisibility } from "./insurer-visibility.js";

/** One page of `GET /v1/events`. */
export interface EventPage {
  readonly events: readonly CloudEvent[];
  /** Pass as `after` for the next page: the last position read (sent or withheld). */
  readonly next: number;
  /** `true`: nothing more was committed after `next` when the page was read. */
  readonly caughtUp: boolean;
}

/** What {@link readEventPage} reads. */
export interface EventPageRequest {
  readonly store: EventStore;
  readonly selection: EventSelection;
  readonly after: number;
  readonly limit: number;
  readonly insurerScope: string | null;
  readonly visibility: InsurerVisibility;
}

// A scoped key may see few of the events read: bound the work of one request.
const SCAN_FACTOR = 20;

/**
 * Reads up to `limit` selected, visible events after `after`, in global order. Events another
 * insurer owns are skipped but still move `next`, so paging never re-reads them and never stops
 * early on a run of foreign events (at most `limit × 20` events are read per page; a short page
 * with `caughtUp: false` just means "ask again").
 *
 * @example
 * ```ts
 * const page = await readEventPage({ store, selection: ANY_EVENT, after: 0, limit: 100, insurerScope: null, visibility });
 * // then readEventPage({ …, after: page.next })
 * ```
 */
export const readEventPage = async (request: EventPageRequest): Promise<EventPage> => {
  const { store, limit, visibility, insurerScope } = request;
  const filter = storeFilterOf(request.selection);
  const events: CloudEvent[] = [];
  let next = request.after;
  let budget = limit * SCAN_FACTOR;
  while (budget > 0) {
    const batch = Math.min(budget, Math.max(limit, 100));
    let read = 0;
    for await (const event of store.readAll({ fromPosition: next, maxCount: batch, filter })) {
      read += 1;
      next = event.globalPosition;
      if (await visibility.allows(insurerScope, event)) events.push(toCloudEvent(event));
      if (events.length === limit) return { events, next, caughtUp: false };
    }
    if (read < batch) return { events, next, caughtUp: true };
    budget -= read;
  }
  return { events, next, caughtUp: false };
};
