import { type QueryExecutorProvider, sql } from "kysely";

/** A column written by {@link upsertRecordset}: its name and PostgreSQL type. */
export type RecordsetColumn = readonly [name: string, type: string];

/** Where {@link upsertRecordset} writes, and what it does with rows whose key exists. */
export interface RecordsetTarget {
  /** The read model's schema (`ctx.schema`) and table. */
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly RecordsetColumn[];
  /** The conflict target: the table's primary key. */
  readonly key: readonly string[];
  /** `update`: the row replaces the stored one; `nothing`: the stored one stays. */
  readonly onConflict: "update" | "nothing";
}

/** Rows for one table of {@link writeRecordsets}. */
export interface RecordsetWrite {
  readonly target: RecordsetTarget;
  /** Keys must be unique among them (a set-based handler keeps one row per key). */
  readonly rows: readonly object[];
}

const upsertStatement = ({ target, rows }: RecordsetWrite) => {
  const names = target.columns.map(([name]) => sql.id(name));
  const types = target.columns.map(([name, type]) => sql`${sql.id(name)} ${sql.raw(type)}`);
  const updates = target.columns
    .filter(([name]) => !target.key.includes(name))
    .map(([name]) => sql`${sql.id(name)} = excluded.${sql.id(name)}`);
  const action =
    target.onConflict === "update" ? sql`update set ${sql.join(updates)}` : sql`nothing`;
  return sql`
    insert into ${sql.id(target.schema, target.table)} (${sql.join(names)})
    select ${sql.join(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(${sql.join(types)})
    on conflict (${sql.join(target.key.map((name) => sql.id(name)))}) do ${action}`;
};

/**
 * Writes many rows into several tables in one statement, whatever their number: per table an
 * `INSERT … SELECT FROM jsonb_to_recordset($n) … ON CONFLICT`, the rows travelling as one JSON
 * parameter (a multi-row `VALUES` would need a parameter per value, and PostgreSQL allows
 * 65 535), joined as data-modifying `WITH` parts so that the batch costs one round trip. The
 * tables must differ: the parts run on one snapshot and do not see each other's rows.
 *
 * @example
 * ```ts
 * const target = {
 *   schema: ctx.schema,
 *   table: "policies",
 *   columns: [["policy_id", "text"], ["region", "text"]],
 *   key: ["policy_id"],
 *   onConflict: "update",
 * } as const;
 * await writeRecordsets(ctx.tx, [{ target, rows: [{ policy_id: "P-1", region: "Shanghai" }] }]);
 * ```
 */
export const writeRecordsets = async (
  db: QueryExecutorProvider,
  writes: readonly RecordsetWrite[],
): Promise<void> => {
  const statements = writes.filter((write) => write.rows.length > 0).map(upsertStatement);
  const [first] = statements;
  if (first === undefined) return;
  if (statements.length === 1) {
    await first.execute(db);
    return;
  }
  const parts = statements.map((statement, index) => sql`${sql.id(`w${index}`)} as (${statement})`);
  await sql`with ${sql.join(parts)} select 1`.execute(db);
};
