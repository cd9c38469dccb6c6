import type { LineOfBusiness } from "@claimstream/domain";
import type { ColumnType, Kysely } from "kysely";

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text. */
type InstantColumn = ColumnType<Date, string, string>;

/** One claim as its customer experienced it: `claims`. */
export interface CustomerClaimTable {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly line: LineOfBusiness;
  /** FNOL business time: the cohort the claim belongs to. */
  readonly reported_at: InstantColumn;
  /** The latest CSAT (1–5), as the claim's state keeps it. */
  readonly csat: number | null;
  readonly feedback_at: InstantColumn | null;
  readonly complaints: number;
  /** Closed at least once. */
  readonly closed: boolean;
  /** Reopened at least once. */
  readonly reopened: boolean;
  readonly reopens: number;
}

/** The tables of the customer read model (schema `rm_customer`). */
export interface CustomerTables {
  readonly claims: CustomerClaimTable;
}

/**
 * Creates the customer table in `schema` (idempotent).
 *
 * @example
 * ```ts
 * await migrateCustomer(db, "rm_customer");
 * ```
 */
export const migrateCustomer = async (db: Kysely<unknown>, schema: string) => {
  const ddl = db.schema.withSchema(schema);
  await ddl
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.primaryKey())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("line", "text", (col) => col.notNull())
    .addColumn("reported_at", "timestamptz", (col) => col.notNull())
    .addColumn("csat", "integer")
    .addColumn("feedback_at", "timestamptz")
    .addColumn("complaints", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("closed", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("reopened", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("reopens", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await ddl
    .createIndex("claims_insurer_line_idx")
    .ifNotExists()
    .on("claims")
    .columns(["insurer_id", "line", "reported_at"])
    .execute();
};
