/**
 * One projection rebuild in a fresh process (measures 6 and 9): the projection runtime builds
 * the loss-ratio and claims-list read models from position 0 of the store at `storeUrl` into
 * the empty database `readModelUrl`, then reports how long that took and the process's memory.
 * Input: argv[2] as JSON; output: one IPC message.
 */
import { ProjectionRuntime } from "@claimstream/projections";
import { connectOurStore } from "../contenders/our-store.mjs";
import { BENCH_PROJECTIONS } from "../contenders/read-models.mjs";
import { timed } from "../timing.mjs";

const { storeUrl, readModelUrl } = JSON.parse(process.argv[2]);
const store = await connectOurStore(storeUrl, { migrate: false });
const runtime = new ProjectionRuntime({
  store,
  connectionString: readModelUrl,
  projections: BENCH_PROJECTIONS,
});
const { seconds } = await timed(async () => {
  await runtime.start();
  await runtime.waitUntilCaughtUp({ timeoutMs: 4 * 3_600_000 });
});
const { rss, heapUsed } = process.memoryUsage();
await runtime.stop();
await store.close();
process.send({ seconds, rssMb: rss / 2 ** 20, heapUsedMb: heapUsed / 2 ** 20 });
process.disconnect();
