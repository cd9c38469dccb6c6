import type { ClaimStatus, Jurisdiction, LineOfBusiness } from "@claimstream/domain";
import { type ColumnType, type GeneratedAlways, type Kysely, sql } from "kysely";
import type {
  DefaultedMinorUnitsColumn,
  InstantColumn,
  LocalDateColumn,
  PositionColumn,
} from "../shared/column-types.js";
import { createPayoutLookupTable, type PayoutFactTable } from "../shared/payout-lookup.js";

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** One row per claim: where it stands and its money, for lists and the claim summary. */
export interface ClaimsListClaimTable {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly policy_id: string;
  readonly line: LineOfBusiness;
  readonly jurisdiction: Jurisdiction;
  /** The policy's underwriting region (as the loss ratio slices); `null` until it is known. */
  readonly region: string | null;
  /** Where the loss happened (`lossPlace.region` of the FNOL). */
  readonly loss_region: string;
  readonly loss_date: LocalDateColumn;
  readonly status: ClaimStatus;
  readonly adjuster_id: string | null;
  readonly reported_at: InstantColumn;
  /** Latest settlement agreed. */
  readonly settled_at: InstantColumn | null;
  /** Set while closed; cleared by a reopen. */
  readonly closed_at: InstantColumn | null;
  readonly close_outcome: string | null;
  readonly currency: string;
  /** Current case reserve balances. */
  readonly reserve_indemnity: DefaultedMinorUnitsColumn;
  readonly reserve_expense: DefaultedMinorUnitsColumn;
  /** Issued payouts less reversals, by cost type. */
  readonly paid_indemnity: DefaultedMinorUnitsColumn;
  readonly paid_expense: DefaultedMinorUnitsColumn;
  /** Subrogation and salvage recovered. */
  readonly recovered: DefaultedMinorUnitsColumn;
  /** Paid (both cost types) − recovered + case reserves. */
  readonly incurred: GeneratedAlways<string>;
  readonly fast_track: Defaulted<boolean>;
  readonly fraud_review: Defaulted<boolean>;
  /** Deadlines open or paused. */
  readonly open_deadlines: Defaulted<number>;
  /** Earliest due time among running (open, not paused) deadlines. */
  readonly next_deadline_due: InstantColumn | null;
  readonly reopen_count: Defaulted<number>;
  /** Global position and business time of the last event that changed the row. */
  readonly last_position: PositionColumn;
  readonly last_event_at: InstantColumn;
}

/** A claim's deadline and where it stands (`open`, `paused`, `met`, `breached`). */
export interface ClaimsListDeadlineTable {
  readonly claim_id: string;
  readonly deadline_id: string;
  readonly kind: string;
  readonly status: "open" | "paused" | "met" | "breached";
  readonly due_at: InstantColumn;
}

/** Policy → underwriting region, to give claims their region whatever the event order. */
export interface ClaimsListPolicyTable {
  readonly policy_id: string;
  readonly region: string;
}

/** The claims list tables (schema `rm_claims_list`). */
export interface ClaimsListTables {
  readonly claims: ClaimsListClaimTable;
  readonly deadlines: ClaimsListDeadlineTable;
  readonly payouts: PayoutFactTable;
  readonly policies: ClaimsListPolicyTable;
}

const MONEY_COLUMNS = [
  "reserve_indemnity",
  "reserve_expense",
  "paid_indemnity",
  "paid_expense",
  "recovered",
] as const;

const createClaimsTable = async (db: Kysely<unknown>, schema: string) => {
  let table = db.schema
    .withSchema(schema)
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (c) => c.primaryKey())
    .addColumn("insurer_id", "text", (c) => c.notNull())
    .addColumn("policy_id", "text", (c) => c.notNull())
    .addColumn("line", "text", (c) => c.notNull())
    .addColumn("jurisdiction", "text", (c) => c.notNull())
    .addColumn("region", "text")
    .addColumn("loss_region", "text", (c) => c.notNull())
    .addColumn("loss_date", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("adjuster_id", "text")
    .addColumn("reported_at", "timestamptz", (c) => c.notNull())
    .addColumn("settled_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("close_outcome", "text")
    .addColumn("currency", "text", (c) => c.notNull());
  for (const column of MONEY_COLUMNS) {
    table = table.addColumn(column, "bigint", (c) => c.notNull().defaultTo(0));
  }
  await table
    .addColumn("incurred", "bigint", (c) =>
      c
        .generatedAlwaysAs(
          sql`paid_indemnity + paid_expense - recovered + reserve_indemnity + reserve_expense`,
        )
        .stored(),
    )
    .addColumn("fast_track", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("fraud_review", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("open_deadlines", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_deadline_due", "timestamptz")
    .addColumn("reopen_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_position", "bigint", (c) => c.notNull())
    .addColumn("last_event_at", "timestamptz", (c) => c.notNull())
    .execute();
};

/**
 * Creates the claims list tables and the indexes its list query pages by, idempotently.
 *
 * @example
 * ```ts
 * await migrateClaimsList(db, "rm_claims_list");
 * ```
 */
export const migrateClaimsList = async (db: Kysely<unknown>, schema: string): Promise<void> => {
  const s = db.schema.withSchema(schema);
  await createClaimsTable(db, schema);
  await s
    .createTable("deadlines")
    .ifNotExists()
    .addColumn("claim_id", "text", (c) => c.notNull())
    .addColumn("deadline_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("deadlines_pk", ["claim_id", "deadline_id"])
    .execute();
  await s
    .createTable("policies")
    .ifNotExists()
    .addColumn("policy_id", "text", (c) => c.primaryKey())
    .addColumn("region", "text", (c) => c.notNull())
    .execute();
  await createPayoutLookupTable(db, schema);
  for (const [name, columns] of [
    ["claims_reported_idx", ["reported_at", "claim_id"]],
    ["claims_insurer_reported_idx", ["insurer_id", "reported_at", "claim_id"]],
    ["claims_adjuster_idx", ["adjuster_id", "status"]],
    ["claims_policy_idx", ["policy_id"]],
  ] as const) {
    await s
      .createIndex(name)
      .ifNotExists()
      .on("claims")
      .columns([...columns])
      .execute();
  }
};
