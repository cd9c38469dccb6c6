import { type Kysely, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import type { TimeToSettleTables } from "./schema.js";

/** Parameters of {@link claimActivity}: a window `[from, to)` of business time. */
export interface ClaimActivityParams {
  readonly insurerId?: string;
  /** Window start, inclusive (ISO 8601 instant); absent: since the first claim. */
  readonly from?: string;
  /** Window end, exclusive (ISO 8601 instant); absent: no end. */
  readonly to?: string;
}

/** How many claims reached each milestone inside the window. */
export interface ClaimActivity {
  /** Claims reported (FNOL) in the window. */
  readonly reported: number;
  /** Claims whose first settlement was agreed in the window. */
  readonly settled: number;
  /** Claims whose current close (the one a reopen has not undone) is in the window. */
  readonly closed: number;
}

const inWindow = (
  column: "reported_at" | "settled_at" | "closed_at",
  params: ClaimActivityParams,
) =>
  sql<number>`count(*) filter (where ${sql.ref(column)} >= ${params.from ?? "-infinity"}::timestamptz and ${sql.ref(column)} < ${params.to ?? "infinity"}::timestamptz)::int`;

/**
 * Claims reported, first settled and closed in a window of business time, for
 * headline figures such as "new this week" and "settled this month". The milestones are those
 * `timeToSettle` measures from (FNOL, first `SettlementAgreed`, the current close).
 *
 * @example
 * ```ts
 * const { reported, settled } = await claimActivity(db, { from: "2026-11-01T00:00:00Z", insurerId: "ins-a" });
 * ```
 */
export const claimActivity = async (
  db: Kysely<unknown>,
  params: ClaimActivityParams = {},
): Promise<ClaimActivity> =>
  (db as Kysely<TimeToSettleTables>)
    .withSchema(projectionSchema("time_to_settle"))
    .selectFrom("claims")
    .select([
      inWindow("reported_at", params).as("reported"),
      inWindow("settled_at", params).as("settled"),
      inWindow("closed_at", params).as("closed"),
    ])
    .$if(params.insurerId !== undefined, (q) => q.where("insurer_id", "=", params.insurerId ?? ""))
    .executeTakeFirstOrThrow();
