// A projection worker process for crash-mid-batch.int.spec.ts: runs a stream-count projection
// (named by PROJECTION, default `crash`) from the built runtime (dist), prints `started` and
// then `applying <position>` before each event, until it is killed. SIGTERM stops it cleanly.
import { PostgresEventStore } from "@claimstream/eventstore";
import { ProjectionRuntime } from "../../dist/runtime/projection-runtime.js";
import { streamCountProjection } from "../support/stream-count-projection.mjs";

const connectionString = process.env.DATABASE_URL;
const store = await PostgresEventStore.connect({ connectionString, migrate: false });
const projection = streamCountProjection({
  name: process.env.PROJECTION ?? "crash",
  delayMs: 1,
  onEvent: (event) => process.stdout.write(`applying ${event.globalPosition}\n`),
});
const runtime = new ProjectionRuntime({
  store,
  connectionString,
  projections: [projection],
  batchSize: 25,
  pollIntervalMs: 100,
  leasePollMs: 50,
});
process.on("SIGTERM", () => {
  void runtime
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
await runtime.start();
process.stdout.write("started\n");
