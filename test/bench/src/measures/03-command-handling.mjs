/**
 * Measure 3: command handling end to end (load the stream, fold, decide, append) with the
 * claim decider, on 20-event claim streams, one command at a time. The command is a reserve
 * change (one event). Goal: ≥ 1.5× Emmett's `CommandHandler` with the same decider.
 */
import { emmettClaimHandler, ourClaimHandler } from "../contenders/claim-handlers.mjs";
import { loadEmmett } from "../contenders/load-emmett.mjs";
import { connectOurStore } from "../contenders/our-store.mjs";
import { createDatabase, dropDatabase, loaderPool } from "../database.mjs";
import { throughput, timed } from "../timing.mjs";
import { claimPrefix } from "../workload/claim-story.mjs";
import { toEmmettEvent, toOurEvent } from "../workload/event-shapes.mjs";

const STREAM_LENGTH = 20;

const setReserve = (i) => ({
  type: "SetReserve",
  schemaVersion: 1,
  occurredAt: "2026-03-09T09:00:00.000Z",
  costType: "expense",
  balance: { amount: 10_000 + i, currency: "CNY" },
});

// Every repetition gets fresh 20-event streams in a fresh database (written untimed).
const contender = (name, load, handler) => ({
  setup: (params) => ({ params }),
  run: async ({ params }, repetition) => {
    const database = `m3_${name}_r${repetition}`;
    const url = await createDatabase(params.adminUrl, database);
    const count = repetition === 0 ? Math.ceil(params.commands / 10) : params.commands;
    const streams = Array.from({ length: count }, (_, i) =>
      claimPrefix(i, STREAM_LENGTH, `r${repetition}c`),
    );
    await load(url, streams);
    const { store, handle } = await handler(url);
    const { seconds } = await timed(async () => {
      for (const [i, { stream }] of streams.entries()) await handle(stream, setReserve(i));
    });
    await store.close();
    await dropDatabase(params.adminUrl, database);
    return throughput(count, seconds);
  },
});

const loadOurs = async (url, streams) => {
  const pool = loaderPool(url);
  const store = await connectOurStore(url, { pool });
  for (const { stream, events } of streams) {
    await store.appendToStream(stream, events.map(toOurEvent), { expectedVersion: "no_stream" });
  }
  await store.close();
  await pool.end();
};

export const ours = contender("ours", loadOurs, async (url) => {
  const store = await connectOurStore(url);
  return { store, handle: ourClaimHandler(store) };
});

export const emmett = contender(
  "emmett",
  async (url, streams) => {
    const { connectEmmettStore } = await loadEmmett();
    const store = await connectEmmettStore(url);
    for (const { stream, events } of streams) {
      await store.appendToStream(stream, events.map(toEmmettEvent));
    }
    await store.close();
  },
  async (url) => {
    const { connectEmmettStore, CommandHandler } = await loadEmmett();
    const store = await connectEmmettStore(url);
    return { store, handle: emmettClaimHandler(store, CommandHandler) };
  },
);
