/**
 * Measure 6: rebuild the loss-ratio and claims-list read models from the 1M-event history.
 * Ours: the projection runtime in a fresh process, from position 0 into an empty read-model
 * database, until both are caught up (the rebuild path: same batches and checkpoints as a
 * blue/green rebuild). Limit: `COPY` of the rows that rebuild produced into the same tables,
 * empty (server-side files, so only the writing is timed). Goal: ≥ 0.3× the limit.
 * Measure 9 reads the memory figures of ours' repetitions.
 */
import { fork } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { BENCH_PROJECTIONS, BENCH_SCHEMAS } from "../contenders/read-models.mjs";
import { createDatabase, databaseUrl, dropDatabase } from "../database.mjs";
import { throughput, timed } from "../timing.mjs";
import { EVENTS_PER_STORY } from "../workload/claim-story.mjs";
import { ensureHistory, storiesFor } from "../workload/history-fixture.mjs";

const REBUILD = fileURLToPath(new URL("./rebuild-process.mjs", import.meta.url));
// The read models of the latest repetition: the limit copies its rows.
const BUILT = "m6_read_models";

const rebuildInProcess = (storeUrl, readModelUrl) =>
  new Promise((resolve, reject) => {
    const child = fork(REBUILD, [JSON.stringify({ storeUrl, readModelUrl })], {
      // The host's own flags: its heap size, and `--cpu-prof` under `npm run bench -- --profile`.
      execArgv: process.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result;
    child.on("message", (message) => {
      result = message;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      result === undefined ? reject(new Error(`rebuild exited with ${code}`)) : resolve(result),
    );
  });

export const ours = {
  setup: async (params) => {
    const stories = storiesFor(params.events);
    return {
      params,
      full: {
        url: await ensureHistory(params.adminUrl, stories),
        events: stories * EVENTS_PER_STORY,
      },
      warm: {
        url: await ensureHistory(params.adminUrl, Math.ceil(stories / 10)),
        events: Math.ceil(stories / 10) * EVENTS_PER_STORY,
      },
    };
  },
  run: async ({ params, full, warm }, repetition) => {
    const history = repetition === 0 ? warm : full;
    const readModels = await createDatabase(params.adminUrl, BUILT);
    const result = await rebuildInProcess(history.url, readModels);
    return throughput(history.events, result.seconds, {
      rssMb: result.rssMb,
      heapUsedMb: result.heapUsedMb,
    });
  },
};

const tablesOf = async (db) => {
  const { rows } = await db.query(
    `SELECT table_schema AS schema, table_name AS name,
            string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS columns
     FROM information_schema.columns
     WHERE table_schema = ANY($1) AND is_generated = 'NEVER'
     GROUP BY table_schema, table_name`,
    [BENCH_SCHEMAS],
  );
  return rows;
};

const migrateReadModels = async (url) => {
  const db = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
  });
  for (const projection of BENCH_PROJECTIONS) {
    await db.schema.createSchema(`rm_${projection.name}`).execute();
    await projection.migrate(db, `rm_${projection.name}`);
  }
  await db.destroy();
};

export const limit = {
  setup: async (params) => {
    // The server (running as its own OS user) writes and reads these files.
    const directory = await mkdtemp(join(tmpdir(), "claimstream-bench-copy-"));
    await chmod(directory, 0o777);
    return { params, directory };
  },
  run: async ({ params, directory }, repetition) => {
    const source = new pg.Client({ connectionString: databaseUrl(params.adminUrl, BUILT) });
    await source.connect();
    const tables = await tablesOf(source);
    let rows = 0;
    for (const table of tables) {
      const file = join(directory, `${table.schema}.${table.name}.copy`);
      const copied = await source.query(
        `COPY ${table.schema}.${table.name} (${table.columns}) TO '${file}'`,
      );
      rows += copied.rowCount;
    }
    await source.end();
    const database = `m6_limit_r${repetition}`;
    const url = await createDatabase(params.adminUrl, database);
    await migrateReadModels(url);
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    const { seconds } = await timed(async () => {
      for (const table of tables) {
        const file = join(directory, `${table.schema}.${table.name}.copy`);
        await target.query(`COPY ${table.schema}.${table.name} (${table.columns}) FROM '${file}'`);
      }
    });
    await target.end();
    await dropDatabase(params.adminUrl, database);
    const events =
      storiesFor(repetition === 0 ? params.events / 10 : params.events) * EVENTS_PER_STORY;
    return throughput(events, seconds, { rows });
  },
  teardown: async ({ params, directory }) => {
    await rm(directory, { recursive: true, force: true });
    await dropDatabase(params.adminUrl, BUILT);
  },
};
