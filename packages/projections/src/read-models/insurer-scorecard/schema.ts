import type { ColumnType, Kysely } from "kysely";

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text. */
type InstantColumn = ColumnType<Date, string, string>;
/** A `bigint` amount in minor units: read as text (it may exceed 2^53), written as a number. */
type AmountColumn = ColumnType<string, number, number>;

/**
 * One claim as the insurer handled it: `claims`. A claim seen only through a repair order
 * (a shop-only deployment) has no `registered_at`.
 */
export interface ScorecardClaimTable {
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly registered_at: InstantColumn | null;
  /** The earliest of FNOL and its repair orders' opening: when the claim counts as volume. */
  readonly seen_at: InstantColumn;
  /** How many `DamageAssessed` so far: the number of the current assessment. */
  readonly assessments: number;
  /** The current assessment's total plus approved supplements (the claim's currency). */
  readonly assessed_total: AmountColumn | null;
  /** The latest agreed settlement (the claim's currency). */
  readonly settled_amount: AmountColumn | null;
  readonly settled_at: InstantColumn | null;
  /** The latest CSAT (1–5). */
  readonly csat: number | null;
  readonly feedback_at: InstantColumn | null;
}

/**
 * Each assessment of a claim and the shop's answer to it: `assessments`. Number 0 stands for
 * an assessment the shop answered before (or without) a `DamageAssessed` on record.
 */
export interface ScorecardAssessmentTable {
  readonly claim_id: string;
  readonly assessment_no: number;
  readonly insurer_id: string;
  readonly assessed_at: InstantColumn | null;
  /** The first shop response (from the claim or the repair order). */
  readonly responded_at: InstantColumn | null;
  readonly disputed: boolean;
  readonly confirmed: boolean;
}

/** Where a claim's supplement stands. */
export type ScorecardSupplementStatus = "requested" | "approved" | "rejected";

/** Supplements requested on claims: `supplements`. */
export interface ScorecardSupplementTable {
  readonly claim_id: string;
  readonly supplement_id: string;
  readonly insurer_id: string;
  readonly requested_at: InstantColumn;
  readonly status: ScorecardSupplementStatus;
}

/** Repair orders and their handover, estimate and invoice: `repair_orders`. */
export interface ScorecardRepairOrderTable {
  readonly repair_order_id: string;
  readonly claim_id: string;
  readonly insurer_id: string;
  readonly shop_id: string;
  readonly opened_at: InstantColumn;
  readonly handed_over_at: InstantColumn | null;
  /** The latest estimate's total. */
  readonly estimate_total: AmountColumn | null;
  readonly invoice_amount: AmountColumn | null;
  readonly invoiced_at: InstantColumn | null;
  readonly cancelled_at: InstantColumn | null;
}

/** Payouts and whom they paid: `payouts`. */
export interface ScorecardPayoutTable {
  readonly payout_id: string;
  readonly claim_id: string;
  readonly insurer_id: string;
  /** `null` when the payee's personal data was erased. */
  readonly payee_kind: "policyholder" | "shop" | null;
  readonly payee_id: string | null;
  readonly issued_at: InstantColumn | null;
  readonly voided: boolean;
}

/** The tables of the insurer scorecard read model (schema `rm_insurer_scorecard`). */
export interface InsurerScorecardTables {
  readonly claims: ScorecardClaimTable;
  readonly assessments: ScorecardAssessmentTable;
  readonly supplements: ScorecardSupplementTable;
  readonly repair_orders: ScorecardRepairOrderTable;
  readonly payouts: ScorecardPayoutTable;
}

const createClaims = (db: Kysely<unknown>, schema: string) =>
  db.schema
    .withSchema(schema)
    .createTable("claims")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.primaryKey())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("registered_at", "timestamptz")
    .addColumn("seen_at", "timestamptz", (col) => col.notNull())
    .addColumn("assessments", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("assessed_total", "bigint")
    .addColumn("settled_amount", "bigint")
    .addColumn("settled_at", "timestamptz")
    .addColumn("csat", "integer")
    .addColumn("feedback_at", "timestamptz")
    .execute();

const createAssessments = (db: Kysely<unknown>, schema: string) =>
  db.schema
    .withSchema(schema)
    .createTable("assessments")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("assessment_no", "integer", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("assessed_at", "timestamptz")
    .addColumn("responded_at", "timestamptz")
    .addColumn("disputed", "boolean", (col) => col.notNull())
    .addColumn("confirmed", "boolean", (col) => col.notNull())
    .addPrimaryKeyConstraint("assessments_pk", ["claim_id", "assessment_no"])
    .execute();

const createSupplements = (db: Kysely<unknown>, schema: string) =>
  db.schema
    .withSchema(schema)
    .createTable("supplements")
    .ifNotExists()
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("supplement_id", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("requested_at", "timestamptz", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("supplements_pk", ["claim_id", "supplement_id"])
    .execute();

const createRepairOrders = (db: Kysely<unknown>, schema: string) =>
  db.schema
    .withSchema(schema)
    .createTable("repair_orders")
    .ifNotExists()
    .addColumn("repair_order_id", "text", (col) => col.primaryKey())
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("shop_id", "text", (col) => col.notNull())
    .addColumn("opened_at", "timestamptz", (col) => col.notNull())
    .addColumn("handed_over_at", "timestamptz")
    .addColumn("estimate_total", "bigint")
    .addColumn("invoice_amount", "bigint")
    .addColumn("invoiced_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .execute();

const createPayouts = (db: Kysely<unknown>, schema: string) =>
  db.schema
    .withSchema(schema)
    .createTable("payouts")
    .ifNotExists()
    .addColumn("payout_id", "text", (col) => col.primaryKey())
    .addColumn("claim_id", "text", (col) => col.notNull())
    .addColumn("insurer_id", "text", (col) => col.notNull())
    .addColumn("payee_kind", "text")
    .addColumn("payee_id", "text")
    .addColumn("issued_at", "timestamptz")
    .addColumn("voided", "boolean", (col) => col.notNull().defaultTo(false))
    .execute();

/**
 * Creates the insurer scorecard tables in `schema` (idempotent).
 *
 * @example
 * ```ts
 * await migrateInsurerScorecard(db, "rm_insurer_scorecard");
 * ```
 */
export const migrateInsurerScorecard = async (db: Kysely<unknown>, schema: string) => {
  await createClaims(db, schema);
  await createAssessments(db, schema);
  await createSupplements(db, schema);
  await createRepairOrders(db, schema);
  await createPayouts(db, schema);
  const ddl = db.schema.withSchema(schema);
  await ddl
    .createIndex("repair_orders_claim_idx")
    .ifNotExists()
    .on("repair_orders")
    .columns(["claim_id", "shop_id"])
    .execute();
  await ddl
    .createIndex("payouts_claim_idx")
    .ifNotExists()
    .on("payouts")
    .columns(["claim_id", "payee_id"])
    .execute();
};
