/**
 * Measure 2: append, 8 concurrent writers, single-event commits with an expected version.
 * Each writer appends to its own streams in turn, passing the version it last saw. Limit: one
 * single-row `INSERT` per commit, the unique (stream, position) key doing the version check.
 * Goal: ≥ 1.5× Emmett.
 */
import { connectLimit, insertRows } from "../contenders/limit-table.mjs";
import { loadEmmett } from "../contenders/load-emmett.mjs";
import { connectOurStore } from "../contenders/our-store.mjs";
import { createDatabase, dropDatabase } from "../database.mjs";
import { throughput, timed } from "../timing.mjs";
import { claimEvents } from "../workload/append-batches.mjs";
import { toEmmettEvent, toLimitRow, toOurEvent } from "../workload/event-shapes.mjs";

const STREAMS_PER_WRITER = 4;

/** Each writer's streams and the events it appends to them, in order. */
const writerPlan = (writer, eventsPerWriter, prefix) =>
  Array.from({ length: STREAMS_PER_WRITER }, (_, s) =>
    claimEvents(
      writer * STREAMS_PER_WRITER + s,
      Math.ceil(eventsPerWriter / STREAMS_PER_WRITER),
      prefix,
    ),
  );

const contender = (name, connect, appendOne, close) => ({
  setup: (params) => ({ params }),
  run: async ({ params }, repetition) => {
    const database = `m2_${name}_r${repetition}`;
    const url = await createDatabase(params.adminUrl, database);
    const perWriter =
      repetition === 0 ? Math.ceil(params.eventsPerWriter / 10) : params.eventsPerWriter;
    const plans = Array.from({ length: params.writers }, (_, w) =>
      writerPlan(w, perWriter, `r${repetition}w`),
    );
    const target = await connect(url);
    const writer = async (streams) => {
      const versions = streams.map(() => 0);
      for (let i = 0; i < perWriter; i += 1) {
        const s = i % streams.length;
        const { stream, events } = streams[s];
        const version = versions[s];
        await appendOne(target, stream, events[version], version);
        versions[s] = version + 1;
      }
    };
    const { seconds } = await timed(() => Promise.all(plans.map(writer)));
    await close(target);
    await dropDatabase(params.adminUrl, database);
    return throughput(perWriter * params.writers, seconds);
  },
});

export const ours = contender(
  "ours",
  connectOurStore,
  (store, stream, event, version) =>
    store.appendToStream(stream, [toOurEvent(event)], {
      expectedVersion: version === 0 ? "no_stream" : version,
    }),
  (store) => store.close(),
);

export const emmett = contender(
  "emmett",
  async (url) => (await loadEmmett()).connectEmmettStore(url),
  async (store, stream, event, version) =>
    store.appendToStream(stream, [toEmmettEvent(event)], {
      expectedStreamVersion:
        version === 0 ? (await loadEmmett()).STREAM_DOES_NOT_EXIST : BigInt(version),
    }),
  (store) => store.close(),
);

export const limit = contender(
  "limit",
  connectLimit,
  (db, stream, event, version) => insertRows(db, [toLimitRow(stream, version + 1, event)]),
  (db) => db.end(),
);
