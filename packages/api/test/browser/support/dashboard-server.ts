import type { FastifyInstance } from "fastify";
import { type Application, composeApplication } from "../../../src/composition-root.js";
import { loadConfig } from "../../../src/config.js";
import { buildServer } from "../../../src/server.js";
import { TOKENS } from "../../../src/tokens.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";
import { TEST_KEYS } from "../../support/test-app.js";
import { copyEvents, type DemoSize, demoEvents } from "./demo-events.js";

/** The API the browser tests open, on its own database, with demo data. */
export interface DashboardServer {
  readonly url: string;
  readonly application: Application;
  stop(): Promise<void>;
}

const listen = async (
  application: Application,
): Promise<{ server: FastifyInstance; url: string }> => {
  const server = await buildServer(application);
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
};

/**
 * Starts the API as `npm start` does (migrations, demo data, projection workers, every route)
 * on a fresh database of the run's PostgreSQL with the test keys. A reduced demo data set is
 * written before the projection workers start, so they catch up in large batches.
 */
export const startDashboardServer = async (size: DemoSize): Promise<DashboardServer> => {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    LOG_LEVEL: "silent",
    CLAIMSTREAM_API_KEYS: JSON.stringify(TEST_KEYS),
    CLAIMSTREAM_RATE_LIMIT: "0",
  });
  const application = await composeApplication(config);
  let server: FastifyInstance | undefined;
  const stop = async () => {
    // Streams and keep-alive connections would hold the close up: the clients are gone.
    const closing = server?.close();
    server?.server.closeAllConnections();
    await closing;
    await application.close();
    await database.drop();
  };
  try {
    await application.migrate();
    const events = await demoEvents(application.get(TOKENS.clock).now(), size);
    await copyEvents(events, application.get(TOKENS.eventStore));
    const projections = application.get(TOKENS.projections);
    await projections?.start();
    await projections?.waitUntilCaughtUp({ timeoutMs: 60_000 });
    const listening = await listen(application);
    server = listening.server;
    return { url: listening.url, application, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
