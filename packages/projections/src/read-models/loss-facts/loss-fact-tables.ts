import type { CostType, LineOfBusiness } from "@claimstream/domain";
import type { Kysely } from "kysely";
import type {
  InstantColumn,
  LocalDateColumn,
  MinorUnitsColumn,
  PositionColumn,
} from "../shared/column-types.js";
import { createPayoutLookupTable, type PayoutFactTable } from "../shared/payout-lookup.js";

export type { PayoutFactTable } from "../shared/payout-lookup.js";

/** A claim as the loss analytics need it: who carries it, which line, when the loss was. */
export interface ClaimFactTable {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly policy_id: string;
  readonly line: LineOfBusiness;
  /** Accident date: the accident period of every figure of the claim. */
  readonly loss_date: LocalDateColumn;
  readonly currency: string;
  readonly reported_at: InstantColumn;
}

/** A policy's premium facts: period, written premium, cancellation and when each was known. */
export interface PolicyFactTable {
  readonly policy_id: string;
  readonly insurer_id: string;
  readonly line: LineOfBusiness;
  /** Underwriting region; claims are sliced by their policy's region. */
  readonly region: string;
  readonly start_date: LocalDateColumn;
  readonly end_date: LocalDateColumn;
  readonly written_premium: MinorUnitsColumn;
  readonly currency: string;
  /** Business time of `PolicyIssued`: before it, the policy is unknown to an as-of query. */
  readonly issued_at: InstantColumn;
  /** First day without cover, or `null`. */
  readonly cancelled_from: LocalDateColumn | null;
  /** Business time of `PolicyCancelled`: before it, the cancellation is unknown. */
  readonly cancelled_at: InstantColumn | null;
}

/**
 * A dated change of a claim's paid amount: a payout issued (+), an issued payout voided as a
 * reversal (−), a recovery (−, against indemnity).
 */
export interface PaidMovementTable {
  /** Global position of the event that made it (one movement per event). */
  readonly position: PositionColumn;
  readonly claim_id: string;
  readonly cost_type: CostType;
  readonly kind: "payment" | "reversal" | "recovery";
  /** Signed, in minor units. */
  readonly amount: MinorUnitsColumn;
  readonly currency: string;
  readonly occurred_at: InstantColumn;
  readonly payout_id: string | null;
}

/** A dated case-reserve change of one claim and cost type, with the balance it led to. */
export interface ReserveMovementTable {
  readonly position: PositionColumn;
  readonly claim_id: string;
  readonly cost_type: CostType;
  readonly delta: MinorUnitsColumn;
  readonly balance: MinorUnitsColumn;
  readonly currency: string;
  readonly occurred_at: InstantColumn;
}

/**
 * The dated loss facts that the loss ratio and the loss triangles aggregate at query time:
 * storing facts with their business dates (not running totals) is what makes every figure
 * evaluable as of any past date.
 */
export interface LossFactTables {
  readonly claims: ClaimFactTable;
  readonly policies: PolicyFactTable;
  readonly payouts: PayoutFactTable;
  readonly paid_movements: PaidMovementTable;
  readonly reserve_movements: ReserveMovementTable;
}

/**
 * Creates the loss fact tables and their indexes in `schema`, idempotently.
 *
 * @example
 * ```ts
 * await migrateLossFacts(db, "rm_loss_ratio");
 * ```
 */
export const migrateLossFacts = async (db: Kysely<unknown>, schema: string): Promise<void> => {
  const s = db.schema.withSchema(schema);
  await s
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (c) => c.primaryKey())
    .addColumn("insurer_id", "text", (c) => c.notNull())
    .addColumn("policy_id", "text", (c) => c.notNull())
    .addColumn("line", "text", (c) => c.notNull())
    .addColumn("loss_date", "date", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("reported_at", "timestamptz", (c) => c.notNull())
    .execute();
  await s
    .createTable("policies")
    .ifNotExists()
    .addColumn("policy_id", "text", (c) => c.primaryKey())
    .addColumn("insurer_id", "text", (c) => c.notNull())
    .addColumn("line", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date", (c) => c.notNull())
    .addColumn("written_premium", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("issued_at", "timestamptz", (c) => c.notNull())
    .addColumn("cancelled_from", "date")
    .addColumn("cancelled_at", "timestamptz")
    .execute();
  await createPayoutLookupTable(db, schema);
  await s
    .createTable("paid_movements")
    .ifNotExists()
    .addColumn("position", "bigint", (c) => c.primaryKey())
    .addColumn("claim_id", "text", (c) => c.notNull())
    .addColumn("cost_type", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
    .addColumn("payout_id", "text")
    .execute();
  await s
    .createTable("reserve_movements")
    .ifNotExists()
    .addColumn("position", "bigint", (c) => c.primaryKey())
    .addColumn("claim_id", "text", (c) => c.notNull())
    .addColumn("cost_type", "text", (c) => c.notNull())
    .addColumn("delta", "bigint", (c) => c.notNull())
    .addColumn("balance", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
    .execute();
  await s
    .createIndex("claims_insurer_idx")
    .ifNotExists()
    .on("claims")
    .columns(["insurer_id", "loss_date"])
    .execute();
  await s
    .createIndex("paid_movements_claim_idx")
    .ifNotExists()
    .on("paid_movements")
    .columns(["claim_id", "occurred_at"])
    .execute();
  await s
    .createIndex("reserve_movements_claim_idx")
    .ifNotExists()
    .on("reserve_movements")
    .columns(["claim_id", "cost_type", "occurred_at", "position"])
    .execute();
};
