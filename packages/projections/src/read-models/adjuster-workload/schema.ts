import type { ColumnType, Kysely } from "kysely";

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text. */
type InstantColumn = ColumnType<Date, string, string>;
/** A `bigint` global position: read as text (it may exceed 2^53), written as a number. */
type PositionColumn = ColumnType<string, number, never>;

/** One claim and who holds it: `claims`. */
export interface AdjusterClaimTable {
  readonly claim_id: string;
  readonly insurer_id: string;
  /** FNOL business time: open age counts from here. */
  readonly reported_at: InstantColumn;
  /** The adjuster holding the claim now; `null` before the first assignment. */
  readonly adjuster_id: string | null;
  /** When the claim was last closed; `null` while it is open (also after a reopen). */
  readonly closed_at: InstantColumn | null;
}

/** Every assignment of a claim to an adjuster, reassignments included: `assignments`. */
export interface AdjusterAssignmentTable {
  /** The `AdjusterAssigned` event's global position. */
  readonly position: PositionColumn;
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly adjuster_id: string;
  readonly assigned_at: InstantColumn;
}

/** Every close of a claim, credited to the adjuster holding it then: `closures`. */
export interface AdjusterClosureTable {
  /** The `ClaimClosed` event's global position. */
  readonly position: PositionColumn;
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly adjuster_id: string | null;
  readonly closed_at: InstantColumn;
}

/** Where a deadline stands, as the domain's `Deadline.status`. */
export type AdjusterDeadlineStatus = "open" | "paused" | "met" | "breached";

/** The deadlines of every claim: `deadlines`. */
export interface AdjusterDeadlineTable {
  readonly claim_id: string;
  readonly deadline_id: string;
  readonly due_at: InstantColumn;
  readonly status: AdjusterDeadlineStatus;
  /** When the stop event came (also on a deadline that was breached before). */
  readonly met_at: InstantColumn | null;
}

/** The tables of the adjuster workload read model (schema `rm_adjuster_workload`). */
export interface AdjusterWorkloadTables {
  readonly claims: AdjusterClaimTable;
  readonly assignments: AdjusterAssignmentTable;
  readonly closures: AdjusterClosureTable;
  readonly deadlines: AdjusterDeadlineTable;
}

/**
 * Creates the adjuster workload tables in `schema` (idempotent).
 *
 * @example
 * ```ts
 * await migrateAdjusterWorkload(db, "rm_adjuster_workload");
 * ```
 */
export const migrateAdjusterWorkload = async (db: Kysely<unknown>, schema: string) => {
  const ddl = db.schema.withSchema(schema);
  await ddl
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.primaryKey())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("reported_at", "timestamptz", (col) => col.notNull())
    .addColumn("adjuster_id", "text")
    .addColumn("closed_at", "timestamptz")
    .execute();
  await ddl
    .createIndex("claims_adjuster_idx")
    .ifNotExists()
    .on("claims")
    .columns(["adjuster_id", "closed_at"])
    .execute();
  await ddl
    .createTable("assignments")
    .ifNotExists()
    .addColumn("position", "bigint", (col) => col.primaryKey())
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("adjuster_id", "text", (col) => col.notNull())
    .addColumn("assigned_at", "timestamptz", (col) => col.notNull())
    .execute();
  await ddl
    .createTable("closures")
    .ifNotExists()
    .addColumn("position", "bigint", (col) => col.primaryKey())
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("adjuster_id", "text")
    .addColumn("closed_at", "timestamptz", (col) => col.notNull())
    .execute();
  await ddl
    .createTable("deadlines")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("deadline_id", "text", (col) => col.notNull())
    .addColumn("due_at", "timestamptz", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("met_at", "timestamptz")
    .addPrimaryKeyConstraint("deadlines_pk", ["claim_id", "deadline_id"])
    .execute();
};
