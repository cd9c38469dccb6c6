/**
 * Measure 5: read `$all` in order (1M events). Ours: `readAll()` (gap-safe barrier, decoding,
 * upcasting). Limit: plain `pg` keyset pages (`WHERE global_position > $1 ORDER BY … LIMIT
 * 1000`) of the same columns of the same table. Goal: ≥ 0.5× the limit.
 */
import pg from "pg";
import { connectOurStore } from "../contenders/our-store.mjs";
import { throughput, timed } from "../timing.mjs";
import { ensureHistory, storiesFor } from "../workload/history-fixture.mjs";

const setup = async (params) => ({
  params,
  full: await ensureHistory(params.adminUrl, storiesFor(params.events)),
  warm: await ensureHistory(params.adminUrl, storiesFor(params.events / 10)),
});

export const ours = {
  setup,
  run: async ({ full, warm }, repetition) => {
    const store = await connectOurStore(repetition === 0 ? warm : full);
    const { result, seconds } = await timed(async () => {
      let count = 0;
      for await (const _ of store.readAll()) count += 1;
      return count;
    });
    await store.close();
    return throughput(result, seconds);
  },
};

const PAGE = `SELECT e.global_position::text AS global_position, e.stream_id,
  e.stream_position::text AS stream_position, e.event_id::text AS event_id, e.type, e.data,
  e.metadata, e.recorded_at, e.previous_hash, e.hash
  FROM eventstore.events e WHERE e.global_position > $1 ORDER BY e.global_position LIMIT 1000`;

export const limit = {
  setup,
  run: async ({ full, warm }, repetition) => {
    const client = new pg.Client({ connectionString: repetition === 0 ? warm : full });
    await client.connect();
    const { result, seconds } = await timed(async () => {
      let count = 0;
      for (let after = "0"; ; ) {
        const { rows } = await client.query(PAGE, [after]);
        count += rows.length;
        if (rows.length < 1000) return count;
        after = rows.at(-1).global_position;
      }
    });
    await client.end();
    return throughput(result, seconds);
  },
};
