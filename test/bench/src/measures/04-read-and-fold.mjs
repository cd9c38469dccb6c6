/**
 * Measure 4: read one 1,000-event claim stream and fold it with the claim decider (what
 * loading an aggregate costs). Ours: `loadAggregate`; Emmett: `aggregateStream`; limit: one
 * plain `SELECT data … ORDER BY stream_position` of an equivalent table, then the same fold.
 * Goal: ≥ Emmett.
 */
import { claimDecider, foldEvents } from "@claimstream/domain";
import { loadAggregate } from "@claimstream/eventstore";
import { emmettClaimFold } from "../contenders/claim-handlers.mjs";
import { connectLimit, insertRows } from "../contenders/limit-table.mjs";
import { loadEmmett } from "../contenders/load-emmett.mjs";
import { connectOurStore } from "../contenders/our-store.mjs";
import { createDatabase, dropDatabase } from "../database.mjs";
import { throughput, timed } from "../timing.mjs";
import { toEmmettEvent, toLimitRow, toOurEvent } from "../workload/event-shapes.mjs";
import { longClaimEvents } from "../workload/long-claim.mjs";

const STREAM = "claim-C-long";
const chunks = (events, size) =>
  Array.from({ length: Math.ceil(events.length / size) }, (_, i) =>
    events.slice(i * size, (i + 1) * size),
  );

const readsFor = (params, repetition) =>
  repetition === 0 ? Math.ceil(params.reads / 5) : params.reads;

const contender = (name, prepare, readAndFold, close) => ({
  setup: async (params) => {
    const url = await createDatabase(params.adminUrl, `m4_${name}`);
    const target = await prepare(url, longClaimEvents(params.streamLength));
    return { params, target, database: `m4_${name}` };
  },
  run: async ({ params, target }, repetition) => {
    const reads = readsFor(params, repetition);
    const { seconds } = await timed(async () => {
      for (let i = 0; i < reads; i += 1) {
        const state = await readAndFold(target);
        if (state.status === undefined) throw new Error("folded no claim");
      }
    });
    return throughput(reads, seconds);
  },
  teardown: async ({ params, target, database }) => {
    await close(target);
    await dropDatabase(params.adminUrl, database);
  },
});

export const ours = contender(
  "ours",
  async (url, events) => {
    const store = await connectOurStore(url);
    let version = 0;
    for (const chunk of chunks(events, 100)) {
      ({ nextExpectedVersion: version } = await store.appendToStream(
        STREAM,
        chunk.map(toOurEvent),
        {
          expectedVersion: version === 0 ? "no_stream" : version,
        },
      ));
    }
    return store;
  },
  async (store) => (await loadAggregate(store, claimDecider, STREAM)).state,
  (store) => store.close(),
);

export const emmett = contender(
  "emmett",
  async (url, events) => {
    const store = await (await loadEmmett()).connectEmmettStore(url);
    for (const chunk of chunks(events, 100)) {
      await store.appendToStream(STREAM, chunk.map(toEmmettEvent));
    }
    return store;
  },
  async (store) => (await store.aggregateStream(STREAM, emmettClaimFold)).state,
  (store) => store.close(),
);

export const limit = contender(
  "limit",
  async (url, events) => {
    const db = await connectLimit(url);
    for (const [c, chunk] of chunks(events, 100).entries()) {
      await insertRows(
        db,
        chunk.map((event, i) => toLimitRow(STREAM, c * 100 + i + 1, event)),
      );
    }
    return db;
  },
  async (db) => {
    const { rows } = await db.query(
      "SELECT data FROM limit_events WHERE stream_id = $1 ORDER BY stream_position",
      [STREAM],
    );
    return foldEvents(
      claimDecider,
      rows.map((row) => row.data),
    );
  },
  (db) => db.end(),
);
