import type { LineOfBusiness } from "@claimstream/domain";
import { type Kysely, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import type { CustomerTables } from "./schema.js";

/** Parameters of {@link customerMetrics}. */
export interface CustomerMetricsParams {
  readonly insurerId?: string;
  /** Claims reported at or after this instant (ISO 8601). */
  readonly from?: string;
  /** Claims reported before this instant (ISO 8601). */
  readonly to?: string;
}

/** Customer figures of the claims of one insurer and line reported in the period. */
export interface CustomerMetricsRow {
  readonly insurerId: string;
  readonly line: LineOfBusiness;
  readonly claims: number;
  /** Claims with a CSAT rating (the latest rating of each counts). */
  readonly feedbackResponses: number;
  /** Mean CSAT (1–5); `null` without ratings. */
  readonly csatAverage: number | null;
  readonly complaints: number;
  /** Complaints per claim. */
  readonly complaintRate: number;
  /** Claims closed at least once. */
  readonly closedClaims: number;
  /** Claims reopened at least once. */
  readonly reopenedClaims: number;
  /** `reopenedClaims / closedClaims`; `null` when none was closed. */
  readonly reopenRate: number | null;
}

/**
 * CSAT average, complaint rate and reopen rate per insurer and line, over the
 * cohort of claims reported in the period (their feedback, complaints and reopens whenever
 * they came).
 *
 * @example
 * ```ts
 * const rows = await customerMetrics(db, { insurerId: "ins-a", from: "2026-01-01T00:00:00Z" });
 * rows[0]?.reopenRate; // e.g. 0.05
 * ```
 */
export const customerMetrics = async (
  db: Kysely<unknown>,
  params: CustomerMetricsParams,
): Promise<CustomerMetricsRow[]> => {
  const rows = await (db as Kysely<CustomerTables>)
    .withSchema(projectionSchema("customer"))
    .selectFrom("claims")
    .select([
      "insurer_id",
      "line",
      sql<number>`count(*)::int`.as("claims"),
      sql<number>`count(csat)::int`.as("responses"),
      sql<number | null>`avg(csat)::float8`.as("csat"),
      sql<number>`sum(complaints)::int`.as("complaints"),
      sql<number>`(count(*) filter (where closed))::int`.as("closed"),
      sql<number>`(count(*) filter (where reopened))::int`.as("reopened"),
    ])
    .$if(params.insurerId !== undefined, (q) => q.where("insurer_id", "=", params.insurerId ?? ""))
    .$if(params.from !== undefined, (q) => q.where("reported_at", ">=", new Date(params.from ?? 0)))
    .$if(params.to !== undefined, (q) => q.where("reported_at", "<", new Date(params.to ?? 0)))
    .groupBy(["insurer_id", "line"])
    .orderBy("insurer_id")
    .orderBy("line")
    .execute();
  return rows.map((row) => ({
    insurerId: row.insurer_id,
    line: row.line,
    claims: row.claims,
    feedbackResponses: row.responses,
    csatAverage: row.csat,
    complaints: row.complaints,
    complaintRate: row.complaints / row.claims,
    closedClaims: row.closed,
    reopenedClaims: row.reopened,
    reopenRate: row.closed === 0 ? null : row.reopened / row.closed,
  }));
};
