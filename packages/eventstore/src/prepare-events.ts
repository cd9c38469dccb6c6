import { canonicalJson, toEventData } from "./canonical-json.js";
import { EventIdConflictError } from "./errors.js";
import { isUuid, newEventId } from "./event-id.js";
import { canonicalContentDigest } from "./hash-chain.js";
import type { EventData, EventMetadataInput, NewEvent } from "./port.js";
import {
  encryptPersonalData,
  type PersonalDataRegistry,
  type SubjectContext,
  type SubjectKey,
  type SubjectKeyStore,
} from "./shredding.js";
import type { StoredMetadata } from "./stored-event.js";

/** Most events one append may carry (PostgreSQL derives positions from 16 bits per transaction). */
export const MAX_EVENTS_PER_APPEND = 65_535;

/** An event ready to persist: id fixed, data normalised and encrypted, content digested. */
export interface PreparedEvent {
  readonly eventId: string;
  /** `true` when the store generated the id (a random UUID), so it cannot name an earlier event. */
  readonly generatedId: boolean;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: StoredMetadata;
  /** `contentDigest` of the above, for the hash chain. */
  readonly digest: string;
  /**
   * `{ eventId, type, data, metadata, digest }` as JSON, written from the same canonical JSON the
   * digest hashes (so the batch is serialised once): what the PostgreSQL append function reads.
   */
  readonly json: string;
}

/** What {@link prepareEvents} needs for personal data. */
export interface PersonalDataProtection {
  readonly registry: PersonalDataRegistry;
  readonly keys: SubjectKeyStore;
  /** The store's own stream reader, for rules that find their subject in the history. */
  readonly readStream: SubjectContext["readStream"];
}

const toStoredMetadata = (input: EventMetadataInput | undefined): StoredMetadata => {
  const metadata = toEventData(input ?? {}, "metadata") as EventMetadataInput;
  const schemaVersion = metadata.schemaVersion ?? 1;
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw new TypeError(`schemaVersion must be a positive integer, got ${schemaVersion}`);
  }
  if (metadata.occurredAt !== undefined && Number.isNaN(Date.parse(metadata.occurredAt))) {
    throw new TypeError(`occurredAt is not a date: ${metadata.occurredAt}`);
  }
  return { ...metadata, schemaVersion };
};

// A batch often names one subject many times; fetch (or create) its key once.
const oneLookupPerSubject = (keys: SubjectKeyStore): SubjectKeyStore => {
  const pending = new Map<string, Promise<SubjectKey>>();
  return {
    keysById: (keyIds) => keys.keysById(keyIds),
    forget: (subjectId) => keys.forget(subjectId),
    keyFor: (subjectId) => {
      const known = pending.get(subjectId);
      if (known !== undefined) return known;
      const lookup = keys.keyFor(subjectId);
      pending.set(subjectId, lookup);
      return lookup;
    },
  };
};

const assertUniqueIds = (streamId: string, ids: readonly string[]): void => {
  if (new Set(ids).size !== ids.length) {
    throw new EventIdConflictError(streamId, ids, "the batch repeats an event id");
  }
};

/**
 * Validates and normalises a batch for appending: generates missing ids, encrypts personal
 * fields and computes each content digest. Throws `TypeError` on malformed events.
 */
export const prepareEvents = async (
  streamId: string,
  events: readonly NewEvent[],
  protection: PersonalDataProtection | undefined,
): Promise<PreparedEvent[]> => {
  if (streamId.length === 0) throw new TypeError("streamId must not be empty");
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new TypeError(`At most ${MAX_EVENTS_PER_APPEND} events per append`);
  }
  const ids = events.map((event) => (event.eventId ?? newEventId()).toLowerCase());
  const invalid = ids.find((id) => !isUuid(id));
  if (invalid !== undefined) throw new TypeError(`eventId must be a UUID, got "${invalid}"`);
  assertUniqueIds(streamId, ids);
  const batch = protection && { ...protection, keys: oneLookupPerSubject(protection.keys) };
  return Promise.all(
    events.map(async (event, index) => {
      if (typeof event.type !== "string" || event.type.length === 0) {
        throw new TypeError("event type must be a non-empty string");
      }
      const eventId = ids[index] as string;
      const plain = toEventData(event.data, `data of ${event.type}`);
      const data =
        batch === undefined
          ? plain
          : await encryptPersonalData(eventId, event.type, plain, batch.registry, batch.keys, {
              streamId,
              readStream: batch.readStream,
            });
      const metadata = toStoredMetadata(event.metadata);
      const [dataJson, metadataJson] = [canonicalJson(data), canonicalJson(metadata)];
      const { type } = event;
      const digest = canonicalContentDigest({ streamId, eventId, type, dataJson, metadataJson });
      const json = `{"eventId":"${eventId}","type":${JSON.stringify(type)},"data":${dataJson},"metadata":${metadataJson},"digest":"${digest}"}`;
      const generatedId = event.eventId === undefined;
      return { eventId, generatedId, type, data, metadata, digest, json };
    }),
  );
};
