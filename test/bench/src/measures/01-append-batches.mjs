/**
 * Measure 1: append, one writer, 100-event batches to new streams.
 * Goal: ≥ 2× Emmett and ≥ 0.7× the limit (plain batched `INSERT … SELECT unnest`).
 */
import { connectLimit, insertRows } from "../contenders/limit-table.mjs";
import { loadEmmett } from "../contenders/load-emmett.mjs";
import { connectOurStore } from "../contenders/our-store.mjs";
import { createDatabase, dropDatabase } from "../database.mjs";
import { throughput, timed } from "../timing.mjs";
import { appendBatches } from "../workload/append-batches.mjs";
import { toEmmettEvent, toLimitRow, toOurEvent } from "../workload/event-shapes.mjs";

/** Warm-up (repetition 0) writes a tenth of the events. */
const batchesFor = (params, repetition) => {
  const batches = Math.ceil(params.events / params.batchSize);
  return repetition === 0 ? Math.ceil(batches / 10) : batches;
};

// Each repetition writes into a fresh database, so every one starts from empty tables.
const contender = (name, connect, append, close) => ({
  setup: (params) => ({ params }),
  run: async ({ params }, repetition) => {
    const database = `m1_${name}_r${repetition}`;
    const url = await createDatabase(params.adminUrl, database);
    const batches = appendBatches(
      batchesFor(params, repetition),
      params.batchSize,
      `r${repetition}x`,
    );
    const target = await connect(url);
    const { seconds } = await timed(async () => {
      for (const batch of batches) await append(target, batch);
    });
    await close(target);
    await dropDatabase(params.adminUrl, database);
    return throughput(batches.length * params.batchSize, seconds);
  },
});

export const ours = contender(
  "ours",
  connectOurStore,
  (store, { stream, events }) =>
    store.appendToStream(stream, events.map(toOurEvent), { expectedVersion: "no_stream" }),
  (store) => store.close(),
);

export const emmett = contender(
  "emmett",
  async (url) => (await loadEmmett()).connectEmmettStore(url),
  async (store, { stream, events }) =>
    store.appendToStream(stream, events.map(toEmmettEvent), {
      expectedStreamVersion: (await loadEmmett()).STREAM_DOES_NOT_EXIST,
    }),
  (store) => store.close(),
);

export const limit = contender(
  "limit",
  connectLimit,
  (db, { stream, events }) =>
    insertRows(
      db,
      events.map((event, index) => toLimitRow(stream, index + 1, event)),
    ),
  (db) => db.end(),
);
