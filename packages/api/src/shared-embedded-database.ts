import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import pg from "pg";
import type { AppConfig } from "./config.js";

/**
 * Where a running server publishes the URL of its embedded PostgreSQL, so that CLI commands
 * run beside it (`claimstream history …`) use that server instead of trying to start a second
 * one on the same data directory. Inside the data directory itself: instances on other data
 * directories, siblings included, never find each other.
 */
export const sharedDatabaseFile = (config: AppConfig): string =>
  join(resolve(config.dataDir), "claimstream-server.url");

/** Publishes the embedded server's URL (mode 600: it holds the local password). */
export const publishEmbeddedDatabase = (config: AppConfig, url: string): Promise<void> =>
  writeFile(sharedDatabaseFile(config), `${url}\n`, { mode: 0o600 });

/** Withdraws the published URL. */
export const withdrawEmbeddedDatabase = (config: AppConfig): Promise<void> =>
  rm(sharedDatabaseFile(config), { force: true });

/**
 * The URL a running server published, when that server answers; `undefined` otherwise (no
 * server, or a stale file left by a crash).
 */
export const runningEmbeddedDatabase = async (config: AppConfig): Promise<string | undefined> => {
  const file = sharedDatabaseFile(config);
  if (!existsSync(file)) return undefined;
  const url = (await readFile(file, "utf8")).trim();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
};
