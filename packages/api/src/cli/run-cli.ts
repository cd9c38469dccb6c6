import { type Application, composeApplication } from "../composition-root.js";
import { ConfigError, loadConfig } from "../config.js";
import { runClaimDemo } from "../demo/claim-demo.js";
import { backup, restore } from "./backup-commands.js";
import { calendars } from "./calendars-command.js";
import { type CliIo, EXIT } from "./cli-io.js";
import { importFile } from "./import-commands.js";
import { keys } from "./keys-command.js";
import { projections } from "./projections-command.js";
import { runStart } from "./start.js";
import { migrate, printHistory, verifyStream } from "./stream-commands.js";

/** The environment the CLI reads its configuration from. */
export type Environment = Readonly<Record<string, string | undefined>>;

const USAGE = [
  "usage: claimstream <command> [argument]",
  "",
  "  start                   start the API (embedded PostgreSQL or DATABASE_URL); Ctrl-C stops it",
  "  migrate                 bring the database schemas up to date",
  "  history <stream>        print a stream's events as NDJSON (e.g. claim-C-2026-0001)",
  "  verify <stream>         check a stream's hash chain; exit 1 when broken",
  '  import <file.ndjson>    one command per line: {"stream":"claim-…","command":{"type":…}}',
  "  projections status|parked <name>|replay <name>|rebuild <name>",
  "                          projection status, parked events, replays and blue/green rebuilds",
  "  demo                    play one claim through the domain library (no database)",
  "",
  "Configuration comes from the environment: see docs/api.md.",
];

// Every command but `migrate` itself first brings the schemas up to date (idempotent).
const withApplication = async (
  env: Environment,
  work: (application: Application) => Promise<number>,
  migrateFirst = true,
) => {
  const application = await composeApplication(loadConfig({ LOG_LEVEL: "warn", ...env }));
  try {
    if (migrateFirst) await application.migrate();
    return await work(application);
  } finally {
    await application.close();
  }
};

const needArgument = (args: readonly string[], name: string, io: CliIo): string | undefined => {
  const value = args[0];
  if (value === undefined || value === "") io.err(`missing <${name}>\n${USAGE.join("\n")}`);
  return value === "" ? undefined : value;
};

const dispatch = async (
  command: string | undefined,
  args: readonly string[],
  env: Environment,
  io: CliIo,
) => {
  switch (command) {
    case "start":
      return runStart(env, io);
    case "migrate":
      return withApplication(env, (application) => migrate(application, io), false);
    case "history":
    case "verify": {
      const stream = needArgument(args, "stream", io);
      if (stream === undefined) return EXIT.usage;
      const run = command === "history" ? printHistory : verifyStream;
      return withApplication(env, (application) => run(application, stream, io));
    }
    case "import": {
      const file = needArgument(args, "file.ndjson", io);
      if (file === undefined) return EXIT.usage;
      return withApplication(env, (application) => importFile(application, file, io));
    }
    case "backup":
    case "restore": {
      const file = needArgument(args, "file", io);
      if (file === undefined) return EXIT.usage;
      const run = command === "backup" ? backup : restore;
      return withApplication(env, (application) => run(application, file, io));
    }
    case "calendars":
      return withApplication(env, (application) => calendars(application, args, io));
    case "keys":
      return withApplication(env, (application) => keys(application, args, io));
    case "projections":
      return withApplication(env, (application) => projections(application, args, env, io));
    case "demo":
      runClaimDemo(io.out);
      return EXIT.ok;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      for (const line of USAGE) io.out(line);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      io.err(`unknown command "${command}"\n${USAGE.join("\n")}`);
      return EXIT.usage;
  }
};

/**
 * The `claimstream` command line: `start`, `migrate`, `history`, `verify`, `import`, `demo`.
 * Every command composes the application through the same composition root as the server.
 * Resolves to the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(["verify", "claim-C-1"], process.env, processIo);
 * ```
 */
export const runCli = async (
  argv: readonly string[],
  env: Environment,
  io: CliIo,
): Promise<number> => {
  const [command, ...args] = argv;
  try {
    return await dispatch(command, args, env, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT.usage;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return EXIT.failed;
  }
};
