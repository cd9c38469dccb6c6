/**
 * Measure 7: projection lag while claim stories are appended at a steady 1,000 events/s. The
 * loss-ratio and claims-list projections run in the writer's process (as in the API) on the
 * event store's database. An append's lag, per projection, is the time from its commit (the
 * append resolved) until that projection's checkpoint covers it, seen by polling the
 * checkpoints every 2 ms. Goal: p99 < 100 ms.
 */
import { performance } from "node:perf_hooks";
import { ProjectionRuntime } from "@claimstream/projections";
import pg from "pg";
import { connectOurStore } from "../contenders/our-store.mjs";
import { BENCH_PROJECTIONS } from "../contenders/read-models.mjs";
import { createDatabase, dropDatabase } from "../database.mjs";
import { latencyPercentiles } from "../statistics.mjs";
import { sleep } from "../timing.mjs";
import { claimStory, EVENTS_PER_STORY } from "../workload/claim-story.mjs";
import { toOurEvent } from "../workload/event-shapes.mjs";

const WRITERS = 4;
const POLL_MS = 2;

/** Writes stories so that event `k` is appended at `k / rate` seconds; records each commit. */
const appendAtRate = async (store, { rate, seconds, prefix, committed }) => {
  const started = performance.now();
  const total = Math.round(rate * seconds);
  let nextStory = 0;
  const writer = async () => {
    for (let n = nextStory++; n * EVENTS_PER_STORY < total; n = nextStory++) {
      const versions = new Map();
      let written = n * EVENTS_PER_STORY;
      for (const { stream, events } of claimStory(n, prefix)) {
        const due = started + (written / rate) * 1000;
        await sleep(Math.max(0, due - performance.now()));
        const version = versions.get(stream) ?? 0;
        const result = await store.appendToStream(stream, events.map(toOurEvent), {
          expectedVersion: version === 0 ? "no_stream" : version,
        });
        committed.push({ position: result.globalPositions.at(-1), at: performance.now() });
        versions.set(stream, result.nextExpectedVersion);
        written += events.length;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
};

/** Polls the live checkpoints until every commit is covered; returns the lags in ms. */
const observeLag = async (client, committed, appending) => {
  const lags = [];
  // Per projection: how far into `committed` it has looked, and the commits not yet covered.
  // Commits of concurrent writers do not arrive in position order, hence a list, not a cursor.
  const watch = new Map(BENCH_PROJECTIONS.map((p) => [p.name, { seen: 0, pending: [] }]));
  let done = false;
  appending.then(() => {
    done = true;
  });
  for (;;) {
    const finished = done;
    const { rows } = await client.query(
      "SELECT name, position::text AS position FROM projections.checkpoints WHERE slot = 'live'",
    );
    const now = performance.now();
    for (const row of rows) {
      const state = watch.get(row.name);
      if (state === undefined) continue;
      state.pending.push(...committed.slice(state.seen));
      state.seen = committed.length;
      const position = Number(row.position);
      state.pending = state.pending.filter((commit) => {
        if (commit.position > position) return true;
        lags.push(now - commit.at);
        return false;
      });
    }
    const settled = [...watch.values()].every(
      (s) => s.seen === committed.length && s.pending.length === 0,
    );
    if (finished && settled) return lags;
    await sleep(POLL_MS);
  }
};

export const ours = {
  setup: async (params) => {
    const url = await createDatabase(params.adminUrl, "m7_ours");
    const store = await connectOurStore(url);
    const runtime = new ProjectionRuntime({
      store,
      connectionString: url,
      projections: BENCH_PROJECTIONS,
    });
    await runtime.start();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { params, store, runtime, client };
  },
  run: async ({ params, store, client }, repetition) => {
    const seconds = repetition === 0 ? Math.max(1, params.seconds / 5) : params.seconds;
    const committed = [];
    const appending = appendAtRate(store, {
      rate: params.rate,
      seconds,
      prefix: `r${repetition}l`,
      committed,
    });
    const lags = await observeLag(client, committed, appending);
    const { p50, p99, count } = latencyPercentiles(lags);
    return { value: p99, p50, p99, count, rate: params.rate };
  },
  teardown: async ({ params, store, runtime, client }) => {
    await runtime.stop();
    await store.close();
    await client.end();
    await dropDatabase(params.adminUrl, "m7_ours");
  },
};
