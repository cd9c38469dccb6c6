import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryEventLog } from "./memory/memory-event-log.js";
import {
  decryptPersonalData,
  ERASED,
  encryptPersonalData,
  isEncryptedField,
  type PersonalDataRegistry,
  type SubjectContext,
} from "./shredding.js";

const registry: PersonalDataRegistry = {
  PersonRegistered: {
    subjectId: (data) => (typeof data.personId === "string" ? data.personId : undefined),
    fields: ["name", "address"],
  },
};
const eventId = "00000000-0000-4000-8000-000000000001";
// These rules read the subject from the data: the history is never consulted.
const context: SubjectContext = {
  streamId: "person-p-1",
  readStream: () => {
    throw new Error("no history here");
  },
};

const encryptPerson = (data: Record<string, unknown>, keys: MemoryEventLog) =>
  encryptPersonalData(eventId, "PersonRegistered", data, registry, keys, context);

describe("crypto-shredding", () => {
  it("decrypting what was encrypted gives back any JSON value (property)", async () => {
    const keys = new MemoryEventLog();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.jsonValue(), async (name, address) => {
        const data = JSON.parse(JSON.stringify({ personId: "p-1", name, address, other: 1 }));
        const stored = await encryptPerson(data, keys);
        expect(isEncryptedField(stored.name)).toBe(true);
        const keyIds = [(stored.name as { keyId: string }).keyId];
        expect(decryptPersonalData(eventId, stored, await keys.keysById(keyIds))).toEqual(data);
      }),
    );
  });

  it("leaves events without a rule or without a subject as they are", async () => {
    const keys = new MemoryEventLog();
    const data = { name: "ada" };
    expect(await encryptPersonalData(eventId, "Other", data, registry, keys, context)).toBe(data);
    expect(await encryptPerson(data, keys)).toBe(data);
  });

  it("a ciphertext copied to another event or field reads as erased", async () => {
    const keys = new MemoryEventLog();
    const data = { personId: "p-1", name: "ada", address: "Bern" };
    const stored = await encryptPerson(data, keys);
    const found = await keys.keysById([(stored.name as { keyId: string }).keyId]);
    const otherEvent = "00000000-0000-4000-8000-000000000002";
    expect(decryptPersonalData(otherEvent, stored, found).name).toEqual(ERASED);
    const swapped = { ...stored, name: stored.address, address: stored.name };
    expect(decryptPersonalData(eventId, swapped, found)).toMatchObject({
      name: ERASED,
      address: ERASED,
    });
  });
});
