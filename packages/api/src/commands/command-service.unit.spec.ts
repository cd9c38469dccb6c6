import { type EventStore, MemoryEventStore } from "@claimstream/eventstore";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cny, issuePolicy, registerClaim, setReserve } from "../../test/support/fixtures.js";
import { auth, createTestApp, KEYS, type TestApp } from "../../test/support/test-app.js";
import { PERSONAL_DATA } from "../privacy/personal-data.js";

const ERASED = { erased: true };

// One server for the file, on a store that encrypts personal fields; every test has its own ids.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ store: new MemoryEventStore({ personalData: PERSONAL_DATA }) });
});
afterAll(() => t.close());

const post = (app: TestApp, url: string, payload: object) =>
  app.app.inject({ method: "POST", url, headers: auth(KEYS.admin), payload });

const openClaim = async (claimId: string, policyId: string) => {
  expect((await post(t, "/v1/policies", issuePolicy(policyId))).statusCode).toBe(201);
  expect((await post(t, "/v1/claims", registerClaim(claimId, policyId))).statusCode).toBe(201);
};

// Whole-stream and catch-up reads of one stream while `run` goes on.
const readsDuring = async (store: EventStore, streamId: string, run: () => Promise<void>) => {
  const spy = vi.spyOn(store, "readStream");
  try {
    await run();
    return spy.mock.calls.filter(([id]) => id === streamId).length;
  } finally {
    spy.mockRestore();
  }
};

const reserve = (amount: number) => ({ ...setReserve, balance: cny(amount) });

describe("commands decide on the cached state of their aggregate", () => {
  it("reads a claim's stream for its first command only", async () => {
    await openClaim("C-CMD-1", "P-CMD-1");
    const first = await readsDuring(t.store, "claim-C-CMD-1", async () => {
      expect((await post(t, "/v1/claims/C-CMD-1/commands", reserve(100_000))).statusCode).toBe(200);
    });
    const second = await readsDuring(t.store, "claim-C-CMD-1", async () => {
      const answer = await post(t, "/v1/claims/C-CMD-1/commands", reserve(200_000));
      expect(answer.statusCode).toBe(200);
      expect(answer.json().state.reserves.indemnity).toEqual(cny(200_000));
    });
    expect([first, second]).toEqual([1, 0]);
  });

  it("catches up with a write made elsewhere and decides on the fresh state", async () => {
    await openClaim("C-CMD-2", "P-CMD-2");
    const other = await createTestApp({ store: t.store });
    try {
      const cached = await post(t, "/v1/claims/C-CMD-2/commands", reserve(100_000));
      const expense = { ...setReserve, costType: "expense", balance: cny(40_000) };
      const elsewhere = await post(other, "/v1/claims/C-CMD-2/commands", expense);
      expect([cached.statusCode, elsewhere.statusCode]).toEqual([200, 200]);
      const next = await post(t, "/v1/claims/C-CMD-2/commands", reserve(150_000));
      expect(next.statusCode, next.body).toBe(200);
      expect(next.json().version).toBe(elsewhere.json().version + 1);
      expect(next.json().state.reserves.expense).toEqual(cny(40_000));
      expect(next.json().state.reserves.indemnity).toEqual(cny(150_000));
    } finally {
      await other.close();
    }
  });

  it("drops cached states when a subject is forgotten: no erased field is decided on again", async () => {
    await openClaim("C-CMD-3", "P-CMD-3");
    const before = await post(t, "/v1/claims/C-CMD-3/commands", reserve(100_000));
    expect(before.json().state.facts.reporter).toEqual({ name: "Li Wei" });
    const forget = await post(t, "/v1/subjects/policyholder-P-CMD-3/forget", {});
    expect(forget.statusCode).toBe(200);
    const after = await post(t, "/v1/claims/C-CMD-3/commands", reserve(120_000));
    expect(after.statusCode).toBe(200);
    expect(after.json().state.facts.reporter).toEqual(ERASED);
  });
});

describe("an Idempotency-Key is bound to its request", () => {
  const keyed = (url: string, payload: object, key: string) =>
    t.app.inject({
      method: "POST",
      url,
      headers: auth(KEYS.admin, { "idempotency-key": key }),
      payload,
    });
  const versionOf = async (claimId: string) =>
    (
      await t.app.inject({ method: "GET", url: `/v1/claims/${claimId}`, headers: auth(KEYS.admin) })
    ).json().version as number;

  it("replays the same body, whatever its keys' order, and refuses another body with 422", async () => {
    await openClaim("C-KEY-1", "P-KEY-1");
    const body = reserve(100_000);
    const first = await keyed("/v1/claims/C-KEY-1/commands", body, "k-1");
    expect(first.statusCode).toBe(200);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await keyed("/v1/claims/C-KEY-1/commands", reordered, "k-1");
    expect([again.statusCode, again.headers["idempotent-replayed"]]).toEqual([200, "true"]);
    const before = await versionOf("C-KEY-1");
    const other = await keyed("/v1/claims/C-KEY-1/commands", reserve(999_000), "k-1");
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: "idempotency.key_reused", status: 422 });
    expect(await versionOf("C-KEY-1")).toBe(before);
  });

  it("lets one of two different bodies racing under one key through and refuses the other", async () => {
    await openClaim("C-KEY-2", "P-KEY-2");
    const before = await versionOf("C-KEY-2");
    const answers = await Promise.all(
      [110_000, 120_000].map((amount) =>
        keyed("/v1/claims/C-KEY-2/commands", reserve(amount), "k-race"),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 422]);
    expect(await versionOf("C-KEY-2")).toBe(before + 1);
  });
});
