import { type QueryCreator, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { exactInstantSql } from "../shared/column-types.js";
import type { PayoutRow } from "../shared/payout-lookup.js";
import type { ClaimRow } from "./claim-row.js";
import type { DeadlineRow } from "./deadline-row.js";
import type { ClaimsListTables } from "./schema.js";

type Db = QueryCreator<ClaimsListTables>;

const anyOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} = any(${[...new Set(values)]}::text[])`;

const nullableInstant = (column: string) =>
  sql<string | null>`case when ${sql.ref(column)} is not null then ${exactInstantSql(column)} end`;

/** What a batch's events can touch, by key. */
export interface ClaimsListKeys {
  readonly policyIds: readonly string[];
  readonly payoutIds: readonly string[];
  /** Claims named by the events (their payouts' claims are added from the payout lookup). */
  readonly claimIds: readonly string[];
  /** Policies issued in the batch: their stored claims still without a region are loaded. */
  readonly issuedPolicies: readonly string[];
  /** Claims with deadline events: all their deadlines are loaded. */
  readonly deadlineClaims: readonly string[];
}

/** The stored rows a batch can touch. */
export interface StoredClaimsListRows {
  readonly regions: Map<string, string>;
  readonly payouts: readonly PayoutRow[];
  readonly claims: Map<string, ClaimRow>;
  readonly deadlines: Map<string, DeadlineRow>;
}

/** The key of a deadline among a batch's deadlines. */
export const deadlineKey = (claimId: string, deadlineId: string): string =>
  JSON.stringify([claimId, deadlineId]);

const claimRowsQuery = (db: Db, keys: ClaimsListKeys) =>
  db
    .selectFrom("claims")
    .select([
      "claim_id",
      "insurer_id",
      "policy_id",
      "line",
      "jurisdiction",
      "region",
      "loss_region",
      "status",
      "adjuster_id",
      "close_outcome",
      "currency",
      "reserve_indemnity",
      "reserve_expense",
      "paid_indemnity",
      "paid_expense",
      "recovered",
      "fast_track",
      "fraud_review",
      "open_deadlines",
      "reopen_count",
      "last_position",
    ])
    .select([
      sql<string>`loss_date::text`.as("loss_date"),
      exactInstantSql("reported_at").as("reported_at"),
      nullableInstant("settled_at").as("settled_at"),
      nullableInstant("closed_at").as("closed_at"),
      nullableInstant("next_deadline_due").as("next_deadline_due"),
      exactInstantSql("last_event_at").as("last_event_at"),
    ])
    .where((eb) =>
      eb.or([
        anyOf("claim_id", keys.claimIds),
        eb(
          "claim_id",
          "in",
          eb.selectFrom("payouts").select("claim_id").where(anyOf("payout_id", keys.payoutIds)),
        ),
        eb.and([anyOf("policy_id", keys.issuedPolicies), eb("region", "is", null)]),
      ]),
    );

/**
 * Loads, in one statement, the stored rows a batch's events can touch: the regions of its
 * policies, its payouts' lookup rows, its claims (those it names, those its payouts pay, and
 * the claims of policies it issues still without a region) and its claims' deadlines, read
 * back exactly (instants to the microsecond, dates as text).
 */
export const loadClaimsListRows = async (
  db: Db,
  keys: ClaimsListKeys,
): Promise<StoredClaimsListRows> => {
  const stored = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("policies")
          .select(["policy_id", "region"])
          .where(anyOf("policy_id", keys.policyIds)),
      ).as("policies"),
      jsonArrayFrom(
        eb.selectFrom("payouts").selectAll().where(anyOf("payout_id", keys.payoutIds)),
      ).as("payouts"),
      jsonArrayFrom(claimRowsQuery(db, keys)).as("claims"),
      jsonArrayFrom(
        eb
          .selectFrom("deadlines")
          .select(["claim_id", "deadline_id", "kind", "status"])
          .select(exactInstantSql("due_at").as("due_at"))
          .where(anyOf("claim_id", keys.deadlineClaims)),
      ).as("deadlines"),
    ])
    .executeTakeFirstOrThrow();
  const claims = new Map<string, ClaimRow>();
  for (const row of stored.claims) {
    claims.set(row.claim_id, {
      ...row,
      reserve_indemnity: Number(row.reserve_indemnity),
      reserve_expense: Number(row.reserve_expense),
      paid_indemnity: Number(row.paid_indemnity),
      paid_expense: Number(row.paid_expense),
      recovered: Number(row.recovered),
      last_position: Number(row.last_position),
    });
  }
  return {
    regions: new Map(stored.policies.map((row) => [row.policy_id, row.region])),
    payouts: stored.payouts.map((row) => ({
      ...row,
      issued_amount: row.issued_amount === null ? null : Number(row.issued_amount),
    })),
    claims,
    deadlines: new Map(
      stored.deadlines.map((row) => [deadlineKey(row.claim_id, row.deadline_id), row]),
    ),
  };
};

/**
 * Sets the deadline figures of `claimIds` from their deadlines as stored: open or paused
 * ones counted, the earliest due among the running (open) ones.
 */
export const recountDeadlines = async (db: Db, claimIds: readonly string[]): Promise<void> => {
  if (claimIds.length === 0) return;
  await db
    .updateTable("claims")
    .set((eb) => ({
      open_deadlines: eb
        .selectFrom("deadlines")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("deadlines.claim_id", "=", "claims.claim_id")
        .where("deadlines.status", "in", ["open", "paused"]),
      next_deadline_due: eb
        .selectFrom("deadlines")
        .select(sql<string>`min(due_at)`.as("due"))
        .whereRef("deadlines.claim_id", "=", "claims.claim_id")
        .where("deadlines.status", "=", "open"),
    }))
    .where(anyOf("claim_id", claimIds))
    .execute();
};
