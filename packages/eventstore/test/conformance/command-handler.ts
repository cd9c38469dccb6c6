import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  createCommandHandler,
  type EventStore,
  isConcurrencyError,
  isIdempotencyKeyReusedError,
  loadAggregate,
} from "../../src/index.js";
import { type AccountEvent, accountDecider, at } from "../support/bank-account.js";
import type { SuiteContext } from "./context.js";
import { collect, sleep, uniqueCategory } from "./harness.js";

/** A store on which someone else deposits 100 just before each of the next `times` appends. */
const withRival = (store: EventStore, times: number): EventStore => {
  let remaining = times;
  const deposit = { type: "MoneyDeposited", schemaVersion: 1, occurredAt: at, amount: 100 };
  return new Proxy(store, {
    get(target, property) {
      if (property === "appendToStream") {
        return async (...args: Parameters<EventStore["appendToStream"]>) => {
          if (remaining > 0) {
            remaining -= 1;
            await target.appendToStream(args[0], [{ type: deposit.type, data: deposit }], {
              expectedVersion: "any",
            });
          }
          return target.appendToStream(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
};

export const commandHandlerSuite = ({ open }: SuiteContext) =>
  describe("command handler", () => {
    const opened = async (store: EventStore, streamId: string) => {
      const handle = createCommandHandler({ store, decider: accountDecider });
      await handle(streamId, { type: "OpenAccount", occurredAt: at, owner: "ada" });
      await handle(streamId, { type: "Deposit", occurredAt: at, amount: 50 });
      return handle;
    };

    it("decides, appends with the loaded version and returns the new state", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = await opened(store, streamId);
      const result = await handle(streamId, { type: "Withdraw", occurredAt: at, amount: 20 });
      expect(result).toEqual(
        E.right({
          events: [{ type: "MoneyWithdrawn", schemaVersion: 1, occurredAt: at, amount: 20 }],
          nextExpectedVersion: 3,
          state: { open: true, balance: 30 },
          replayed: false,
        }),
      );
    });

    it("returns the decider's error and appends nothing", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = await opened(store, streamId);
      const result = await handle(streamId, { type: "Withdraw", occurredAt: at, amount: 500 });
      expect(E.isLeft(result) && result.left.code).toBe("validation.invalid_command");
      expect(await store.streamVersion(streamId)).toBe(2);
    });

    it("after a concurrent append, reloads and decides again on the fresh state", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await opened(store, streamId);
      const handle = createCommandHandler({ store: withRival(store, 1), decider: accountDecider });
      const result = await handle(streamId, { type: "Withdraw", occurredAt: at, amount: 30 });
      expect(E.isRight(result) && result.right.state).toEqual({ open: true, balance: 120 });
      expect(E.isRight(result) && result.right.nextExpectedVersion).toBe(4);
    });

    it("gives up with a ConcurrencyError once its retries are spent", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      await opened(store, streamId);
      const rival = withRival(store, 10);
      const handle = createCommandHandler({ store: rival, decider: accountDecider, maxRetries: 2 });
      const result = await handle(streamId, { type: "Deposit", occurredAt: at, amount: 1 });
      expect(E.isLeft(result) && isConcurrencyError(result.left)).toBe(true);
      expect(await store.streamVersion(streamId)).toBe(5);
    });

    it("a caller's expected version that no longer matches fails at once, without retry", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = await opened(store, streamId);
      const stale = await handle(
        streamId,
        { type: "Deposit", occurredAt: at, amount: 1 },
        { expectedVersion: 1 },
      );
      expect(E.isLeft(stale) && stale.left).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
      const raced = createCommandHandler({ store: withRival(store, 1), decider: accountDecider });
      const lost = await raced(
        streamId,
        { type: "Deposit", occurredAt: at, amount: 1 },
        { expectedVersion: 2 },
      );
      expect(E.isLeft(lost) && isConcurrencyError(lost.left)).toBe(true);
      expect(await store.streamVersion(streamId)).toBe(3);
    });

    it("a repeated idempotency key returns the first result without deciding again", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = await opened(store, streamId);
      const withdraw = { type: "Withdraw", occurredAt: at, amount: 30 } as const;
      const first = await handle(streamId, withdraw, { idempotencyKey: "req-1" });
      await handle(streamId, { type: "Deposit", occurredAt: at, amount: 5 });
      const again = await handle(streamId, withdraw, {
        idempotencyKey: "req-1",
        expectedVersion: 2,
      });
      expect(E.isRight(first) && E.isRight(again)).toBe(true);
      if (E.isRight(first) && E.isRight(again)) {
        expect(again.right).toEqual({ ...first.right, replayed: true });
      }
      expect((await loadAggregate(store, accountDecider, streamId)).state.balance).toBe(25);
    });

    it("a key reused for another request is refused, alone or racing the first", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = await opened(store, streamId);
      const withdraw = { type: "Withdraw", occurredAt: at, amount: 30 } as const;
      const once = { idempotencyKey: "req-2", idempotencyFingerprint: "sha256:aaa" };
      const first = await handle(streamId, withdraw, once);
      expect(E.isRight(first) && first.right.replayed).toBe(false);
      // The same request again is a replay; another request under the key is refused.
      const again = await handle(streamId, withdraw, once);
      expect(E.isRight(again) && again.right.replayed).toBe(true);
      const other = { type: "Withdraw", occurredAt: at, amount: 10 } as const;
      const reused = await handle(streamId, other, { ...once, idempotencyFingerprint: "sha256:b" });
      expect(E.isLeft(reused) && isIdempotencyKeyReusedError(reused.left)).toBe(true);
      // Two different requests racing under one new key: one is applied, the other refused.
      const race = await Promise.all(
        [5, 7].map((amount) =>
          handle(
            streamId,
            { type: "Deposit", occurredAt: at, amount },
            { idempotencyKey: "req-3", idempotencyFingerprint: `sha256:${amount}` },
          ),
        ),
      );
      const applied = race.filter((result) => E.isRight(result) && !result.right.replayed);
      const refused = race.filter((r) => E.isLeft(r) && isIdempotencyKeyReusedError(r.left));
      expect([applied.length, refused.length]).toEqual([1, 1]);
      const { state, version } = await loadAggregate(store, accountDecider, streamId);
      expect(version).toBe(4);
      expect([25, 27]).toContain(state.balance);
    });

    it("passes metadata through and takes occurredAt and schemaVersion from each event", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = createCommandHandler({ store, decider: accountDecider });
      await handle(
        streamId,
        { type: "OpenAccount", occurredAt: "2025-12-31T23:00:00.000Z", owner: "ada" },
        {
          metadata: { correlationId: "c-1", actor: { id: "u-1", role: "clerk" }, tenantId: "t-1" },
        },
      );
      const [event] = await collect(store.readStream(streamId));
      expect(event?.type).toBe("AccountOpened");
      expect(event?.data as AccountEvent).toMatchObject({ owner: "ada", schemaVersion: 1 });
      expect(event?.metadata).toMatchObject({
        occurredAt: "2025-12-31T23:00:00.000Z",
        schemaVersion: 1,
        correlationId: "c-1",
        actor: { id: "u-1", role: "clerk" },
        tenantId: "t-1",
      });
    });

    it("loadAggregate folds a stream as of a recorded time", async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = await opened(store, streamId);
      const [, deposit] = await collect(store.readStream(streamId));
      await sleep(15);
      await handle(streamId, { type: "Deposit", occurredAt: at, amount: 7 });
      const then = await loadAggregate(store, accountDecider, streamId, {
        upToRecordedAt: deposit?.metadata.recordedAt,
      });
      expect(then).toMatchObject({ version: 2, state: { open: true, balance: 50 } });
    });
  });
