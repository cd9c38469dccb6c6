import { randomUUID } from "node:crypto";
import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { newDataKey, type SubjectKey, type SubjectKeyStore } from "../shredding.js";
import { KEY_STREAM_PREFIX } from "./eventstoredb-mapping.js";

type KeyCreated = { readonly keyId: string; readonly key: string };

// Key ids carry their subject (`<subject>/<uuid>`) so a key can be found from a ciphertext.
const keyIdFor = (subjectId: string): string => `${encodeURIComponent(subjectId)}/${randomUUID()}`;
const subjectOf = (keyId: string): string =>
  decodeURIComponent(keyId.slice(0, Math.max(keyId.lastIndexOf("/"), 0)));
const streamOf = (subjectId: string): string => `${KEY_STREAM_PREFIX}${subjectId}`;

/**
 * Subject keys in EventStoreDB, one stream per subject. Forgetting deletes the stream (ESDB
 * removes the data at the next scavenge); a later event about the subject starts a new key.
 */
export class EventStoreDbSubjectKeyStore implements SubjectKeyStore {
  constructor(private readonly client: EventStoreDBClient) {}

  async #read(subjectId: string): Promise<SubjectKey | undefined> {
    try {
      const stream = this.client.readStream<{ type: "SubjectKeyCreated"; data: KeyCreated }>(
        streamOf(subjectId),
        { direction: BACKWARDS, fromRevision: END, maxCount: 1 },
      );
      for await (const resolved of stream) {
        const data = resolved.event?.data;
        if (data !== undefined) return { keyId: data.keyId, key: Buffer.from(data.key, "base64") };
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async keyFor(subjectId: string): Promise<SubjectKey> {
    const existing = await this.#read(subjectId);
    if (existing !== undefined) return existing;
    const created = { keyId: keyIdFor(subjectId), key: newDataKey() };
    const data = { keyId: created.keyId, key: Buffer.from(created.key).toString("base64") };
    try {
      await this.client.appendToStream(
        streamOf(subjectId),
        jsonEvent({ type: "SubjectKeyCreated", data }),
        { expectedRevision: NO_STREAM },
      );
      return created;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Someone created it concurrently: use theirs.
      const theirs = await this.#read(subjectId);
      if (theirs === undefined) throw error;
      return theirs;
    }
  }

  async keysById(keyIds: readonly string[]): Promise<ReadonlyMap<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    const subjects = [...new Set(keyIds.map(subjectOf))];
    const keys = await Promise.all(subjects.map((subjectId) => this.#read(subjectId)));
    for (const key of keys)
      if (key !== undefined && keyIds.includes(key.keyId)) found.set(key.keyId, key.key);
    return found;
  }

  async forget(subjectId: string): Promise<void> {
    try {
      await this.client.deleteStream(streamOf(subjectId));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }
}
