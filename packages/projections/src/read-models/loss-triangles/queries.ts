import type { CostType, LineOfBusiness, LocalDate } from "@claimstream/domain";
import { type Kysely, type QueryCreator, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import { endOfBusinessDate } from "../shared/business-date.js";
import { dateParam, instantParam, toNumber } from "../shared/column-types.js";
import {
  type DevelopmentGranularity,
  periodIndex,
  periodIndexSql,
  periodLabel,
} from "./periods.js";
import { LOSS_TRIANGLES_PROJECTION } from "./projection.js";
import type { LossTrianglesTables } from "./schema.js";

/** Which cost types a triangle accumulates: indemnity only, or indemnity and expense. */
export type TriangleBasis = "loss" | "lossAndExpense";

/** Parameters of {@link lossTriangles}. */
export interface LossTriangleParams {
  readonly granularity: DevelopmentGranularity;
  /** Evaluation date (inclusive): the latest diagonal; movements dated later are left out. */
  readonly asOf: LocalDate;
  /** Amounts of one currency only are added up. */
  readonly currency: string;
  /** Default `"loss"`: indemnity net of recoveries; `"lossAndExpense"` adds expense. */
  readonly basis?: TriangleBasis;
  /** Tenant scope. */
  readonly insurerId?: string;
  readonly line?: LineOfBusiness;
  /** The policy's underwriting region. */
  readonly region?: string;
}

/**
 * Cumulative paid and incurred development triangles. Row `i` is the accident period
 * `origins[i]`, column `k` the development age `ages[k]` (periods after the accident period:
 * 0 is the accident period itself); `null` below the latest diagonal. Money in minor units.
 */
export interface LossTriangle {
  readonly granularity: DevelopmentGranularity;
  readonly asOf: LocalDate;
  readonly currency: string;
  readonly basis: TriangleBasis;
  /** Accident periods from the first with a claim to the period of `asOf`. */
  readonly origins: readonly string[];
  readonly ages: readonly number[];
  /** Claims per accident period. */
  readonly claimCounts: readonly number[];
  /** Paid (issued less reversals, less recoveries) up to the end of each age. */
  readonly paid: readonly (readonly (number | null)[])[];
  /** Paid plus the case reserve standing at the end of each age. */
  readonly incurred: readonly (readonly (number | null)[])[];
}

const db$ = (db: Kysely<unknown>) =>
  (db as unknown as Kysely<LossTrianglesTables>).withSchema(
    projectionSchema(LOSS_TRIANGLES_PROJECTION),
  );

const claimOrigins = (qc: QueryCreator<LossTrianglesTables>, params: LossTriangleParams) => {
  let query = qc
    .selectFrom("claims as c")
    .leftJoin("policies as p", "p.policy_id", "c.policy_id")
    .select(["c.claim_id", periodIndexSql(sql`c.loss_date`, params.granularity).as("origin")])
    .where("c.currency", "=", params.currency)
    .where("c.loss_date", "<=", dateParam(params.asOf));
  if (params.insurerId !== undefined) query = query.where("c.insurer_id", "=", params.insurerId);
  if (params.line !== undefined) query = query.where("c.line", "=", params.line);
  if (params.region !== undefined) query = query.where("p.region", "=", params.region);
  return query;
};

interface Increment {
  readonly origin: number;
  readonly dev: number;
  readonly paid: number;
  readonly incurred: number;
}

// Incurred moves by each paid movement and by each reserve change. A reserve change counts
// as the change of the *balance* it states (balance minus the previous balance in business
// time), so that the sum of changes up to any date is exactly the balance standing then.
const increments = async (db: Kysely<unknown>, params: LossTriangleParams) => {
  const end = instantParam(endOfBusinessDate(params.asOf));
  const costTypes: CostType[] =
    params.basis === "lossAndExpense" ? ["indemnity", "expense"] : ["indemnity"];
  const dev = periodIndexSql(sql`(m.occurred_at at time zone 'UTC')::date`, params.granularity);
  const rows = await db$(db)
    .with("claim_origins", (qc) => claimOrigins(qc, params))
    .with("moves", (qc) =>
      qc
        .selectFrom("paid_movements")
        .select([
          "claim_id",
          "occurred_at",
          sql<string>`amount`.as("paid"),
          sql<string>`amount`.as("incurred"),
        ])
        .where("occurred_at", "<", end)
        .where("cost_type", "in", costTypes)
        .unionAll(
          qc
            .selectFrom("reserve_movements")
            .select([
              "claim_id",
              "occurred_at",
              sql<string>`0`.as("paid"),
              sql<string>`balance - coalesce(lag(balance) over (partition by claim_id, cost_type order by occurred_at, position), 0)`.as(
                "incurred",
              ),
            ])
            .where("occurred_at", "<", end)
            .where("cost_type", "in", costTypes),
        ),
    )
    .selectFrom("moves as m")
    .innerJoin("claim_origins as o", "o.claim_id", "m.claim_id")
    .select([
      sql<number>`o.origin`.as("origin"),
      dev.as("dev"),
      sql<string>`sum(m.paid)`.as("paid"),
      sql<string>`sum(m.incurred)`.as("incurred"),
    ])
    .groupBy([sql`o.origin`, dev])
    .execute();
  return rows.map(
    (row): Increment => ({
      origin: Number(row.origin),
      dev: Number(row.dev),
      paid: toNumber(row.paid),
      incurred: toNumber(row.incurred),
    }),
  );
};

const cumulate = (
  size: number,
  first: number,
  increments: readonly Increment[],
  pick: (i: Increment) => number,
): (number | null)[][] => {
  const rows = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const increment of increments) {
    // A movement dated before its accident period still belongs to the first age.
    const age = Math.max(increment.dev - increment.origin, 0);
    const row = rows[increment.origin - first];
    if (row !== undefined && age < size) row[age] = (row[age] ?? 0) + pick(increment);
  }
  return rows.map((row, i) => {
    let total = 0;
    return row.map((value, age) => {
      total += value;
      return age < size - i ? total : null;
    });
  });
};

