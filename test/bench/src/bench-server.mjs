/**
 * The one PostgreSQL every contender runs against: the embedded server of
 * `@claimstream/eventstore`, durable (fsync, synchronous commit and full-page writes on, as in
 * production), with memory and WAL sized as a production server on this machine would be so
 * that checkpoints do not fall inside the timed parts. Each contender gets its own databases.
 */
import { startEmbeddedPostgres } from "@claimstream/eventstore";
import pg from "pg";

/** Server settings beyond the embedded defaults; written into the report. */
export const SERVER_SETTINGS = {
  fsync: "on",
  synchronous_commit: "on",
  full_page_writes: "on",
  shared_buffers: "2GB",
  effective_cache_size: "8GB",
  max_wal_size: "8GB",
  checkpoint_timeout: "15min",
};

/** Starts the server; `stop()` shuts it down and deletes its temporary data directory. */
export const startBenchServer = async () => {
  const server = await startEmbeddedPostgres({ durable: true, settings: SERVER_SETTINGS });
  const client = new pg.Client({ connectionString: server.connectionString });
  await client.connect();
  const { rows } = await client.query("SHOW server_version");
  await client.end();
  return {
    adminUrl: server.connectionString,
    version: rows[0].server_version,
    dataDir: server.dataDir,
    stop: () => server.stop(),
  };
};
