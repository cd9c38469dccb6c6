/**
 * One domain event in each contender's input shape, with the same payload and metadata, so
 * the stores write the same bytes: ours (`NewEvent`), Emmett's (`{ type, data, metadata }`) and
 * a limit row (columns of a plain table).
 */
import { randomUUID } from "node:crypto";

const ACTOR = { id: "u-bench", role: "adjuster" };

/** The metadata every writer attaches (what an API request would). */
export const metadataOf = (event, correlationId = "bench") => ({
  occurredAt: event.occurredAt,
  correlationId,
  actor: ACTOR,
});

/** Ours: the command handler's mapping of a domain event. */
export const toOurEvent = (event) => ({
  type: event.type,
  data: event,
  metadata: { ...metadataOf(event), schemaVersion: event.schemaVersion ?? 1 },
});

/** Emmett: the whole domain event as `data`, as its command handlers would append it. */
export const toEmmettEvent = (event) => ({
  type: event.type,
  data: event,
  metadata: metadataOf(event),
});

/** The category of a stream id (`claim-C1` → `claim`), as both stores compute it. */
export const categoryOf = (streamId) => streamId.slice(0, streamId.indexOf("-"));

/** A limit row: what an event store must at least store, without any of its logic. */
export const toLimitRow = (streamId, streamPosition, event) => ({
  streamId,
  streamPosition,
  eventId: randomUUID(),
  category: categoryOf(streamId),
  type: event.type,
  data: JSON.stringify(event),
  metadata: JSON.stringify({ ...metadataOf(event), schemaVersion: event.schemaVersion ?? 1 }),
});