/**
 * Cumulative paid and incurred loss development triangles by accident period × development
 * age, evaluated as of a business date: the latest diagonal is the period of `asOf`. Feed
 * `paid` or `incurred` to {@link chainLadder} for factors, ultimates and IBNR.
 *
 * @example
 * ```ts
 * const t = await lossTriangles(db, { granularity: "year", asOf: "2026-12-31", currency: "CNY" });
 * // t.origins ["2024", "2025", "2026"], t.ages [0, 1, 2]
 * const { totalIbnr } = chainLadder(t.incurred);
 * ```
 */
export const lossTriangles = async (
  db: Kysely<unknown>,
  params: LossTriangleParams,
): Promise<LossTriangle> => {
  const counts = await db$(db)
    .with("claim_origins", (qc) => claimOrigins(qc, params))
    .selectFrom("claim_origins")
    .select(["origin", sql<string>`count(*)`.as("claims")])
    .groupBy("origin")
    .execute();
  const last = periodIndex(params.asOf, params.granularity);
  const first = Math.min(last, ...counts.map((c) => Number(c.origin)));
  const size = counts.length === 0 ? 0 : last - first + 1;
  const moves = size === 0 ? [] : await increments(db, params);
  const claimCounts = new Array<number>(size).fill(0);
  for (const c of counts) claimCounts[Number(c.origin) - first] = toNumber(c.claims);
  return {
    granularity: params.granularity,
    asOf: params.asOf,
    currency: params.currency,
    basis: params.basis ?? "loss",
    origins: Array.from({ length: size }, (_, i) => periodLabel(first + i, params.granularity)),
    ages: Array.from({ length: size }, (_, age) => age),
    claimCounts,
    paid: cumulate(size, first, moves, (m) => m.paid),
    incurred: cumulate(size, first, moves, (m) => m.incurred),
  };
};
