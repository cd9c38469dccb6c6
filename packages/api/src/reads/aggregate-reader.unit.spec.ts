import {
  type EventStore,
  MemoryEventLog,
  MemoryEventStore,
  type RecordedEvent,
} from "@claimstream/eventstore";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cny, issuePolicy, registerClaim, setReserve } from "../../test/support/fixtures.js";
import { auth, createTestApp, KEYS, type TestApp } from "../../test/support/test-app.js";
import type { Principal } from "../auth/principal.js";
import { PERSONAL_DATA } from "../privacy/personal-data.js";
import { TOKENS } from "../tokens.js";
import { AggregateReader } from "./aggregate-reader.js";

const ADMIN: Principal = { id: "admin-1", role: "admin", insurerId: null };
const ERASED = { erased: true };

// One server for the file, on a store that encrypts personal fields; every test has its own ids.
// Another store on the same log plays another process sharing the database.
const log = new MemoryEventLog();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ store: new MemoryEventStore({ personalData: PERSONAL_DATA, log }) });
});
afterAll(() => t.close());

const send = async (method: "GET" | "POST", url: string, payload?: object, key = KEYS.admin) =>
  t.app.inject({ method, url, headers: auth(key), ...(payload === undefined ? {} : { payload }) });

const openClaim = async (claimId: string, policyId: string) => {
  const policy = await send("POST", "/v1/policies", issuePolicy(policyId));
  expect(policy.statusCode).toBe(201);
  const claim = await send("POST", "/v1/claims", registerClaim(claimId, policyId));
  expect(claim.statusCode).toBe(201);
};

const readsOf = (store: EventStore, streamId: string) => {
  const spy = vi.spyOn(store, "readStream");
  return {
    count: () => spy.mock.calls.filter(([id, options]) => id === streamId && !options).length,
    restore: () => spy.mockRestore(),
  };
};

describe("GET of a current state (cached by stream version)", () => {
  it("folds a claim read again at the same version only once", async () => {
    await openClaim("C-CACHE-1", "P-CACHE-1");
    const first = await send("GET", "/v1/claims/C-CACHE-1");
    const reads = readsOf(t.store, "claim-C-CACHE-1");
    try {
      const again = await send("GET", "/v1/claims/C-CACHE-1");
      expect(again.json()).toEqual(first.json());
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(reads.count()).toBe(0);
    } finally {
      reads.restore();
    }
  });

  it("answers the new version and state right after a command, never the cached one", async () => {
    await openClaim("C-CACHE-2", "P-CACHE-2");
    const before = await send("GET", "/v1/claims/C-CACHE-2");
    expect(before.json().state.reserves.indemnity).toEqual(cny(0));
    const command = await send("POST", "/v1/claims/C-CACHE-2/commands", setReserve);
    expect(command.statusCode).toBe(200);
    const after = await send("GET", "/v1/claims/C-CACHE-2");
    expect(after.json().version).toBe(before.json().version + 1);
    expect(after.headers.etag).toBe(command.headers.etag);
    expect(after.json().state.reserves.indemnity).toEqual(setReserve.balance);
    const revalidated = await t.app.inject({
      method: "GET",
      url: "/v1/claims/C-CACHE-2",
      headers: auth(KEYS.admin, { "if-none-match": String(before.headers.etag) }),
    });
    expect(revalidated.statusCode).toBe(200);
  });

  it("sees a write made by another process on the same store at once", async () => {
    const other = await createTestApp({ store: t.store });
    try {
      await openClaim("C-CACHE-3", "P-CACHE-3");
      const initial = (await send("GET", "/v1/claims/C-CACHE-3")).json();
      expect(initial.state.reserves.indemnity).toEqual(cny(0));
      for (const [n, amount] of [300_000, 450_000].entries()) {
        const written = await other.app.inject({
          method: "POST",
          url: "/v1/claims/C-CACHE-3/commands",
          headers: auth(KEYS.admin),
          payload: { ...setReserve, balance: cny(amount) },
        });
        expect(written.statusCode, written.body).toBe(200);
        const read = (await send("GET", "/v1/claims/C-CACHE-3")).json();
        expect(read.version).toBe(written.json().version);
        expect(read.state.reserves.indemnity, `write ${n}`).toEqual(cny(amount));
      }
    } finally {
      await other.close();
    }
  });

  it("erases the holder of a policy read before its subject is forgotten", async () => {
    await openClaim("C-CACHE-4", "P-CACHE-4");
    const before = await send("GET", "/v1/policies/P-CACHE-4");
    expect(before.json().state.holder).toEqual({ name: "Li Wei" });
    expect((await send("GET", "/v1/claims/C-CACHE-4")).json().state.facts.reporter).not.toEqual(
      ERASED,
    );
    const forget = await send("POST", "/v1/subjects/policyholder-P-CACHE-4/forget");
    expect(forget.statusCode).toBe(200);
    const after = await send("GET", "/v1/policies/P-CACHE-4");
    expect(after.json().state.holder).toEqual(ERASED);
    expect(after.json().version).toBe(before.json().version);
    const claim = (await send("GET", "/v1/claims/C-CACHE-4")).json();
    expect(claim.state.facts.reporter).toEqual(ERASED);
  });
});

