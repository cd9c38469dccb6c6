import type { LineOfBusiness } from "@claimstream/domain";
import { type GeneratedAlways, type Kysely, sql } from "kysely";
import type {
  DefaultedMinorUnitsColumn,
  InstantColumn,
  MinorUnitsColumn,
  PositionColumn,
} from "../shared/column-types.js";
import { createPayoutLookupTable, type PayoutFactTable } from "../shared/payout-lookup.js";

/**
 * One row per claim: its first case reserve and its running paid, recovered and reserve
 * amounts, so that a closed claim's final incurred can be set against its first reserve.
 */
export interface ReserveAccuracyClaimTable {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly line: LineOfBusiness;
  readonly currency: string;
  /** Balance of the claim's first indemnity reserve change; `null` if never reserved. */
  readonly first_reserve_indemnity: MinorUnitsColumn | null;
  /** Balance of the claim's first expense reserve change; `null` if never reserved. */
  readonly first_reserve_expense: MinorUnitsColumn | null;
  /** Business time of the claim's first reserve change. */
  readonly first_reserved_at: InstantColumn | null;
  /** First indemnity + first expense reserve; `null` when neither was set. */
  readonly first_reserve: GeneratedAlways<string | null>;
  readonly reserve_indemnity: DefaultedMinorUnitsColumn;
  readonly reserve_expense: DefaultedMinorUnitsColumn;
  /** Issued less reversed payouts, by cost type. */
  readonly paid_indemnity: DefaultedMinorUnitsColumn;
  readonly paid_expense: DefaultedMinorUnitsColumn;
  readonly recovered: DefaultedMinorUnitsColumn;
  /** Paid (both cost types) − recovered + case reserves: the final incurred once closed. */
  readonly incurred: GeneratedAlways<string>;
  /** Set while the claim is closed (the latest close), cleared when it is reopened. */
  readonly closed_at: InstantColumn | null;
  readonly close_outcome: string | null;
  readonly last_position: PositionColumn;
}

/** The reserve accuracy tables (schema `rm_reserve_accuracy`). */
export interface ReserveAccuracyTables {
  readonly claims: ReserveAccuracyClaimTable;
  readonly payouts: PayoutFactTable;
}

/**
 * Creates the reserve accuracy tables in `schema`, idempotently.
 *
 * @example
 * ```ts
 * await migrateReserveAccuracy(db, "rm_reserve_accuracy");
 * ```
 */
export const migrateReserveAccuracy = async (
  db: Kysely<unknown>,
  schema: string,
): Promise<void> => {
  let claims = db.schema
    .withSchema(schema)
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (c) => c.primaryKey())
    .addColumn("insurer_id", "text", (c) => c.notNull())
    .addColumn("line", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("first_reserve_indemnity", "bigint")
    .addColumn("first_reserve_expense", "bigint")
    .addColumn("first_reserved_at", "timestamptz")
    .addColumn("first_reserve", "bigint", (c) =>
      c
        .generatedAlwaysAs(
          sql`case when first_reserve_indemnity is null and first_reserve_expense is null then null
            else coalesce(first_reserve_indemnity, 0) + coalesce(first_reserve_expense, 0) end`,
        )
        .stored(),
    );
  for (const column of [
    "reserve_indemnity",
    "reserve_expense",
    "paid_indemnity",
    "paid_expense",
    "recovered",
  ]) {
    claims = claims.addColumn(column, "bigint", (c) => c.notNull().defaultTo(0));
  }
  await claims
    .addColumn("incurred", "bigint", (c) =>
      c
        .generatedAlwaysAs(
          sql`paid_indemnity + paid_expense - recovered + reserve_indemnity + reserve_expense`,
        )
        .stored(),
    )
    .addColumn("closed_at", "timestamptz")
    .addColumn("close_outcome", "text")
    .addColumn("last_position", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .withSchema(schema)
    .createIndex("claims_closed_idx")
    .ifNotExists()
    .on("claims")
    .columns(["insurer_id", "closed_at", "claim_id"])
    .execute();
  await createPayoutLookupTable(db, schema);
};
