import type { LineOfBusiness, LocalDate } from "@claimstream/domain";
import { type Kysely, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import { endOfBusinessDate, startOfBusinessDate, toInstant } from "../shared/business-date.js";
import { exactInstantSql, instantParam, toNumber } from "../shared/column-types.js";
import { decodeCursor, encodeCursor, type Page, pageSize } from "../shared/keyset-cursor.js";
import { RESERVE_ACCURACY_PROJECTION } from "./projection.js";
import type { ReserveAccuracyTables } from "./schema.js";

/** Which closed claims to look at. Dates are business dates (UTC), inclusive. */
export interface ClosedClaimFilter {
  /** Tenant scope. */
  readonly insurerId?: string;
  readonly line?: LineOfBusiness;
  readonly closedFrom?: LocalDate;
  readonly closedTo?: LocalDate;
}

/** A dimension reserve accuracy can be grouped by. */
export type ReserveAccuracyDimension = "insurer" | "line";

/** Parameters of {@link reserveAccuracy}. */
export interface ReserveAccuracyParams extends ClosedClaimFilter {
  readonly groupBy: readonly ReserveAccuracyDimension[];
  /** Half-width of the "accurate" band around a ratio of 1; default 0.10 (±10 %). */
  readonly tolerance?: number;
}

/** Reserve accuracy of a group of closed claims. */
export interface ReserveAccuracyRow {
  readonly insurerId?: string;
  readonly line?: string;
  readonly closedClaims: number;
  /** Closed claims whose first reserve was above zero: the ones a ratio exists for. */
  readonly measuredClaims: number;
  /** Mean of final incurred ÷ first reserve; `null` without measured claims. */
  readonly meanRatio: number | null;
  /** Share of measured claims whose ratio is within 1 ± tolerance; `null` without any. */
  readonly withinToleranceShare: number | null;
}

/** Parameters of {@link listReserveAccuracy}. */
export interface ListReserveAccuracyParams extends ClosedClaimFilter {
  readonly limit?: number;
  readonly cursor?: string;
}

/** One closed claim's first reserve against its final incurred (minor units of `currency`). */
export interface ClaimReserveAccuracy {
  readonly claimId: string;
  readonly insurerId: string;
  readonly line: string;
  readonly currency: string;
  readonly firstReserveIndemnity: number | null;
  readonly firstReserveExpense: number | null;
  /** First indemnity + first expense reserve; `null` if the claim was never reserved. */
  readonly firstReserve: number | null;
  readonly firstReservedAt: string | null;
  /** Paid (indemnity and expense, net of reversals) − recovered + any reserve left. */
  readonly finalIncurred: number;
  /** `finalIncurred ÷ firstReserve`; `null` when the first reserve is missing or zero. */
  readonly ratio: number | null;
  readonly closedAt: string;
  readonly outcome: string;
}

const db$ = (db: Kysely<unknown>) =>
  (db as unknown as Kysely<ReserveAccuracyTables>).withSchema(
    projectionSchema(RESERVE_ACCURACY_PROJECTION),
  );

const closedClaims = (db: Kysely<unknown>, filter: ClosedClaimFilter) => {
  let query = db$(db).selectFrom("claims").where("closed_at", "is not", null);
  if (filter.insurerId !== undefined) query = query.where("insurer_id", "=", filter.insurerId);
  if (filter.line !== undefined) query = query.where("line", "=", filter.line);
  if (filter.closedFrom !== undefined) {
    query = query.where("closed_at", ">=", instantParam(startOfBusinessDate(filter.closedFrom)));
  }
  if (filter.closedTo !== undefined) {
    query = query.where("closed_at", "<", instantParam(endOfBusinessDate(filter.closedTo)));
  }
  return query;
};

const DIMENSION = { insurer: "insurer_id", line: "line" } as const;
const FIELD = { insurer: "insurerId", line: "line" } as const;

/**
 * Reserve accuracy of closed claims: how the first case reserve compared with the final
 * incurred, as the mean ratio (final ÷ first) and the share of claims within ±10 % (or
 * `tolerance`), grouped by insurer and/or line. Claims never reserved (or reserved at zero)
 * count as closed but are not measured.
 *
 * @example
 * ```ts
 * const rows = await reserveAccuracy(db, { groupBy: ["line"], insurerId: "ins-a" });
 * // [{ line: "motor_own_damage", closedClaims: 4, measuredClaims: 4, meanRatio: 0.727, withinToleranceShare: 0.25 }]
 * ```
 */
export const reserveAccuracy = async (
  db: Kysely<unknown>,
  params: ReserveAccuracyParams,
): Promise<ReserveAccuracyRow[]> => {
  const tolerance = params.tolerance ?? 0.1;
  const columns = params.groupBy.map((d) => DIMENSION[d]);
  const ratio = sql`(incurred::numeric / nullif(first_reserve, 0))`;
  let query = closedClaims(db, params)
    .select([
      sql<string>`count(*)`.as("closed"),
      sql<string>`count(${ratio})`.as("measured"),
      sql<string | null>`avg(${ratio})`.as("mean_ratio"),
      sql<
        string | null
      >`avg(case when abs(${ratio} - 1) <= ${tolerance} then 1.0 else 0.0 end) filter (where ${ratio} is not null)`.as(
        "within",
      ),
    ])
    .select(columns);
  if (columns.length > 0) query = query.groupBy(columns);
  for (const column of columns) query = query.orderBy(column);
  const rows = await query.execute();
  return rows.map((row) => ({
    ...Object.fromEntries(params.groupBy.map((d) => [FIELD[d], row[DIMENSION[d]]])),
    closedClaims: toNumber(row.closed),
    measuredClaims: toNumber(row.measured),
    meanRatio: row.mean_ratio === null ? null : Number(row.mean_ratio),
    withinToleranceShare: row.within === null ? null : Number(row.within),
  }));
};

/**
 * Closed claims with their first reserve, final incurred and ratio, most recently closed
 * first, one page at a time (pass `nextCursor` back as `cursor`).
 *
 * @example
 * ```ts
 * const page = await listReserveAccuracy(db, { insurerId: "ins-a", limit: 20 });
 * const next = page.nextCursor && (await listReserveAccuracy(db, { insurerId: "ins-a", limit: 20, cursor: page.nextCursor }));
 * ```
 */
export const listReserveAccuracy = async (
  db: Kysely<unknown>,
  params: ListReserveAccuracyParams,
): Promise<Page<ClaimReserveAccuracy>> => {
  const limit = pageSize(params.limit);
  let query = closedClaims(db, params)
    .selectAll()
    .select(exactInstantSql("closed_at").as("cursor_at"))
    .orderBy("closed_at", "desc")
    .orderBy("claim_id", "desc")
    .limit(limit + 1);
  if (params.cursor !== undefined) {
    const [closedAt = "", claimId = ""] = decodeCursor(params.cursor, 2);
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple("closed_at", "claim_id"), "<", tuple(instantParam(closedAt), claimId)),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const items = page.map((row): ClaimReserveAccuracy => {
    const firstReserve = row.first_reserve === null ? null : toNumber(row.first_reserve);
    const finalIncurred = toNumber(row.incurred);
    return {
      claimId: row.claim_id,
      insurerId: row.insurer_id,
      line: row.line,
      currency: row.currency,
      firstReserveIndemnity:
        row.first_reserve_indemnity === null ? null : toNumber(row.first_reserve_indemnity),
      firstReserveExpense:
        row.first_reserve_expense === null ? null : toNumber(row.first_reserve_expense),
      firstReserve,
      firstReservedAt: toInstant(row.first_reserved_at),
      finalIncurred,
      ratio: firstReserve === null || firstReserve === 0 ? null : finalIncurred / firstReserve,
      closedAt: toInstant(row.closed_at) ?? "",
      outcome: row.close_outcome ?? "",
    };
  });
  const last = page.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor([last.cursor_at, last.claim_id])
        : null,
  };
};
