import { describe, expect, it } from "vitest";
import { createEventDecoder } from "./decode-events.js";
import { MemoryEventLog } from "./memory/memory-event-log.js";
import type { EventData } from "./port.js";
import {
  ERASED,
  encryptPersonalData,
  type PersonalDataRegistry,
  type SubjectContext,
  type SubjectKeyStore,
} from "./shredding.js";
import type { StoredEvent, StoredMetadata } from "./stored-event.js";
import { createUpcaster } from "./upcasting.js";

const registry: PersonalDataRegistry = {
  PersonRegistered: {
    subjectId: (data) => (typeof data.personId === "string" ? data.personId : undefined),
    fields: ["name"],
  },
};
const context: SubjectContext = {
  streamId: "person-p-1",
  readStream: () => {
    throw new Error("no history here");
  },
};
const RECORDED_AT = "2026-03-02T09:00:00.000Z";

const storedEvent = (
  position: number,
  data: EventData,
  metadata: StoredMetadata = { schemaVersion: 1 },
): StoredEvent => ({
  streamId: "person-p-1",
  streamPosition: position,
  globalPosition: position,
  eventId: `00000000-0000-4000-8000-00000000000${position}`,
  type: "PersonRegistered",
  data,
  metadata,
  recordedAt: RECORDED_AT,
  previousHash: null,
  hash: `hash-${position}`,
});

// The personal field comes last, so that a look at the first values only would miss it.
const encrypted = async (position: number, personId: string, keys: SubjectKeyStore) => {
  const plain = { personId, city: "Bern", name: `name of ${personId}` };
  const eventId = storedEvent(position, plain).eventId;
  const data = await encryptPersonalData(
    eventId,
    "PersonRegistered",
    plain,
    registry,
    keys,
    context,
  );
  return { plain, stored: storedEvent(position, data) };
};

/** A key store that counts its lookups. */
const countingKeys = (keys: SubjectKeyStore) => {
  const lookups: (readonly string[])[] = [];
  const store: SubjectKeyStore = {
    keyFor: (subjectId) => keys.keyFor(subjectId),
    forget: (subjectId) => keys.forget(subjectId),
    keysById: (keyIds) => {
      lookups.push(keyIds);
      return keys.keysById(keyIds);
    },
  };
  return { store, lookups };
};

describe("createEventDecoder", () => {
  it("reads a page without ciphertext as stored, without looking up a key", async () => {
    const { store, lookups } = countingKeys(new MemoryEventLog());
    const decode = createEventDecoder(store, createUpcaster([]));
    const page = [
      storedEvent(1, { personId: "p-1", name: "ada", address: { city: "Bern" } }),
      storedEvent(2, { list: [{ $encrypted: "aes-256-gcm", keyId: "nested-is-not-a-field" }] }),
    ];
    const events = await decode(page);
    expect(lookups).toEqual([]);
    expect(events.map((event) => event.data)).toEqual(page.map((stored) => stored.data));
    for (const [index, event] of events.entries()) expect(event.data).toBe(page[index]?.data);
  });

  it("decrypts the personal fields of a page that mixes plain and encrypted events", async () => {
    const log = new MemoryEventLog();
    const { store, lookups } = countingKeys(log);
    const decode = createEventDecoder(store, createUpcaster([]));
    const first = await encrypted(2, "p-1", log);
    const second = await encrypted(3, "p-2", log);
    const plain = storedEvent(1, { personId: "p-3", city: "Basel" });
    const events = await decode([plain, first.stored, second.stored]);
    expect(events.map((event) => event.data)).toEqual([plain.data, first.plain, second.plain]);
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toHaveLength(2);
  });

  it("reads the fields of a forgotten subject as erased, and the others' in clear", async () => {
    const log = new MemoryEventLog();
    const decode = createEventDecoder(log, createUpcaster([]));
    const kept = await encrypted(1, "p-1", log);
    const forgotten = await encrypted(2, "p-2", log);
    await log.forget("p-2");
    const [keptEvent, forgottenEvent] = await decode([kept.stored, forgotten.stored]);
    expect(keptEvent?.data).toEqual(kept.plain);
    expect(forgottenEvent?.data).toEqual({ ...forgotten.plain, name: ERASED });
  });

  it("lists the writer's metadata in stored order, then recordedAt, occurredAt and schemaVersion", async () => {
    const decode = createEventDecoder(new MemoryEventLog(), createUpcaster([]));
    const metadata = JSON.parse(
      '{"actor": {"id": "u-1", "role": "adjuster"}, "occurredAt": "2026-03-01T08:00:00.000Z", "correlationId": "c-1", "schemaVersion": 2}',
    ) as StoredMetadata;
    const [withTime, withoutTime] = await decode([
      storedEvent(1, {}, metadata),
      storedEvent(2, {}, { correlationId: "c-2", schemaVersion: 1 }),
    ]);
    expect(JSON.stringify(withTime?.metadata)).toBe(
      `{"actor":{"id":"u-1","role":"adjuster"},"correlationId":"c-1","recordedAt":"${RECORDED_AT}","occurredAt":"2026-03-01T08:00:00.000Z","schemaVersion":2}`,
    );
    expect(JSON.stringify(withoutTime?.metadata)).toBe(
      `{"correlationId":"c-2","recordedAt":"${RECORDED_AT}","occurredAt":"${RECORDED_AT}","schemaVersion":1}`,
    );
  });

  it("keeps a `__proto__` metadata key as data, as an object spread does", async () => {
    const decode = createEventDecoder(new MemoryEventLog(), createUpcaster([]));
    const metadata = JSON.parse(
      '{"__proto__": {"injected": true}, "schemaVersion": 1}',
    ) as StoredMetadata;
    const [event] = await decode([storedEvent(1, {}, metadata)]);
    expect(Object.getPrototypeOf(event?.metadata)).toBe(Object.prototype);
    expect(Object.keys(event?.metadata ?? {})).toEqual([
      "__proto__",
      "recordedAt",
      "occurredAt",
      "schemaVersion",
    ]);
    expect(JSON.stringify(event?.metadata)).toContain('"__proto__":{"injected":true}');
  });
});
