import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import {
  type EventLogEnd,
  EventLogImportError,
  type EventLogOther,
  exportEventLog,
  importEventLog,
} from "@claimstream/eventstore";
import type pg from "pg";
import type { Application } from "../composition-root.js";
import { TOKENS } from "../tokens.js";
import { type CliIo, EXIT } from "./cli-io.js";

/** The record kind of a webhook subscription in a backup (its cursor and secret included). */
const WEBHOOK_SUBSCRIPTION = "webhook_subscription";

const isGzip = (file: string): boolean => file.endsWith(".gz");

// The webhook subscriptions, read in the backup's snapshot: configuration, not a read model.
async function* webhookSubscriptions(client: pg.PoolClient): AsyncIterable<EventLogOther> {
  const exists = await client.query<{ found: boolean }>(
    "SELECT to_regclass('webhooks.subscriptions') IS NOT NULL AS found",
  );
  if (exists.rows[0]?.found !== true) return;
  const rows = await client.query<{ row: Record<string, unknown> }>(
    "SELECT row_to_json(s) AS row FROM webhooks.subscriptions s ORDER BY s.id",
  );
  for (const { row } of rows.rows) yield { kind: WEBHOOK_SUBSCRIPTION, row };
}

const restoreWebhookSubscription = async (client: pg.PoolClient, record: EventLogOther) => {
  if (record.kind !== WEBHOOK_SUBSCRIPTION) {
    throw new EventLogImportError("backup.invalid_record", `Unknown record kind ${record.kind}`);
  }
  await client.query(
    `INSERT INTO webhooks.subscriptions
     SELECT * FROM json_populate_record(null::webhooks.subscriptions, $1::json)`,
    [JSON.stringify(record.row)],
  );
};

const postgresPool = (application: Application, io: CliIo): pg.Pool | undefined => {
  const pool = application.get(TOKENS.pool);
  if (application.config.eventStoreUrl !== undefined || pool === null) {
    io.err(
      "backup and restore cover the PostgreSQL event store; with EVENTSTORE_URL, back up EventStoreDB with its own tools",
    );
    return undefined;
  }
  return pool;
};

/**
 * `claimstream backup <file>`: writes the event log (positions, hashes, encrypted fields as
 * stored), the live subject keys and the webhook subscriptions as NDJSON, gzipped when the
 * name ends in `.gz`, from one consistent snapshot while the service runs. The file appears
 * under its name only once complete. It holds subject keys and webhook secrets: keep it as
 * safe as the database. Read models are not in it; they are rebuilt after a restore.
 */
export const backup = async (
  application: Application,
  file: string,
  io: CliIo,
): Promise<number> => {
  const pool = postgresPool(application, io);
  if (pool === undefined) return EXIT.usage;
  const partial = `${file}.partial`;
  // The export's end record counts what it wrote (webhook subscriptions are its only others).
  let end: EventLogEnd | undefined;
  async function* lines() {
    for await (const record of exportEventLog(pool as pg.Pool, webhookSubscriptions)) {
      if (record.kind === "end") end = record as EventLogEnd;
      yield `${JSON.stringify(record)}\n`;
    }
  }
  try {
    const source = Readable.from(lines());
    await (isGzip(file)
      ? pipeline(source, createGzip(), createWriteStream(partial))
      : pipeline(source, createWriteStream(partial)));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const { size } = await stat(file);
  io.out(
    `backup ${file}: ${end?.events} events, ${end?.subjectKeys} subject keys, ${end?.other} webhook subscriptions (${size} bytes)`,
  );
  return EXIT.ok;
};

async function* records(file: string): AsyncIterable<unknown> {
  const input = createReadStream(file);
  const lines = createInterface({
    input: isGzip(file) ? input.pipe(createGunzip()) : input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === "") continue;
    try {
      yield JSON.parse(line);
    } catch {
      throw new EventLogImportError("backup.invalid_record", `Line ${number} is not JSON`);
    }
  }
}

/**
 * `claimstream restore <file>`: restores a backup into an empty database (embedded or
 * `DATABASE_URL`) in one transaction, so a refused or cut-short file changes nothing; then
 * verifies every stream's hash chain. Writes continue above the restored positions; the read
 * models are rebuilt from the log when the service starts. Exit 1 when refused or a chain is
 * broken.
 */
export const restore = async (
  application: Application,
  file: string,
  io: CliIo,
): Promise<number> => {
  const pool = postgresPool(application, io);
  if (pool === undefined) return EXIT.usage;
  let report: Awaited<ReturnType<typeof importEventLog>>;
  try {
    report = await importEventLog(pool, records(file), restoreWebhookSubscription);
  } catch (error) {
    if (!(error instanceof EventLogImportError)) throw error;
    io.err(`restore refused (${error.code}): ${error.message}; nothing was written`);
    return EXIT.failed;
  }
  io.out(
    `restored ${report.events} events in ${report.streams} streams, ${report.subjectKeys} subject keys, ${report.other} webhook subscriptions`,
  );
  const store = application.get(TOKENS.eventStore);
  const streams = await pool.query<{ stream_id: string }>(
    "SELECT stream_id FROM eventstore.streams ORDER BY stream_id",
  );
  let broken = 0;
  for (const { stream_id } of streams.rows) {
    const result = await store.verifyStream(stream_id);
    if (!result.ok) {
      broken += 1;
      io.err(`stream ${stream_id}: broken at position ${result.position} (${result.reason})`);
    }
  }
  io.out(
    broken === 0
      ? `all ${streams.rows.length} streams verify; read models rebuild when the service starts`
      : `${broken} of ${streams.rows.length} streams do not verify`,
  );
  return broken === 0 ? EXIT.ok : EXIT.failed;
};
