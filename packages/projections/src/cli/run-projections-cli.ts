import { PostgresEventStore } from "@claimstream/eventstore";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrateProjectionBookkeeping } from "../runtime/checkpoints/bookkeeping-migrations.js";
import type { ProjectionsDatabase } from "../runtime/checkpoints/bookkeeping-tables.js";
import { ProjectionAdmin, UnknownProjectionError } from "../runtime/projection-admin.js";
import { formatParkedTable, formatRebuildProgress, formatStatusTable } from "./cli-output.js";

/** Where the CLI reads its settings and writes its output. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Aborts a wait (Ctrl-C); the request stays recorded. */
  readonly signal?: AbortSignal;
}

/** Exit codes of {@link runProjectionsCli}. */
export const CLI_EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** The request is recorded, but no worker holds the projection's lease to carry it out. */
  noWorker: 3,
  interrupted: 130,
} as const;

const USAGE = `Usage: claimstream-projections <command> (reads DATABASE_URL)

  status [--json]                       every projection: state, position, lag, parked events
  parked <name> [--json]                the projection's parked events
  replay <name> [position] [--no-wait]  apply parked events again (all, or the one at position)
  rebuild <name> [--no-wait]            rebuild blue/green, following progress until the swap
`;

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  readonly json: boolean;
  readonly wait: boolean;
}

const parse = (argv: readonly string[]): Command | undefined => {
  const [name, ...rest] = argv.filter((arg) => !arg.startsWith("--"));
  if (name === undefined) return undefined;
  return { name, args: rest, json: argv.includes("--json"), wait: !argv.includes("--no-wait") };
};

const arity: Readonly<Record<string, readonly [number, number]>> = {
  status: [0, 0],
  parked: [1, 1],
  replay: [1, 2],
  rebuild: [1, 1],
};

/**
 * The projections CLI as a function (the `claimstream-projections` bin calls it). It works
 * on the bookkeeping tables only: requests go to the worker holding each projection's lease.
 *
 * @example
 * ```ts
 * const code = await runProjectionsCli(["rebuild", "claims_list"], {
 *   env: process.env,
 *   stdout: (text) => process.stdout.write(`${text}\n`),
 *   stderr: (text) => process.stderr.write(`${text}\n`),
 * });
 * ```
 */
export const runProjectionsCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const command = parse(argv);
  const bounds = command && arity[command.name];
  if (
    command === undefined ||
    bounds === undefined ||
    command.args.length < bounds[0] ||
    command.args.length > bounds[1]
  ) {
    io.stderr(USAGE);
    return CLI_EXIT.usage;
  }
  const connectionString = io.env.DATABASE_URL;
  if (connectionString === undefined || connectionString === "") {
    io.stderr("DATABASE_URL is not set.");
    return CLI_EXIT.usage;
  }
  const pool = new pg.Pool({ connectionString, max: 3 });
  // An idle connection the server closes must not crash the CLI; the next query reports it.
  pool.on("error", () => undefined);
  const db = new Kysely<ProjectionsDatabase>({ dialect: new PostgresDialect({ pool }) });
  const store = await PostgresEventStore.connect({ pool, migrate: false, listen: false });
  try {
    await migrateProjectionBookkeeping(db as Kysely<unknown>);
    return await execute(command, new ProjectionAdmin(db, store), io);
  } catch (error) {
    if (error instanceof UnknownProjectionError) {
      io.stderr(error.message);
      return CLI_EXIT.failed;
    }
    if (io.signal?.aborted) {
      io.stderr("Stopped waiting; the request stays recorded for the worker.");
      return CLI_EXIT.interrupted;
    }
    throw error;
  } finally {
    await store.close();
    await db.destroy();
  }
};

const execute = async (command: Command, admin: ProjectionAdmin, io: CliIo): Promise<number> => {
  const [name = "", position] = command.args;
  switch (command.name) {
    case "status": {
      const statuses = await admin.status();
      io.stdout(command.json ? JSON.stringify(statuses, null, 2) : formatStatusTable(statuses));
      return CLI_EXIT.ok;
    }
    case "parked": {
      const parked = await admin.listParked(name);
      io.stdout(command.json ? JSON.stringify(parked, null, 2) : formatParkedTable(name, parked));
      return CLI_EXIT.ok;
    }
    case "replay":
      return replay(command, admin, io, name, position);
    default:
      return rebuild(command, admin, io, name);
  }
};

const replay = async (
  command: Command,
  admin: ProjectionAdmin,
  io: CliIo,
  name: string,
  position: string | undefined,
): Promise<number> => {
  const at = position === undefined ? undefined : Number(position);
  if (at !== undefined && !Number.isSafeInteger(at)) {
    io.stderr(`Not a position: ${position}`);
    return CLI_EXIT.usage;
  }
  const requested = await admin.requestReplay(name, at);
  if (requested.length === 0) {
    io.stdout(
      at === undefined ? `${name} has no parked events.` : `No parked event of ${name} at ${at}.`,
    );
    return CLI_EXIT.ok;
  }
  io.stdout(`Replay of ${requested.length} parked event(s) of ${name} requested.`);
  if (!(await admin.hasActiveWorker(name))) {
    io.stderr(`No worker is running ${name}: the replay will happen when one starts.`);
    return CLI_EXIT.noWorker;
  }
  if (!command.wait) return CLI_EXIT.ok;
  const report = await admin.waitForReplay(name, requested, { signal: io.signal });
  io.stdout(`Replayed: ${report.replayed.length}; still failing: ${report.failed.length}.`);
  for (const failure of report.failed) io.stdout(`  ${failure.position}: ${failure.error}`);
  return report.failed.length === 0 ? CLI_EXIT.ok : CLI_EXIT.failed;
};

const rebuild = async (
  command: Command,
  admin: ProjectionAdmin,
  io: CliIo,
  name: string,
): Promise<number> => {
  const requestedAt = await admin.requestRebuild(name);
  io.stdout(`Rebuild of ${name} requested.`);
  if (!(await admin.hasActiveWorker(name))) {
    io.stderr(`No worker is running ${name}: the rebuild will start when one does.`);
    return CLI_EXIT.noWorker;
  }
  if (!command.wait) return CLI_EXIT.ok;
  const report = await admin.waitForRebuild(name, requestedAt, {
    signal: io.signal,
    pollMs: 500,
    onProgress: (progress) => io.stdout(formatRebuildProgress(name, progress)),
  });
  io.stdout(
    `${name} rebuilt and swapped in: version ${report.version}, ${report.eventsApplied} events, ` +
      `position ${report.position}, in ${(report.durationMs / 1000).toFixed(1)} s.`,
  );
  return CLI_EXIT.ok;
};
