import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import type { Clock } from "../../src/clock.js";
import { type Application, composeApplication } from "../../src/composition-root.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { TOKENS } from "../../src/tokens.js";
import type { IntegrationWorkers } from "../../src/workers/integration-workers.js";
import { TEST_KEYS } from "./test-app.js";

/** A clock a test moves by hand. */
export interface MovableClock extends Clock {
  set(instant: string): void;
}

/** A {@link MovableClock} starting at `instant`. */
export const movableClock = (instant: string): MovableClock => {
  let now = new Date(instant).toISOString();
  return {
    now: () => now,
    set: (next) => {
      now = new Date(next).toISOString();
    },
  };
};

/** A listening API on PostgreSQL with projections and integration workers running. */
export interface IntegrationApp {
  readonly url: string;
  readonly application: Application;
  readonly server: FastifyInstance;
  readonly workers: IntegrationWorkers;
  stop(): Promise<void>;
}

/** Fast worker rounds for tests: webhooks every 30 ms (retries 20 ms, doubling), deadlines 100 ms. */
export const FAST_WORKERS: Record<string, string> = {
  CLAIMSTREAM_WEBHOOK_POLL_MS: "30",
  CLAIMSTREAM_WEBHOOK_BACKOFF_MS: "20",
  CLAIMSTREAM_WEBHOOK_MAX_ATTEMPTS: "5",
  CLAIMSTREAM_WEBHOOK_TIMEOUT_MS: "2000",
  CLAIMSTREAM_DEADLINE_SCAN_MS: "100",
  CLAIMSTREAM_SSE_HEARTBEAT_MS: "200",
};

/**
 * Starts what `npm start` starts (migrations, projections, workers, the server on 127.0.0.1),
 * on `databaseUrl`, with the test keys and an injected clock.
 */
export const startIntegrationApp = async (
  databaseUrl: string,
  options: {
    readonly clock: Clock;
    readonly env?: Record<string, string>;
    /** Collects every log line (info and up, requests included) instead of discarding them. */
    readonly logs?: string[];
  },
): Promise<IntegrationApp> => {
  const logs = options.logs;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: logs === undefined ? "silent" : "debug",
    CLAIMSTREAM_RATE_LIMIT: "0",
    CLAIMSTREAM_SEED_DEMO: "false",
    ...FAST_WORKERS,
    ...options.env,
  });
  const application = await composeApplication(config, {
    clock: options.clock,
    logger:
      logs === undefined
        ? pino({ level: "silent" })
        : pino({ level: "info" }, { write: (line: string) => void logs.push(line) }),
    apiKeys: TEST_KEYS,
    defaultMetrics: false,
  });
  await application.migrate();
  await application.get(TOKENS.projections)?.start();
  const workers = application.get(TOKENS.integrationWorkers);
  if (workers === null) throw new Error("no integration workers without PostgreSQL");
  workers.start();
  const server = await buildServer(application);
  const url = await server.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    application,
    server,
    workers,
    stop: async () => {
      await server.close();
      await application.close();
    },
  };
};
