import pg from "pg";

/**
 * Rows of any read-model table (every schema `rm_*`) whose JSON text contains one of `needles`:
 * where personal data would have leaked into read models.
 *
 * @example
 * ```ts
 * await readModelRowsContaining(url, ["Holder P-1 Zhang"]); // [] when nothing leaked
 * ```
 */
export const readModelRowsContaining = async (
  url: string,
  needles: readonly string[],
): Promise<string[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; table: string }>(
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
       WHERE table_schema LIKE 'rm\\_%' AND table_type = 'BASE TABLE'`,
    );
    const hits: string[] = [];
    for (const { schema, table } of tables.rows) {
      const name = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
      const found = await client.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM ${name} t
         WHERE ${needles.map((_, index) => `strpos(to_jsonb(t)::text, $${index + 1}) > 0`).join(" OR ")}`,
        [...needles],
      );
      hits.push(...found.rows.map((row) => `${schema}.${table}: ${row.row}`));
    }
    return hits;
  } finally {
    await client.end();
  }
};
