import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import type { EventData, StreamVerification } from "./port.js";
import type { StoredEvent, StoredMetadata } from "./stored-event.js";

const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** The parts of an event its writer knows before the store assigns positions and time. */
export interface EventContent {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  /** As stored: personal fields in their encrypted form. */
  readonly data: EventData;
  readonly metadata: StoredMetadata;
}

/**
 * SHA-256 (hex) of the canonical JSON of an event's content. Computed by the writer, so that
 * the store (e.g. a SQL function) only has to chain digests. See docs/adr/0002.
 */
export const contentDigest = (content: EventContent): string =>
  sha256Hex(
    canonicalJson({
      streamId: content.streamId,
      eventId: content.eventId,
      type: content.type,
      data: content.data,
      metadata: content.metadata,
    }),
  );

/** An event's content with its data and metadata already written as canonical JSON. */
export interface CanonicalContent {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/**
 * {@link contentDigest} from the canonical JSON of data and metadata, so that a writer that
 * also sends that JSON serialises each event once. The members are written in canonical (sorted)
 * order: data, eventId, metadata, streamId, type.
 */
export const canonicalContentDigest = (content: CanonicalContent): string =>
  sha256Hex(
    `{"data":${content.dataJson},"eventId":${JSON.stringify(content.eventId)},"metadata":${
      content.metadataJson
    },"streamId":${JSON.stringify(content.streamId)},"type":${JSON.stringify(content.type)}}`,
  );

/** Inputs of one link of a stream's hash chain. */
export interface ChainLink {
  readonly previousHash: string | null;
  readonly streamPosition: number;
  /** `recordedAt` as milliseconds since the epoch. */
  readonly recordedAtMs: number;
  readonly digest: string;
}

/**
 * `sha256(previousHash + "\n" + streamPosition + "\n" + recordedAtMs + "\n" + digest)`, hex.
 * The PostgreSQL append function computes the same text (docs/adr/0002), so keep them in step.
 */
export const linkHash = (link: ChainLink): string =>
  sha256Hex(
    `${link.previousHash ?? ""}\n${link.streamPosition}\n${link.recordedAtMs}\n${link.digest}`,
  );

/** The hash of a stored event, recomputed from its content. */
export const recomputeHash = (event: StoredEvent, previousHash: string | null): string =>
  linkHash({
    previousHash,
    streamPosition: event.streamPosition,
    recordedAtMs: Date.parse(event.recordedAt),
    digest: contentDigest(event),
  });

/** What the store's stream record says about its head, to detect a truncated tail. */
export interface HashChainHead {
  readonly version: number;
  readonly lastHash: string | null;
}

const broken = (
  streamId: string,
  position: number,
  reason: Extract<StreamVerification, { ok: false }>["reason"],
  detail: string,
): StreamVerification => ({ ok: false, streamId, position, reason, detail });

/**
 * Walks a stream's stored events in order and reports the first broken link: a missing or
 * repeated position, a hash that does not match the content, a `previousHash` that does not
 * match the previous event, or (given `head`) a tail that disagrees with the stream record.
 */
export const verifyHashChain = async (
  streamId: string,
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
  head?: HashChainHead,
): Promise<StreamVerification> => {
  let previousHash: string | null = null;
  let expectedPosition = 1;
  for await (const event of events) {
    const position = event.streamPosition;
    if (position !== expectedPosition) {
      return broken(streamId, expectedPosition, "position_gap", `found position ${position}`);
    }
    if (event.previousHash !== previousHash) {
      return broken(streamId, position, "previous_hash_mismatch", "previousHash differs");
    }
    if (recomputeHash(event, previousHash) !== event.hash) {
      return broken(streamId, position, "hash_mismatch", "content does not match its hash");
    }
    previousHash = event.hash;
    expectedPosition += 1;
  }
  const eventCount = expectedPosition - 1;
  if (head !== undefined && head.version !== eventCount) {
    const detail = `stream record says version ${head.version}, found ${eventCount} events`;
    return broken(streamId, Math.min(head.version, eventCount) + 1, "head_mismatch", detail);
  }
  if (head !== undefined && head.lastHash !== previousHash) {
    return broken(streamId, eventCount, "head_mismatch", "stream record's last hash differs");
  }
  return { ok: true, streamId, eventCount, headHash: previousHash };
};
