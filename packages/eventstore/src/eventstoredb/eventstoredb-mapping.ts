import { type AllStreamResolvedEvent, jsonEvent, type ResolvedEvent } from "@eventstore/db-client";
import type { EventData } from "../port.js";
import type { PreparedEvent } from "../prepare-events.js";
import type { StoredEvent, StoredMetadata } from "../stored-event.js";

/** Prefix of the streams that hold subject keys; readers of `$all` skip them. */
export const KEY_STREAM_PREFIX = "eventstore-subject-key-";

/** What the adapter keeps in an ESDB event's metadata. */
export interface EsdbEventMetadata extends StoredMetadata {
  readonly recordedAt: string;
  readonly previousHash: string | null;
  readonly hash: string;
  /** ESDB's own names, so its projections and UI see the correlation. */
  readonly $correlationId?: string;
  readonly $causationId?: string;
}

/** The chain fields the adapter computes before appending. */
export interface EsdbChainFields {
  readonly recordedAt: string;
  readonly previousHash: string | null;
  readonly hash: string;
}

/** The ESDB event for a prepared event and its chain fields. */
export const toEsdbEvent = (event: PreparedEvent, chain: EsdbChainFields) => {
  const metadata: EsdbEventMetadata = {
    ...event.metadata,
    ...chain,
    ...(event.metadata.correlationId === undefined
      ? {}
      : { $correlationId: event.metadata.correlationId }),
    ...(event.metadata.causationId === undefined
      ? {}
      : { $causationId: event.metadata.causationId }),
  };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  });
};

// ESDB reports 2^64 - 1 as the commit position of events read from a stream (not from $all).
const toGlobalPosition = (commit: bigint | undefined): number =>
  commit !== undefined && commit <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(commit) : 0;

/**
 * The stored event behind an ESDB event, or `undefined` for what is not one of ours: links,
 * binary events, system streams and types (`$…`), subject-key streams.
 */
export const fromEsdbEvent = (
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): StoredEvent | undefined => {
  const event = resolved.event;
  if (event === undefined || !event.isJson) return undefined;
  if (event.streamId.startsWith("$") || event.type.startsWith("$")) return undefined;
  if (event.streamId.startsWith(KEY_STREAM_PREFIX)) return undefined;
  const { recordedAt, previousHash, hash, $correlationId, $causationId, ...metadata } =
    event.metadata as unknown as EsdbEventMetadata;
  return {
    streamId: event.streamId,
    streamPosition: Number(event.revision) + 1,
    globalPosition: toGlobalPosition(event.position?.commit),
    eventId: event.id,
    type: event.type,
    data: event.data as EventData,
    metadata,
    recordedAt,
    previousHash,
    hash,
  };
};

/** ESDB revisions count from 0; stream versions from 1 (0 = no stream). */
export const toRevision = (version: number): bigint => BigInt(version - 1);
