import type { DeadlineKind } from "@claimstream/domain";
import type { ColumnType, Kysely } from "kysely";

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text. */
type InstantColumn = ColumnType<Date, string, string>;

/** Claim → insurer, for the deadlines started later on the claim: `claims`. */
export interface SlaClaimTable {
  readonly claim_id: string;
  readonly insurer_id: string;
}

/** Where a deadline stands, as the domain's `Deadline.status`. */
export type SlaDeadlineStatus = "open" | "paused" | "met" | "breached";

/** Every deadline started on a claim and where it stands: `deadlines`. */
export interface SlaDeadlineTable {
  readonly claim_id: string;
  readonly deadline_id: string;
  readonly insurer_id: string;
  readonly rule_id: string;
  readonly kind: DeadlineKind;
  readonly started_at: InstantColumn;
  /** Moved on by a resume after a pause. */
  readonly due_at: InstantColumn;
  readonly status: SlaDeadlineStatus;
  /** Flagged by `DeadlineAtRisk` while open; cleared when a resume moves the due time. */
  readonly at_risk: boolean;
  readonly met_at: InstantColumn | null;
  /** `DeadlineMet.onTime`: `false` when the stop event came after `due_at` (met late). */
  readonly met_on_time: boolean | null;
  readonly breached_at: InstantColumn | null;
  /** The deadline's jurisdiction (`null`: hours or calendar days without one). */
  readonly jurisdiction: string | null;
  /**
   * While the due time is provisional (counted past the holiday table): that table's last date;
   * `null` when exact. The deadline scheduler recounts these once the table is extended.
   */
  readonly table_end: string | null;
}

/** The tables of the SLA compliance read model (schema `rm_sla_compliance`). */
export interface SlaComplianceTables {
  readonly claims: SlaClaimTable;
  readonly deadlines: SlaDeadlineTable;
}

/**
 * Creates the SLA compliance tables in `schema` (idempotent).
 *
 * @example
 * ```ts
 * await migrateSlaCompliance(db, "rm_sla_compliance");
 * ```
 */
export const migrateSlaCompliance = async (db: Kysely<unknown>, schema: string) => {
  const ddl = db.schema.withSchema(schema);
  await ddl
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.primaryKey())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .execute();
  await ddl
    .createTable("deadlines")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("deadline_id", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("rule_id", "text", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("started_at", "timestamptz", (col) => col.notNull())
    .addColumn("due_at", "timestamptz", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("at_risk", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("met_at", "timestamptz")
    .addColumn("met_on_time", "boolean")
    .addColumn("breached_at", "timestamptz")
    .addColumn("jurisdiction", "text")
    .addColumn("table_end", "text")
    .addPrimaryKeyConstraint("deadlines_pk", ["claim_id", "deadline_id"])
    .execute();
  await ddl
    .createIndex("deadlines_insurer_kind_idx")
    .ifNotExists()
    .on("deadlines")
    .columns(["insurer_id", "kind", "started_at"])
    .execute();
};
