import { type DomainError, foldEvents } from "@claimstream/domain";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  type CommandHandler,
  createAggregateCache,
  createCommandHandler,
  type EventStore,
  isConcurrencyError,
  loadAggregate,
} from "../../src/index.js";
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  accountDecider,
  at,
} from "../support/bank-account.js";
import type { SuiteContext } from "./context.js";
import { collect, uniqueCategory } from "./harness.js";

type AccountHandler = CommandHandler<AccountCommand, AccountEvent, AccountState, DomainError>;

const open = { type: "OpenAccount", occurredAt: at, owner: "ada" } as const;
const deposit = (amount: number) => ({ type: "Deposit", occurredAt: at, amount }) as const;
const withdraw = (amount: number) => ({ type: "Withdraw", occurredAt: at, amount }) as const;

/** A handler with a cache of its own, like one API process among several. */
const cachedHandler = (store: EventStore, maxRetries = 3): AccountHandler =>
  createCommandHandler({
    store,
    decider: accountDecider,
    maxRetries,
    cache: createAggregateCache<AccountState>({ maxStreams: 100 }),
  });

/** A store that counts `readStream` calls. */
const countingReads = (store: EventStore): { store: EventStore; reads: () => number } => {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property) {
      if (property === "readStream") {
        return (...args: Parameters<EventStore["readStream"]>) => {
          reads += 1;
          return target.readStream(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store: counted, reads: () => reads };
};

/** Someone else (another process, an import) appends a deposit of `amount`. */
const foreignDeposit = (store: EventStore, streamId: string, amount: number) => {
  const event: AccountEvent = { type: "MoneyDeposited", schemaVersion: 1, occurredAt: at, amount };
  return store.appendToStream(streamId, [{ type: event.type, data: event }], {
    expectedVersion: "any",
  });
};

const stateAt = async (store: EventStore, streamId: string, version: number) => {
  const recorded = await collect(store.readStream(streamId, { toVersion: version }));
  return foldEvents(
    accountDecider,
    recorded.map((event) => event.data as AccountEvent),
  );
};

// One step of a script: who acts (a cached process, the cache-less handler, a foreign writer).
type Actor = { kind: "process"; index: number } | { kind: "plain" } | { kind: "foreign" };
interface Step {
  readonly actor: Actor;
  readonly command: AccountCommand;
  readonly key?: string;
}

// An idempotency key names one request, so a key always comes with the same command here.
const stepArbitrary: fc.Arbitrary<Step> = fc
  .record({
    actor: fc.oneof(
      fc.record({ kind: fc.constant("process" as const), index: fc.integer({ min: 0, max: 2 }) }),
      fc.constant({ kind: "plain" as const }),
      fc.constant({ kind: "foreign" as const }),
    ),
    command: fc.oneof(
      fc.integer({ min: 1, max: 40 }).map(deposit),
      fc.integer({ min: 1, max: 60 }).map(withdraw),
    ),
    keyed: fc.boolean(),
  })
  .map(({ actor, command, keyed }) =>
    keyed ? { actor, command, key: `${command.type}-${command.amount}` } : { actor, command },
  );

/** Runs a script's steps on one stream; `processes` are the cached handlers. */
const runStep = async (
  store: EventStore,
  streamId: string,
  handlers: { processes: readonly AccountHandler[]; plain: AccountHandler },
  step: Step,
) => {
  const options = step.key === undefined ? {} : { idempotencyKey: step.key };
  if (step.actor.kind === "foreign") {
    if (step.command.type !== "Deposit") return "foreign: nothing";
    await foreignDeposit(store, streamId, step.command.amount);
    return "foreign: deposited";
  }
  const handle =
    step.actor.kind === "plain"
      ? handlers.plain
      : (handlers.processes[step.actor.index] ?? handlers.plain);
  const result = await handle(streamId, step.command, options);
  return E.isLeft(result) ? { refused: result.left.code } : result.right;
};

export const commandHandlerCacheSuite = ({ open: openStore }: SuiteContext) =>
  describe("command handler with an aggregate cache", () => {
    it("reads a cached stream only once while no one else writes to it", async () => {
      const { store, reads } = countingReads(await openStore());
      const streamId = `${uniqueCategory()}-1`;
      const handle = cachedHandler(store);
      await handle(streamId, open);
      await handle(streamId, deposit(50));
      const result = await handle(streamId, withdraw(20));
      expect(E.isRight(result) && result.right.state).toEqual({ open: true, balance: 30 });
      expect(reads()).toBe(1);
    });

    it("after a foreign write, appends on the fresh state, not the stale cached one", async () => {
      const store = await openStore();
      const streamId = `${uniqueCategory()}-1`;
      const handle = cachedHandler(store);
      await handle(streamId, open);
      await handle(streamId, deposit(50));
      await foreignDeposit(store, streamId, 100);
      const result = await handle(streamId, withdraw(20));
      expect(E.isRight(result) && result.right).toMatchObject({
        nextExpectedVersion: 4,
        state: { open: true, balance: 130 },
      });
      expect((await loadAggregate(store, accountDecider, streamId)).state.balance).toBe(130);
    });

    it("a refusal on a stale cached state is decided again on the fresh state", async () => {
      const store = await openStore();
      const streamId = `${uniqueCategory()}-1`;
      const handle = cachedHandler(store);
      await handle(streamId, open);
      await handle(streamId, deposit(50));
      await foreignDeposit(store, streamId, 100);
      // The cached balance (50) would refuse this; the fresh one (150) allows it.
      const result = await handle(streamId, withdraw(120));
      expect(E.isRight(result) && result.right).toMatchObject({
        nextExpectedVersion: 4,
        state: { open: true, balance: 30 },
      });
    });

    it("a stale cache entry does not spend the retries meant for contention", async () => {
      const store = await openStore();
      const streamId = `${uniqueCategory()}-1`;
      const handle = cachedHandler(store, 0);
      await handle(streamId, open);
      await foreignDeposit(store, streamId, 5);
      const result = await handle(streamId, deposit(1));
      expect(E.isRight(result) && result.right.state).toEqual({ open: true, balance: 6 });
    });

    it("compares an If-Match version with the stream, not with the cache", async () => {
      const store = await openStore();
      const streamId = `${uniqueCategory()}-1`;
      const handle = cachedHandler(store);
      await handle(streamId, open);
      await foreignDeposit(store, streamId, 5);
      const current = await handle(streamId, deposit(1), { expectedVersion: 2 });
      expect(E.isRight(current) && current.right.nextExpectedVersion).toBe(3);
      await foreignDeposit(store, streamId, 5);
      const stale = await handle(streamId, deposit(1), { expectedVersion: 3 });
      expect(E.isLeft(stale) && stale.left).toMatchObject({ expectedVersion: 3, actualVersion: 4 });
    });

    it("replays an idempotency key another process's handler used first", async () => {
      const store = await openStore();
      const streamId = `${uniqueCategory()}-1`;
      const [first, second] = [cachedHandler(store), cachedHandler(store)];
      await first(streamId, open);
      await first(streamId, deposit(50));
      await second(streamId, deposit(1));
      const original = await first(streamId, withdraw(30), { idempotencyKey: "req-1" });
      await first(streamId, deposit(2));
      const fromOther = await second(streamId, withdraw(30), { idempotencyKey: "req-1" });
      const fromSame = await first(streamId, withdraw(30), { idempotencyKey: "req-1" });
      expect(E.isRight(original)).toBe(true);
      if (E.isRight(original)) {
        expect(fromOther).toEqual(E.right({ ...original.right, replayed: true }));
        expect(fromSame).toEqual(E.right({ ...original.right, replayed: true }));
      }
      expect((await loadAggregate(store, accountDecider, streamId)).state.balance).toBe(23);
    });

    it("gives the same results and events as handlers without a cache, whatever the interleaving (property)", async () => {
      const store = await openStore();
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArbitrary, { minLength: 1, maxLength: 14 }),
          async (steps) => {
            const category = uniqueCategory();
            const run = async (streamId: string, cached: boolean) => {
              const make = () =>
                cached
                  ? cachedHandler(store)
                  : createCommandHandler({ store, decider: accountDecider });
              const handlers = { processes: [make(), make(), make()], plain: make() };
              await handlers.plain(streamId, open);
              const outcomes = [];
              for (const step of steps)
                outcomes.push(await runStep(store, streamId, handlers, step));
              const events = await collect(store.readStream(streamId));
              return { outcomes, events: events.map((event) => [event.type, event.data]) };
            };
            const withCache = await run(`${category}-cached`, true);
            const without = await run(`${category}-plain`, false);
            expect(withCache).toEqual(without);
          },
        ),
        { numRuns: 25 },
      );
    });

    it("under concurrent writers, every result's state is the fold of the stream up to its version and no withdrawal overdraws (property)", async () => {
      const store = await openStore();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(stepArbitrary, { maxLength: 6 }), { minLength: 2, maxLength: 4 }),
          async (lanes) => {
            const streamId = `${uniqueCategory()}-1`;
            const shared = [cachedHandler(store, 50), cachedHandler(store, 50)];
            const plain = createCommandHandler({ store, decider: accountDecider, maxRetries: 50 });
            await plain(streamId, open);
            const outcomes = await Promise.all(
              lanes.map(async (lane, index) => {
                // Each lane is one process: its own cache, or one shared with another lane.
                const process = shared[index % 2] ?? plain;
                const handlers = { processes: [process], plain };
                const results = [];
                for (const step of lane) {
                  const actor: Actor =
                    step.actor.kind === "process" ? { kind: "process", index: 0 } : step.actor;
                  results.push(await runStep(store, streamId, handlers, { ...step, actor }));
                }
                return results;
              }),
            );
            for (const outcome of outcomes.flat()) {
              if (typeof outcome === "string" || "refused" in outcome) continue;
              const folded = await stateAt(store, streamId, outcome.nextExpectedVersion);
              expect(outcome.state).toEqual(folded);
            }
            const recorded = await collect(store.readStream(streamId));
            let balance = 0;
            for (const event of recorded.map((e) => e.data as AccountEvent)) {
              balance = accountDecider.evolve({ open: true, balance }, event).balance;
              expect(balance).toBeGreaterThanOrEqual(0);
            }
          },
        ),
        { numRuns: 15 },
      );
    });

    it("a conflict with no retries left is still reported", async () => {
      const store = await openStore();
      const streamId = `${uniqueCategory()}-1`;
      const handle = cachedHandler(store, 0);
      await handle(streamId, open);
      await foreignDeposit(store, streamId, 5);
      const result = await handle(streamId, deposit(1), { expectedVersion: 1 });
      expect(E.isLeft(result) && isConcurrencyError(result.left)).toBe(true);
    });
  });