describe("the reader's state cache and forgetting elsewhere", () => {
  const holderOf = (reader: AggregateReader, policyId: string) => async () => {
    const policy = t.application.get(TOKENS.aggregates).byName("policy");
    const snapshot = await reader.current(policy, policyId, ADMIN);
    if (E.isLeft(snapshot)) throw new Error(snapshot.left.message);
    return (snapshot.right.state as { holder: unknown }).holder;
  };

  it("drops a state cached before another process forgot the subject once its store hears of it", async () => {
    await openClaim("C-CACHE-7", "P-CACHE-7");
    const clock = { now: 0 };
    const reader = new AggregateReader(t.store, {
      states: { maxEntries: 100, maxAgeMs: 60_000, now: () => clock.now },
    });
    const holder = holderOf(reader, "P-CACHE-7");
    expect(await holder()).toEqual({ name: "Li Wei" });
    const elsewhere = new MemoryEventStore({ personalData: PERSONAL_DATA, log });
    await elsewhere.forgetSubject("policyholder-P-CACHE-7");
    // Same version, long before maxAgeMs: only the forget notification can explain the refold.
    expect(await holder()).toEqual(ERASED);
  });

  it("folds again after maxAgeMs a state cached before a forget its store never heard of", async () => {
    await openClaim("C-CACHE-5", "P-CACHE-5");
    const clock = { now: 0 };
    // A store that hears no forgets, as EventStoreDB's other processes do.
    const deaf = new Proxy(t.store, {
      get: (target, property) => {
        if (property === "onSubjectForgotten") return () => () => undefined;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const reader = new AggregateReader(deaf, {
      states: { maxEntries: 100, maxAgeMs: 1_000, now: () => clock.now },
    });
    const holder = holderOf(reader, "P-CACHE-5");
    expect(await holder()).toEqual({ name: "Li Wei" });
    await t.store.forgetSubject("policyholder-P-CACHE-5");
    clock.now = 1_000;
    expect(await holder()).toEqual({ name: "Li Wei" });
    clock.now = 1_001;
    expect(await holder()).toEqual(ERASED);
  });

  it("does not cache a fold that began before a forget through the reader", async () => {
    await openClaim("C-CACHE-6", "P-CACHE-6");
    const policy = t.application.get(TOKENS.aggregates).byName("policy");
    const recorded: RecordedEvent[] = [];
    for await (const event of t.store.readStream("policy-P-CACHE-6")) recorded.push(event);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let folds = 0;
    const listeners = new Set<(subjectId: string | undefined) => void>();
    // A store whose stream read waits at the gate, holding the holder decrypted before the forget.
    const slow = {
      readStream: async function* (_streamId: string, options?: { maxCount?: number }) {
        if (options?.maxCount === undefined) {
          folds += 1;
          await gate;
        }
        yield* recorded;
      },
      streamVersion: async () => recorded.length,
      // As the port says: its own forgets reach its listeners before forgetSubject resolves.
      forgetSubject: async (subjectId: string) => {
        for (const listener of listeners) listener(subjectId);
      },
      onSubjectForgotten: (listener: (subjectId: string | undefined) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } as unknown as EventStore;
    const reader = new AggregateReader(slow);
    const inFlight = reader.current(policy, "P-CACHE-6", ADMIN);
    await vi.waitFor(() => expect(folds).toBe(1));
    await reader.forgetSubject("policyholder-P-CACHE-6");
    release();
    await inFlight;
    await reader.current(policy, "P-CACHE-6", ADMIN);
    expect(folds).toBe(2);
  });
});
