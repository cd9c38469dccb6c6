import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ERASED,
  type KeyringDocument,
  LocalKeyring,
  type PersonalDataRegistry,
  PostgresEventStore,
} from "../../src/index.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

// Subject keys wrapped by a key-encryption key held outside the database (ADR 0003).

const personalData: PersonalDataRegistry = {
  PersonRegistered: {
    subjectId: (data) => (typeof data.personId === "string" ? data.personId : undefined),
    fields: ["name"],
  },
};

let database: TestDatabase;
let pool: pg.Pool;
const first = LocalKeyring.generate("kek-1");
const second = LocalKeyring.generate("kek-2");
// Both KEKs, the second current: the keyring during a rotation.
const rotating: KeyringDocument = {
  current: "kek-2",
  keks: { ...first.keks, ...second.keks },
  fingerprintSecret: first.fingerprintSecret,
};

const open = (keyring?: KeyringDocument) =>
  PostgresEventStore.connect({
    pool,
    personalData,
    ...(keyring === undefined ? {} : { keyWrapper: new LocalKeyring(keyring) }),
  });

const register = async (store: PostgresEventStore, name: string) => {
  const personId = randomUUID();
  const streamId = `person-${personId}`;
  await store.appendToStream(streamId, [{ type: "PersonRegistered", data: { personId, name } }], {
    expectedVersion: "no_stream",
  });
  return { personId, streamId };
};

const nameIn = async (store: PostgresEventStore, streamId: string) => {
  for await (const event of store.readStream(streamId)) return event.data.name;
  return undefined;
};

const storedKey = async (subjectId: string) => {
  const rows = await pool.query<{ key: Buffer; kek_id: string | null }>(
    "SELECT key, kek_id FROM eventstore.subject_keys WHERE subject_id = $1",
    [subjectId],
  );
  return rows.rows[0];
};

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe("subject keys wrapped by a KEK", () => {
  it("stores only the wrapped key, bound to its KEK, and reads the fields back in clear", async () => {
    const store = await open(first);
    const { personId, streamId } = await register(store, "Grace Hopper");
    expect(await nameIn(store, streamId)).toBe("Grace Hopper");
    const row = await storedKey(personId);
    expect(row?.kek_id).toBe("kek-1");
    expect(row?.key.length).toBe(60);
    // Without the keyring the database's copy is no key at all: reading fails loudly.
    const bare = await open();
    await expect(nameIn(bare, streamId)).rejects.toThrow(/wrapped \(KEK kek-1\)/);
    // A keyring without kek-1 cannot unwrap it either.
    const other = await open(second);
    await expect(nameIn(other, streamId)).rejects.toThrow(/KEK "kek-1" is not in the keyring/);
  });

  it("re-wraps every live key under the new KEK, keys stored as is included, so the old KEK can go", async () => {
    const legacy = await register(await open(), "Alan Turing");
    const wrapped = await register(await open(first), "Edsger Dijkstra");
    expect((await storedKey(legacy.personId))?.kek_id).toBeNull();

    const during = await open(rotating);
    const report = await during.rewrapSubjectKeys();
    expect(report.kekId).toBe("kek-2");
    expect(report.rewrapped).toBeGreaterThanOrEqual(2);
    expect(await during.subjectKeyStatus()).toEqual({ "kek-2": expect.any(Number) });
    expect(await during.rewrapSubjectKeys()).toEqual({ rewrapped: 0, kekId: "kek-2" });

    // Only kek-2 is left: everything still reads.
    const after = await open(second);
    expect(await nameIn(after, legacy.streamId)).toBe("Alan Turing");
    expect(await nameIn(after, wrapped.streamId)).toBe("Edsger Dijkstra");
  });

  it("forgetting deletes the wrapped key: the fields read as erased", async () => {
    const store = await open(second);
    const { personId, streamId } = await register(store, "Barbara Liskov");
    await store.forgetSubject(personId);
    expect(await storedKey(personId)).toBeUndefined();
    expect(await nameIn(store, streamId)).toEqual(ERASED);
  });

  it("refuses a keyring whose current KEK is missing or whose keys are not 32 bytes", () => {
    expect(() => new LocalKeyring({ ...first, current: "kek-9" })).toThrow(/not in the keyring/);
    expect(() => new LocalKeyring({ ...first, keks: { "kek-1": "c2hvcnQ=" } })).toThrow(/32 bytes/);
    expect(() => LocalKeyring.fromJson("{")).toThrow(/not JSON/);
  });
});
