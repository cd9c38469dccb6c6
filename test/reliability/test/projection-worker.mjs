// A projection worker process for projection-crash.reliability.spec.ts: the API's ten read
// models and the delivery audit, from the built packages, until it is killed. Prints `started`
// once it runs; SIGTERM stops it cleanly.
import { READ_MODEL_PROJECTIONS } from "@claimstream/api";
import { PostgresEventStore } from "@claimstream/eventstore";
import { ProjectionRuntime } from "@claimstream/projections";
import { deliveryAuditProjection } from "./delivery-audit-projection.mjs";

const connectionString = process.env.DATABASE_URL;
const store = await PostgresEventStore.connect({ connectionString, migrate: false });
const eventTypes = [
  ...new Set(READ_MODEL_PROJECTIONS.flatMap((projection) => projection.eventTypes)),
];
const runtime = new ProjectionRuntime({
  store,
  connectionString,
  projections: [...READ_MODEL_PROJECTIONS, deliveryAuditProjection(eventTypes)],
  // The API's batch size (the runtime's default); quick polls so a standby takes over fast.
  pollIntervalMs: 200,
  leasePollMs: 100,
});
process.on("SIGTERM", () => {
  void runtime
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
await runtime.start();
process.stdout.write("started\n");
