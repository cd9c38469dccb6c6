import type { LineOfBusiness } from "@claimstream/domain";
import type { ColumnType, Kysely } from "kysely";

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text. */
type InstantColumn = ColumnType<Date, string, string>;

/**
 * One claim's milestones in business time (`claims`). Each "first" milestone keeps the
 * earliest `occurredAt` seen, so back-filled events land where they belong.
 */
export interface SettlementTimelineTable {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly line: LineOfBusiness;
  /** FNOL: every duration counts from here. */
  readonly reported_at: InstantColumn;
  readonly first_contact_at: InstantColumn | null;
  /** The first `DamageAssessed` (a reassessment does not move it). */
  readonly assessed_at: InstantColumn | null;
  /** The first `SettlementAgreed`. */
  readonly settled_at: InstantColumn | null;
  /** The first indemnity `ClaimPaymentRecorded` (expense payments are not the claimant's). */
  readonly first_paid_at: InstantColumn | null;
  /** The close that ended the claim; `null` while open, also after a reopen. */
  readonly closed_at: InstantColumn | null;
}

/** The tables of the time-to-settle read model (schema `rm_time_to_settle`). */
export interface TimeToSettleTables {
  readonly claims: SettlementTimelineTable;
}

/**
 * Creates the time-to-settle table in `schema` (idempotent).
 *
 * @example
 * ```ts
 * await migrateTimeToSettle(db, "rm_time_to_settle");
 * ```
 */
export const migrateTimeToSettle = async (db: Kysely<unknown>, schema: string) => {
  const ddl = db.schema.withSchema(schema);
  await ddl
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.primaryKey())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("line", "text", (col) => col.notNull())
    .addColumn("reported_at", "timestamptz", (col) => col.notNull())
    .addColumn("first_contact_at", "timestamptz")
    .addColumn("assessed_at", "timestamptz")
    .addColumn("settled_at", "timestamptz")
    .addColumn("first_paid_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .execute();
  await ddl
    .createIndex("claims_insurer_reported_idx")
    .ifNotExists()
    .on("claims")
    .columns(["insurer_id", "reported_at"])
    .execute();
};
