import type { EventData, EventMetadata, EventMetadataInput, RecordedEvent } from "./port.js";

/** Metadata as persisted: the writer's fields, without `undefined`s, `schemaVersion` filled in. */
export type StoredMetadata = Omit<EventMetadataInput, "schemaVersion"> & {
  readonly schemaVersion: number;
};

/**
 * An event exactly as persisted: personal fields still encrypted, no upcasting applied.
 * This is what the hash chain covers.
 */
export interface StoredEvent {
  readonly streamId: string;
  readonly streamPosition: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: StoredMetadata;
  /** ISO 8601, millisecond precision. */
  readonly recordedAt: string;
  readonly previousHash: string | null;
  readonly hash: string;
}

/** The read-side shape of a stored event (before decryption and upcasting). */
export const toRecordedEvent = (stored: StoredEvent, data: EventData): RecordedEvent => {
  const { occurredAt, schemaVersion, ...rest } = stored.metadata;
  const metadata: EventMetadata = {
    ...rest,
    recordedAt: stored.recordedAt,
    occurredAt: occurredAt ?? stored.recordedAt,
    schemaVersion,
  };
  return {
    streamId: stored.streamId,
    streamPosition: stored.streamPosition,
    globalPosition: stored.globalPosition,
    eventId: stored.eventId,
    type: stored.type,
    data,
    metadata,
    hash: stored.hash,
    previousHash: stored.previousHash,
  };
};
