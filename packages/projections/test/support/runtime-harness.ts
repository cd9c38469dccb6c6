import { PostgresEventStore } from "@claimstream/eventstore";
import { type Kysely, sql } from "kysely";
import {
  ProjectionRuntime,
  type ProjectionRuntimeOptions,
} from "../../src/runtime/projection-runtime.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

/** Settings that keep the runtime's tests fast: short polls, quick retries. */
export const FAST_TUNING = {
  batchSize: 20,
  pollIntervalMs: 200,
  leasePollMs: 50,
  leaseHeartbeatMs: 1000,
  poisonRetry: { attempts: 2, initialDelayMs: 5, maxDelayMs: 20 },
  stallBackoff: { initialDelayMs: 20, maxDelayMs: 200 },
  lagRefreshMs: 50,
} as const;

const log =
  (level: string) =>
  (fields: object, message?: string): void =>
    console.log(JSON.stringify({ level, message, ...fields }));

/** `RUNTIME_LOG=1 npx vitest …` prints the runtimes' logs. */
const testLogger = process.env.RUNTIME_LOG
  ? { info: log("info"), warn: log("warn"), error: log("error"), debug: log("debug") }
  : undefined;

/** A test database with a PostgreSQL event store on it, and runtimes started on both. */
export interface RuntimeHarness {
  readonly database: TestDatabase;
  readonly db: Kysely<unknown>;
  readonly store: PostgresEventStore;
  /** Starts a runtime on the harness's store and database (stopped by `close`). */
  startRuntime(
    options: Omit<ProjectionRuntimeOptions, "store" | "connectionString">,
  ): Promise<ProjectionRuntime>;
  /** Appends `count` `Counted` events to the stream, one append each. */
  appendCounted(streamId: string, count: number, data?: Record<string, unknown>): Promise<void>;
  /** `stream_counts` of a schema: stream → events. */
  counts(schema: string): Promise<Map<string, number>>;
  /** What the counts must be: `Counted` events per stream in the store. */
  trueCounts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** Creates the harness; call `close()` in `afterAll`. */
export const createRuntimeHarness = async (): Promise<RuntimeHarness> => {
  const database = await createTestDatabase();
  const store = await PostgresEventStore.connect({
    connectionString: database.connectionString,
    pollIntervalMs: 200,
  });
  const runtimes: ProjectionRuntime[] = [];
  return {
    database,
    db: database.db,
    store,
    startRuntime: async (options) => {
      const runtime = new ProjectionRuntime({
        ...FAST_TUNING,
        logger: testLogger,
        ...options,
        store,
        connectionString: database.connectionString,
      });
      runtimes.push(runtime);
      await runtime.start();
      return runtime;
    },
    appendCounted: async (streamId, count, data = {}) => {
      for (let index = 0; index < count; index += 1) {
        await store.appendToStream(streamId, [{ type: "Counted", data }], {
          expectedVersion: "any",
        });
      }
    },
    counts: async (schema) => {
      const rows = await sql<{ stream_id: string; events: number }>`
        SELECT stream_id, events FROM ${sql.table(`${schema}.stream_counts`)}`.execute(database.db);
      return new Map(rows.rows.map((row) => [row.stream_id, row.events]));
    },
    trueCounts: async () => {
      const counts = new Map<string, number>();
      for await (const event of store.readAll({ filter: { eventTypes: ["Counted"] } })) {
        counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1);
      }
      return counts;
    },
    close: async () => {
      await Promise.all(runtimes.map((runtime) => runtime.stop()));
      await store.close();
      await database.drop();
    },
  };
};

/** Polls `check` until it returns true; fails after `timeoutMs`. */
export const eventually = async (
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = "condition",
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
