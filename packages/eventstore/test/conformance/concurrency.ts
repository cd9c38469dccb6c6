import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createCommandHandler, loadAggregate } from "../../src/index.js";
import { accountDecider, at } from "../support/bank-account.js";
import type { SuiteContext } from "./context.js";
import { isStrictlyIncreasing, numbered, receive, uniqueCategory } from "./harness.js";

const WRITERS = 8;
const APPENDS_PER_WRITER = 40;

export const concurrencySuite = ({ open }: SuiteContext) =>
  describe("concurrency", () => {
    it(`${WRITERS} concurrent writers, a live $all subscription and a polling reader: every event arrives once, in order`, async () => {
      const store = await open({ pageSize: 50 });
      const category = uniqueCategory();
      const start = await store.headPosition();
      const filter = { categories: [category] };
      const expectedCount = WRITERS * APPENDS_PER_WRITER * 2;
      const live = receive(
        store.subscribeToAll({ fromPosition: start, filter }),
        expectedCount,
        30_000,
      );
      let writing = true;
      const polled: number[] = [];
      const poll = async () => {
        // A projection that polls with a checkpoint: read after it until nothing is left.
        for (let cursor = start, draining = false; writing || !draining; ) {
          draining = !writing;
          for await (const event of store.readAll({ fromPosition: cursor, filter })) {
            polled.push(event.globalPosition);
            cursor = event.globalPosition;
          }
        }
      };
      const polling = poll();
      const written = await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          const positions: number[] = [];
          for (let i = 0; i < APPENDS_PER_WRITER; i += 1) {
            const stream = `${category}-w${writer}-${i % 3}`;
            const result = await store.appendToStream(stream, numbered(2), {
              expectedVersion: "any",
            });
            positions.push(...result.globalPositions);
          }
          return positions;
        }),
      );
      writing = false;
      await polling;
      const appended = written.flat().sort((a, b) => a - b);
      const delivered = (await live.done).map((event) => event.globalPosition);
      expect(isStrictlyIncreasing(delivered)).toBe(true);
      expect(delivered).toEqual(appended);
      expect(polled).toEqual(appended);
    });

    it(`${WRITERS} command handlers on one stream lose no update`, async () => {
      const store = await open();
      const streamId = `${uniqueCategory()}-1`;
      const handle = createCommandHandler({ store, decider: accountDecider, maxRetries: 50 });
      await handle(streamId, { type: "OpenAccount", occurredAt: at, owner: "ada" });
      const results = await Promise.all(
        Array.from({ length: WRITERS }, async () => {
          const outcomes = [];
          for (let i = 0; i < 3; i += 1) {
            outcomes.push(await handle(streamId, { type: "Deposit", occurredAt: at, amount: 1 }));
          }
          return outcomes;
        }),
      );
      expect(results.flat().every(E.isRight)).toBe(true);
      const { state, version } = await loadAggregate(store, accountDecider, streamId);
      expect(state.balance).toBe(WRITERS * 3);
      expect(version).toBe(WRITERS * 3 + 1);
      expect(await store.verifyStream(streamId)).toMatchObject({ ok: true });
    });
  });
