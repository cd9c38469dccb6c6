import type { Jurisdiction, LineOfBusiness, Policy } from "@claimstream/domain";
import type { ColumnType, Kysely } from "kysely";
import type {
  InstantColumn,
  LocalDateColumn,
  MinorUnitsColumn,
  PositionColumn,
} from "../shared/column-types.js";

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** A policy's status in the list (the aggregate's, once issued). */
export type PolicyListStatus = Exclude<Policy.PolicyStatus, "none">;

/**
 * One row per issued policy: its terms as issued and where it stands. The holder (personal
 * data, erased by crypto-shredding) is deliberately not stored.
 */
export interface PoliciesListPolicyTable {
  readonly policy_id: string;
  readonly insurer_id: string;
  readonly policy_number: string;
  readonly line: LineOfBusiness;
  readonly jurisdiction: Jurisdiction;
  /** Underwriting region. */
  readonly region: string;
  readonly currency: string;
  /** First and last day of cover, inclusive. */
  readonly start_date: LocalDateColumn;
  readonly end_date: LocalDateColumn;
  readonly written_premium: MinorUnitsColumn;
  /** The Policy aggregate's status: `issued` or `cancelled`. */
  readonly status: PolicyListStatus;
  readonly issued_at: InstantColumn;
  /** First day without cover, and when the cancellation was made; `null` while not cancelled. */
  readonly cancelled_from: LocalDateColumn | null;
  readonly cancelled_at: InstantColumn | null;
  /** Endorsements recorded so far. */
  readonly endorsement_count: Defaulted<number>;
  /** Global position and business time of the last event that changed the row. */
  readonly last_position: PositionColumn;
  readonly last_event_at: InstantColumn;
}

/** The policies list tables (schema `rm_policies_list`). */
export interface PoliciesListTables {
  readonly policies: PoliciesListPolicyTable;
}

/**
 * Creates the policies list table and the indexes its list query pages by, idempotently.
 *
 * @example
 * ```ts
 * await migratePoliciesList(db, "rm_policies_list");
 * ```
 */
export const migratePoliciesList = async (db: Kysely<unknown>, schema: string): Promise<void> => {
  const s = db.schema.withSchema(schema);
  await s
    .createTable("policies")
    .ifNotExists()
    .addColumn("policy_id", "text", (c) => c.primaryKey())
    .addColumn("insurer_id", "text", (c) => c.notNull())
    .addColumn("policy_number", "text", (c) => c.notNull())
    .addColumn("line", "text", (c) => c.notNull())
    .addColumn("jurisdiction", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date", (c) => c.notNull())
    .addColumn("written_premium", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("issued_at", "timestamptz", (c) => c.notNull())
    .addColumn("cancelled_from", "date")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("endorsement_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_position", "bigint", (c) => c.notNull())
    .addColumn("last_event_at", "timestamptz", (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ["policies_issued_idx", ["issued_at", "policy_id"]],
    ["policies_insurer_issued_idx", ["insurer_id", "issued_at", "policy_id"]],
  ] as const) {
    await s
      .createIndex(name)
      .ifNotExists()
      .on("policies")
      .columns([...columns])
      .execute();
  }
};
