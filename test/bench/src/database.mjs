/** Databases of the bench server: one per contender and repetition, created and dropped here. */
import pg from "pg";

/** The connection string of database `name` on the server of `adminUrl`. */
export const databaseUrl = (adminUrl, name) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

const withAdmin = async (adminUrl, work) => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Creates an empty database (dropping a leftover of the same name) and returns its URL. */
export const createDatabase = async (adminUrl, name) => {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrl(adminUrl, name);
};

/** Drops a database if it exists. */
export const dropDatabase = (adminUrl, name) =>
  withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

/** Does the database exist? */
export const databaseExists = (adminUrl, name) =>
  withAdmin(adminUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rowCount > 0;
  });

/**
 * A pool for loading fixtures (untimed): `synchronous_commit` off for its sessions only, so
 * setting up a million events takes seconds; timed work never uses it.
 */
export const loaderPool = (url, max = 8) => {
  const pool = new pg.Pool({ connectionString: url, max, options: "-c synchronous_commit=off" });
  pool.on("error", () => undefined);
  return pool;
};
