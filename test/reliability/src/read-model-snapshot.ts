import pg from "pg";

/** Every row of every table of a schema, as JSON, in a canonical order. */
export type SchemaSnapshot = Record<string, unknown[]>;

/**
 * Snapshots a read-model schema (`rm_<name>`) for equality checks: each table's rows as JSON,
 * sorted by their text.
 *
 * @example
 * ```ts
 * expect(await snapshotSchema(url, "rm_claims_list")).toEqual(await snapshotSchema(url, "rm_clean_claims_list"));
 * ```
 */
export const snapshotSchema = async (url: string, schema: string): Promise<SchemaSnapshot> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    );
    const snapshot: SchemaSnapshot = {};
    for (const { table_name } of tables.rows) {
      const table = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table_name)}`;
      const rows = await client.query<{ row: unknown }>(
        `SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY to_jsonb(t)::text`,
      );
      snapshot[table_name] = rows.rows.map((row) => row.row);
    }
    return snapshot;
  } finally {
    await client.end();
  }
};
