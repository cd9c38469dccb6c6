/**
 * The API as `npm start` runs it (`startApi`: composition root, migrations, projections,
 * Fastify), on the database in argv[2], listening on a free port. Sends `{ url }` once up;
 * answers `"memory"` with its RSS; stops when disconnected.
 */
import { startApi } from "@claimstream/api";
import { BENCH_API_KEY } from "./bench-api-key.mjs";

const running = await startApi(
  {
    DATABASE_URL: process.argv[2],
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    CLAIMSTREAM_RATE_LIMIT: "0",
    CLAIMSTREAM_SEED_DEMO: "false",
    CLAIMSTREAM_API_KEYS: JSON.stringify([{ key: BENCH_API_KEY, role: "admin", id: "bench" }]),
  },
  { out: () => undefined, err: (line) => process.stderr.write(`${line}\n`) },
);
process.on("message", (message) => {
  if (message === "memory") process.send({ rssMb: process.memoryUsage().rss / 2 ** 20 });
});
process.on("disconnect", async () => {
  await running.stop();
  process.exit(0);
});
process.send({ url: running.url });
