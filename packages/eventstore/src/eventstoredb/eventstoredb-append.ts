import {
  BACKWARDS,
  END,
  type AppendResult as EsdbAppendResult,
  type EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
} from "@eventstore/db-client";
import { EventIdConflictError } from "../errors.js";
import { linkHash } from "../hash-chain.js";
import type { AppendResult } from "../port.js";
import type { PreparedEvent } from "../prepare-events.js";
import type { StoredEvent } from "../stored-event.js";
import { toEsdbEvent, toRevision } from "./eventstoredb-mapping.js";
import { storedEventsOf } from "./eventstoredb-reads.js";

/** A stream's head before an append and, when the batch was appended before, its result. */
export interface StreamTail {
  readonly version: number;
  readonly lastHash: string | null;
  readonly replay?: AppendResult;
}

/**
 * Reads the stream backward for its head (version, last hash) and, when `prepared` is given,
 * for those event ids: all of them, in order → the earlier result; some → a conflict.
 * ESDB keeps no event-id index, so this reads until the ids are found or the stream starts.
 */
export const readStreamTail = async (
  client: EventStoreDBClient,
  streamId: string,
  prepared: readonly PreparedEvent[],
): Promise<StreamTail> => {
  const wanted = new Map(prepared.map((event, index) => [event.eventId, index]));
  const found: StoredEvent[] = [];
  let head: StoredEvent | undefined;
  const source = client.readStream(streamId, { direction: BACKWARDS, fromRevision: END });
  for await (const event of storedEventsOf(source)) {
    head ??= event;
    if (wanted.has(event.eventId)) found.unshift(event);
    if (found.length === wanted.size) break;
  }
  const tail = { version: head?.streamPosition ?? 0, lastHash: head?.hash ?? null };
  const first = found[0];
  if (first === undefined) return tail;
  const inOrder = found.every(
    (event, index) =>
      wanted.get(event.eventId) === index && event.streamPosition === first.streamPosition + index,
  );
  if (found.length !== prepared.length || !inOrder) {
    const ids = prepared.map((event) => event.eventId);
    throw new EventIdConflictError(streamId, ids, "some ids exist or are in another order");
  }
  const nextExpectedVersion = first.streamPosition + found.length - 1;
  return {
    ...tail,
    replay: { nextExpectedVersion, globalPositions: found.map((e) => e.globalPosition) },
  };
};

/**
 * Appends the batch right after `tail`, chaining hashes from its last hash (recordedAt is this
 * process's clock). Throws ESDB's `WrongExpectedVersionError` when the stream moved meanwhile.
 */
export const appendAfterTail = async (
  client: EventStoreDBClient,
  streamId: string,
  prepared: readonly PreparedEvent[],
  tail: StreamTail,
): Promise<AppendResult> => {
  const recordedAt = new Date().toISOString();
  const recordedAtMs = Date.parse(recordedAt);
  let previousHash = tail.lastHash;
  const events = prepared.map((event, index) => {
    const streamPosition = tail.version + index + 1;
    const hash = linkHash({ previousHash, streamPosition, recordedAtMs, digest: event.digest });
    const esdbEvent = toEsdbEvent(event, { recordedAt, previousHash, hash });
    previousHash = hash;
    return esdbEvent;
  });
  const expectedRevision = tail.version === 0 ? NO_STREAM : toRevision(tail.version);
  const result = await client.appendToStream(streamId, events, { expectedRevision });
  return {
    nextExpectedVersion: Number(result.nextExpectedRevision) + 1,
    globalPositions: await positionsOf(client, streamId, tail.version + 1, prepared.length, result),
  };
};

// An append reports one position; read the events back for each one's. Servers that do not
// report positions on stream reads get the append's commit position for every event.
const positionsOf = async (
  client: EventStoreDBClient,
  streamId: string,
  fromVersion: number,
  count: number,
  result: EsdbAppendResult,
): Promise<number[]> => {
  const positions: number[] = [];
  const source = client.readStream(streamId, {
    direction: FORWARDS,
    fromRevision: toRevision(fromVersion),
    maxCount: count,
  });
  for await (const event of storedEventsOf(source)) positions.push(event.globalPosition);
  const commit = result.position === undefined ? 0 : Number(result.position.commit);
  return positions.map((position) => (position === 0 ? commit : position));
};
