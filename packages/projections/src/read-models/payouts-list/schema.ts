import type { CostType, Payout } from "@claimstream/domain";
import { type ColumnType, type GeneratedAlways, type Kysely, sql } from "kysely";
import type {
  DefaultedMinorUnitsColumn,
  InstantColumn,
  MinorUnitsColumn,
  PositionColumn,
} from "../shared/column-types.js";

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** A payout's status in the list (the aggregate's, once requested). */
export type PayoutListStatus = Exclude<Payout.PayoutStatus, "none">;

/** Who a payout pays, by kind. */
export type PayeeKind = Payout.Payee["kind"];

/**
 * One row per payout: its claim, payee (kind and id only: the payee's name and account are
 * personal data, never stored), amounts and where it stands.
 */
export interface PayoutsListPayoutTable {
  readonly payout_id: string;
  readonly claim_id: string;
  readonly insurer_id: string;
  /** `null` when the payee's personal data was erased before the event was projected. */
  readonly payee_kind: PayeeKind | null;
  readonly payee_id: string | null;
  readonly cost_type: CostType;
  readonly currency: string;
  /** The requested (and, once approved, approved) amount. */
  readonly amount: MinorUnitsColumn;
  /** The Payout aggregate's status, following `evolvePayout`'s transitions. */
  readonly status: PayoutListStatus;
  readonly requested_at: InstantColumn;
  readonly approved_at: InstantColumn | null;
  readonly rejected_at: InstantColumn | null;
  readonly issued_at: InstantColumn | null;
  readonly voided_at: InstantColumn | null;
  /** Whether the voiding reversed an issued payment; `null` while not voided. */
  readonly reversal: boolean | null;
  /** Failed attempts to pay. */
  readonly failure_count: Defaulted<number>;
  /** Paid and not reversed: the amount once issued, 0 before issue or after a reversal. */
  readonly issued_amount: DefaultedMinorUnitsColumn;
  /** Recoveries recorded against the payout. */
  readonly recovered: DefaultedMinorUnitsColumn;
  /** `issued_amount − recovered`. */
  readonly net_paid: GeneratedAlways<string>;
  /** Global position and business time of the last event that changed the row. */
  readonly last_position: PositionColumn;
  readonly last_event_at: InstantColumn;
}

/** The payouts list tables (schema `rm_payouts_list`). */
export interface PayoutsListTables {
  readonly payouts: PayoutsListPayoutTable;
}

/**
 * Creates the payouts list table and the indexes its list query pages by, idempotently.
 *
 * @example
 * ```ts
 * await migratePayoutsList(db, "rm_payouts_list");
 * ```
 */
export const migratePayoutsList = async (db: Kysely<unknown>, schema: string): Promise<void> => {
  const s = db.schema.withSchema(schema);
  await s
    .createTable("payouts")
    .ifNotExists()
    .addColumn("payout_id", "text", (c) => c.primaryKey())
    .addColumn("claim_id", "text", (c) => c.notNull())
    .addColumn("insurer_id", "text", (c) => c.notNull())
    .addColumn("payee_kind", "text")
    .addColumn("payee_id", "text")
    .addColumn("cost_type", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_at", "timestamptz", (c) => c.notNull())
    .addColumn("approved_at", "timestamptz")
    .addColumn("rejected_at", "timestamptz")
    .addColumn("issued_at", "timestamptz")
    .addColumn("voided_at", "timestamptz")
    .addColumn("reversal", "boolean")
    .addColumn("failure_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("issued_amount", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("recovered", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("net_paid", "bigint", (c) =>
      c.generatedAlwaysAs(sql`issued_amount - recovered`).stored(),
    )
    .addColumn("last_position", "bigint", (c) => c.notNull())
    .addColumn("last_event_at", "timestamptz", (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ["payouts_requested_idx", ["requested_at", "payout_id"]],
    ["payouts_insurer_requested_idx", ["insurer_id", "requested_at", "payout_id"]],
    ["payouts_claim_idx", ["claim_id"]],
  ] as const) {
    await s
      .createIndex(name)
      .ifNotExists()
      .on("payouts")
      .columns([...columns])
      .execute();
  }
};
