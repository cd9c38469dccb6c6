/**
 * Measure 8's harness: the API (as `npm start` runs it, on its own database) against a
 * hello-world Fastify server, each in its own process, loaded by autocannon from the
 * contender's process at the same fixed rate. Value: p99 latency (ms).
 */
import { createDatabase, dropDatabase } from "../database.mjs";
import { BENCH_API_KEY } from "../http/bench-api-key.mjs";
import { loadAtRate } from "../http/load.mjs";
import { seedClaims } from "../http/seed-claims.mjs";
import { startServerProcess } from "../http/server-process.mjs";

const API_HEADERS = { authorization: `Bearer ${BENCH_API_KEY}` };

const runLoad = async (server, params, repetition, headers, request) => {
  const seconds = repetition === 0 ? Math.max(1, Math.ceil(params.seconds / 3)) : params.seconds;
  const result = await loadAtRate({
    url: server.url,
    rate: params.rate,
    seconds,
    headers,
    request,
  });
  if (result.failures > result.requests / 100) {
    throw new Error(`${result.failures} of ${result.requests} requests failed`);
  }
  const { p50, p99, requests, conflicts, failures } = result;
  return { value: p99, p50, p99, requests, conflicts, failures };
};

/** The API contender, sending `request(i, claims)` (path relative to the API). */
export const apiContender = (database, request) => ({
  setup: async (params) => {
    const url = await createDatabase(params.adminUrl, database);
    const server = await startServerProcess("./api-server-process.mjs", [url]);
    await seedClaims(server.url, API_HEADERS, params.claims);
    return { params, server };
  },
  run: ({ params, server }, repetition) =>
    runLoad(server, params, repetition, API_HEADERS, (i) => request(i, params.claims)),
  teardown: async ({ params, server }) => {
    const { rssMb } = await server.ask("memory");
    await server.stop();
    await dropDatabase(params.adminUrl, database);
    return { apiRssMb: rssMb };
  },
});

/** The hello-world contender, same method and body as the API's requests. */
export const helloContender = (request) => ({
  setup: async (params) => ({
    params,
    server: await startServerProcess("./hello-server-process.mjs"),
  }),
  run: ({ params, server }, repetition) =>
    runLoad(server, params, repetition, {}, (i) => ({
      ...request(i, params.claims),
      path: "/hello",
    })),
  teardown: ({ server }) => server.stop(),
});
