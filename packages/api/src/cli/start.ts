import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Application, composeApplication } from "../composition-root.js";
import { ConfigError, loadConfig } from "../config.js";
import { seedDemoDataIfEmpty } from "../demo/seed-hook.js";
import { buildServer } from "../server.js";
import {
  publishEmbeddedDatabase,
  runningEmbeddedDatabase,
  withdrawEmbeddedDatabase,
} from "../shared-embedded-database.js";
import { TOKENS } from "../tokens.js";
import { type CliIo, EXIT } from "./cli-io.js";
import { demoAdminKey } from "./demo-key.js";

/** A running API: its URL and how to stop it (server first, then store and database). */
export interface RunningApi {
  readonly url: string;
  readonly application: Application;
  readonly server: FastifyInstance;
  stop(): Promise<void>;
}

const publicHost = (host: string): string =>
  host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

const banner = (url: string, application: Application, demoKey: string | undefined): string[] => {
  const { config } = application;
  const events = config.eventStoreUrl === undefined ? "PostgreSQL" : "EventStoreDB";
  const database =
    config.databaseUrl === undefined ? `embedded PostgreSQL in ${config.dataDir}` : "DATABASE_URL";
  return [
    "",
    "claimstream is running",
    `  API        ${url}/v1`,
    `  Docs       ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  Dashboard  ${url}/`,
    `  Storage    events in ${events}; ${database}`,
    demoKey === undefined
      ? `  API keys   ${config.apiKeys?.length ?? 0} from CLAIMSTREAM_API_KEYS`
      : `  Demo key   ${demoKey}   (admin; send as "Authorization: Bearer <key>")`,
    "",
    "Press Ctrl-C to stop.",
  ];
};

/**
 * Starts everything `npm start` promises: resolve the database (embedded PostgreSQL in the data
 * directory, or `DATABASE_URL`), migrate, seed demo data into an empty store, listen on
 * `HOST:PORT` and print the URLs and the demo key.
 *
 * @example
 * ```ts
 * const running = await startApi(process.env, processIo);
 * // …
 * await running.stop();
 * ```
 */
export const startApi = async (
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<RunningApi> => {
  const config = loadConfig(env);
  const demoKey = config.apiKeys === undefined ? await demoAdminKey(config) : undefined;
  io.out(
    config.databaseUrl === undefined
      ? `starting PostgreSQL in ${config.dataDir} …`
      : "connecting to DATABASE_URL …",
  );
  const application = await composeApplication(
    config,
    demoKey === undefined ? {} : { apiKeys: [demoKey] },
  );
  try {
    const keyring = application.get(TOKENS.keyring);
    if (keyring.source === "generated")
      io.out(`generated the keyring ${keyring.file} (mode 600): keep it with, not in, backups`);
    const migration = await application.migrate();
    if (migration.eventStoreVersions.length > 0)
      io.out(`migrated the event store to version ${migration.eventStoreVersions.at(-1)}`);
    await application.get(TOKENS.projections)?.start();
    const seeded = await seedDemoDataIfEmpty(application);
    if (seeded === "seeded") io.out("seeded the demo data set");
    // After the seed: it plays the deadline scheduler itself (flags and breaches at their
    // business times), and a live scheduler scanning meanwhile would breach first.
    application.get(TOKENS.integrationWorkers)?.start();
    const server = await buildServer(application);
    await server.listen({ host: config.host, port: config.port });
    const address = server.server.address();
    const port = typeof address === "object" && address !== null ? address.port : config.port;
    const url = `http://${publicHost(config.host)}:${port}`;
    const database = application.get(TOKENS.database);
    const embedded = database?.source === "embedded";
    if (embedded) await publishEmbeddedDatabase(config, database.connectionString);
    for (const line of banner(url, application, demoKey?.key)) io.out(line);
    return {
      url,
      application,
      server,
      stop: async () => {
        if (embedded) await withdrawEmbeddedDatabase(config);
        await server.close();
        await application.close();
      },
    };
  } catch (error) {
    await application.close();
    throw error;
  }
};

const SHUTDOWN_DEADLINE_MS = 10_000;

// The start command owns SIGINT/SIGTERM and stops things in order (server, workers, store,
// database); the embedded server's library hooks are removed when it is loaded. A second signal
// exits at once.
const nextShutdownSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
    const onSignal = (signal: NodeJS.Signals) => {
      for (const other of signals) process.removeListener(other, onSignal);
      for (const other of signals) process.once(other, () => process.exit(130));
      resolve(signal);
    };
    for (const signal of signals) process.once(signal, onSignal);
  });

const withDeadline = (work: Promise<void>, ms: number): Promise<"done" | "timeout"> =>
  Promise.race([
    work.then(() => "done" as const),
    new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref()),
  ]);

/** `claimstream start` / `npm start`: runs until Ctrl-C (SIGINT) or SIGTERM, then stops cleanly. */
export const runStart = async (
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> => {
  let running: RunningApi;
  try {
    const config = loadConfig(env);
    if (config.databaseUrl === undefined && (await runningEmbeddedDatabase(config)) !== undefined) {
      io.err(
        `claimstream is already running on the data directory ${resolve(config.dataDir)}: stop it first, or set CLAIMSTREAM_DATA_DIR to another directory`,
      );
      return EXIT.failed;
    }
    running = await startApi(env, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT.usage;
    }
    throw error;
  }
  const signal = await nextShutdownSignal();
  io.out(`\n${signal}: stopping …`);
  const outcome = await withDeadline(running.stop(), SHUTDOWN_DEADLINE_MS);
  io.out(
    outcome === "done" ? "stopped" : `not stopped within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting`,
  );
  return EXIT.ok;
};
