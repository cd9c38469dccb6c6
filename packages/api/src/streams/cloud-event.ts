import { defaultCategoryOf, type EventData, type RecordedEvent } from "@claimstream/eventstore";

/**
 * One committed event as a CloudEvents 1.0 JSON envelope (structured mode), the shape of every
 * SSE message, page item and webhook body. `id` is the event's global position (a decimal
 * string: compare as numbers), so `id` orders events and resumes a stream.
 */
export interface CloudEvent {
  readonly specversion: "1.0";
  /** The global position in the store. */
  readonly id: string;
  /** `/claimstream/<category>`: `/claimstream/claim`, `/claimstream/repair-order` … */
  readonly source: string;
  /** The domain event type: `ClaimRegistered`, `DeadlineBreached` … */
  readonly type: string;
  /** The stream id: `claim-C-1`. */
  readonly subject: string;
  /** When the store committed the event (`recordedAt`). */
  readonly time: string;
  readonly datacontenttype: "application/json";
  /** Extension: the event's schema version (`data` is upcast to it). */
  readonly schemaversion: number;
  /** The event as the domain defines it; erased personal fields read `{ "erased": true }`. */
  readonly data: EventData;
}

/** The `source` of a category's events. */
export const cloudEventSource = (category: string): string => `/claimstream/${category}`;

/**
 * Wraps a recorded event in its CloudEvents envelope. The data is the store's (decrypted, or
 * erased when its subject was forgotten), never a copy taken earlier.
 *
 * @example
 * ```ts
 * toCloudEvent(recorded);
 * // { specversion: "1.0", id: "1042", source: "/claimstream/claim", type: "ClaimRegistered",
 * //   subject: "claim-C-1", time: "2026-03-02T09:00:00.123Z", datacontenttype: "application/json", … }
 * ```
 */
export const toCloudEvent = (event: RecordedEvent): CloudEvent => ({
  specversion: "1.0",
  id: String(event.globalPosition),
  source: cloudEventSource(defaultCategoryOf(event.streamId)),
  type: event.type,
  subject: event.streamId,
  time: event.metadata.recordedAt,
  datacontenttype: "application/json",
  schemaversion: event.metadata.schemaVersion,
  data: event.data,
});
