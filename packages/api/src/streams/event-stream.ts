import type { EventStore, RecordedEvent } from "@claimstream/eventstore";
import { toCloudEvent } from "./cloud-event.js";
import { type EventSelection, storeFilterOf } from "./event-selection.js";
import type { InsurerVisibility } from "./insurer-visibility.js";
import { type SseConnection, sseFrame } from "./sse-connection.js";

/** What {@link streamEvents} needs for one client. */
export interface EventStreamRequest {
  readonly store: EventStore;
  readonly connection: SseConnection;
  readonly selection: EventSelection;
  /** Deliver events after this global position (from `Last-Event-ID` or `?after=`). */
  readonly after: number;
  /** The key's insurer; `null` for an unscoped key. */
  readonly insurerScope: string | null;
  readonly visibility: InsurerVisibility;
  /** Called for each event sent (metrics, tests). */
  readonly onSent?: (event: RecordedEvent) => void;
}

/**
 * Follows `$all` from `after` (catch-up, then live, in global order) and sends each selected,
 * visible event as a CloudEvent. Pulls the next event only once the previous frame was
 * accepted, so a slow client pauses the store subscription instead of filling memory. Ends
 * when the connection ends (client gone, dropped as too slow, server closing).
 *
 * @example
 * ```ts
 * await streamEvents({ store, connection, selection, after: 0, insurerScope: null, visibility });
 * ```
 */
export const streamEvents = async (request: EventStreamRequest): Promise<void> => {
  const { connection, visibility, insurerScope } = request;
  const subscription = request.store.subscribeToAll({
    fromPosition: request.after,
    filter: storeFilterOf(request.selection),
  });
  // A caught-up subscription waits for the next commit; the client leaving must end that wait.
  void connection.ended.then(() => subscription.stop());
  try {
    for await (const event of subscription) {
      if (!connection.open) break;
      if (!(await visibility.allows(insurerScope, event))) continue;
      if (!(await connection.send(sseFrame(toCloudEvent(event))))) break;
      request.onSent?.(event);
    }
  } finally {
    await subscription.stop();
  }
};
