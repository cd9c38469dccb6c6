import type { LocalDate } from "@claimstream/domain";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import { endOfBusinessDate } from "../shared/business-date.js";
import { dateParam, instantParam, toNumber } from "../shared/column-types.js";
import { type EarningPeriod, earnedSlices } from "./earned-premium-slices.js";
import { LOSS_RATIO_PROJECTION } from "./projection.js";
import type { LossRatioTables } from "./schema.js";

/** A dimension a loss ratio can be sliced by. Accident periods are calendar periods (UTC). */
export type LossRatioDimension = "insurer" | "line" | "accidentMonth" | "accidentYear" | "region";

/** Parameters of {@link lossRatio}. */
export interface LossRatioParams {
  /** Evaluation date (inclusive): only facts dated on or before it count. */
  readonly asOf: LocalDate;
  /** Slices, in the order given; `[]` gives one row per currency. */
  readonly groupBy: readonly LossRatioDimension[];
  /** Tenant scope: only this insurer's claims and policies. */
  readonly insurerId?: string;
  /** First accident date (inclusive); premium is earned from this day on. */
  readonly from?: LocalDate;
  /** Last accident date (inclusive); premium is earned up to this day (and `asOf`). */
  readonly to?: LocalDate;
}

/**
 * One slice of the loss ratio. Money in minor units of `currency`. A dimension field is
 * present when it is in `groupBy`; `region` is `null` for claims whose policy is unknown.
 */
export interface LossRatioRow {
  readonly insurerId?: string;
  readonly line?: string;
  readonly accidentMonth?: string;
  readonly accidentYear?: string;
  readonly region?: string | null;
  readonly currency: string;
  /** Claims with an accident date in the slice reported by `asOf`. */
  readonly claimCount: number;
  /** Premium earned in the slice's calendar period (see the read model's docs). */
  readonly earnedPremium: number;
  /** Indemnity issued, less reversals, before recoveries. */
  readonly paidIndemnity: number;
  readonly recoveries: number;
  /** Paid loss: `paidIndemnity − recoveries`. */
  readonly paidLoss: number;
  /** Expense (loss adjustment) issued, less reversals: shown apart from the loss. */
  readonly paidExpense: number;
  /** Latest indemnity reserve balance per claim, summed. */
  readonly caseReserveIndemnity: number;
  readonly caseReserveExpense: number;
  /** Incurred loss: `paidLoss + caseReserveIndemnity`. */
  readonly incurredLoss: number;
  /** Incurred expense: `paidExpense + caseReserveExpense`. */
  readonly incurredExpense: number;
  /** `paidLoss ÷ earnedPremium`; `null` without earned premium. */
  readonly paidLossRatio: number | null;
  /** Incurred loss ratio: `incurredLoss ÷ earnedPremium`; `null` without earned premium. */
  readonly lossRatio: number | null;
  /** `(incurredLoss + incurredExpense) ÷ earnedPremium`; `null` without earned premium. */
  readonly lossAndExpenseRatio: number | null;
}

interface LossTotals {
  claimCount: number;
  earnedPremium: number;
  paidIndemnity: number;
  recoveries: number;
  paidExpense: number;
  caseReserveIndemnity: number;
  caseReserveExpense: number;
}

interface Slice {
  readonly dims: Partial<Record<LossRatioDimension, string | null>>;
  readonly currency: string;
  readonly totals: LossTotals;
}

const FIELD: Record<LossRatioDimension, keyof LossRatioRow> = {
  insurer: "insurerId",
  line: "line",
  accidentMonth: "accidentMonth",
  accidentYear: "accidentYear",
  region: "region",
};

const CLAIM_DIMENSION: Record<LossRatioDimension, RawBuilder<string | null>> = {
  insurer: sql`c.insurer_id`,
  line: sql`c.line`,
  accidentMonth: sql`to_char(c.loss_date, 'YYYY-MM')`,
  accidentYear: sql`to_char(c.loss_date, 'YYYY')`,
  region: sql`p.region`,
};

const emptyTotals = (): LossTotals => ({
  claimCount: 0,
  earnedPremium: 0,
  paidIndemnity: 0,
  recoveries: 0,
  paidExpense: 0,
  caseReserveIndemnity: 0,
  caseReserveExpense: 0,
});

const db$ = (db: Kysely<unknown>) =>
  (db as unknown as Kysely<LossRatioTables>).withSchema(projectionSchema(LOSS_RATIO_PROJECTION));

const lossSlices = async (db: Kysely<unknown>, params: LossRatioParams): Promise<Slice[]> => {
  const end = endOfBusinessDate(params.asOf);
  const dims = params.groupBy;
  let query = db$(db)
    .with("paid", (qc) =>
      qc
        .selectFrom("paid_movements")
        .select([
          "claim_id",
          sql<string>`sum(amount) filter (where kind <> 'recovery' and cost_type = 'indemnity')`.as(
            "paid_indemnity",
          ),
          sql<string>`-sum(amount) filter (where kind = 'recovery')`.as("recoveries"),
          sql<string>`sum(amount) filter (where cost_type = 'expense')`.as("paid_expense"),
        ])
        .where("occurred_at", "<", instantParam(end))
        .groupBy("claim_id"),
    )
    .with("latest_reserve", (qc) =>
      qc
        .selectFrom("reserve_movements")
        .distinctOn(["claim_id", "cost_type"])
        .select(["claim_id", "cost_type", "balance"])
        .where("occurred_at", "<", instantParam(end))
        .orderBy("claim_id")
        .orderBy("cost_type")
        .orderBy("occurred_at", "desc")
        .orderBy("position", "desc"),
    )
    .with("reserve", (qc) =>
      qc
        .selectFrom("latest_reserve")
        .select([
          "claim_id",
          sql<string>`sum(balance) filter (where cost_type = 'indemnity')`.as("indemnity"),
          sql<string>`sum(balance) filter (where cost_type = 'expense')`.as("expense"),
        ])
        .groupBy("claim_id"),
    )
    .selectFrom("claims as c")
    .leftJoin("policies as p", "p.policy_id", "c.policy_id")
    .leftJoin("paid as pd", "pd.claim_id", "c.claim_id")
    .leftJoin("reserve as r", "r.claim_id", "c.claim_id")
    .select([
      ...dims.map((d) => CLAIM_DIMENSION[d].as(d)),
      "c.currency",
      sql<string>`count(*) filter (where c.reported_at < ${end})`.as("claim_count"),
      sql<string>`coalesce(sum(pd.paid_indemnity), 0)`.as("paid_indemnity"),
      sql<string>`coalesce(sum(pd.recoveries), 0)`.as("recoveries"),
      sql<string>`coalesce(sum(pd.paid_expense), 0)`.as("paid_expense"),
      sql<string>`coalesce(sum(r.indemnity), 0)`.as("reserve_indemnity"),
      sql<string>`coalesce(sum(r.expense), 0)`.as("reserve_expense"),
    ])
    .where("c.loss_date", "<=", dateParam(params.asOf))
    .groupBy([...dims.map((d) => CLAIM_DIMENSION[d]), sql`c.currency`]);
  if (params.insurerId !== undefined) query = query.where("c.insurer_id", "=", params.insurerId);
  if (params.from !== undefined) query = query.where("c.loss_date", ">=", dateParam(params.from));
  if (params.to !== undefined) query = query.where("c.loss_date", "<=", dateParam(params.to));
  const rows = (await query.execute()) as unknown as Record<string, string | null>[];
  return rows.map((row) => ({
    dims: Object.fromEntries(dims.map((d) => [d, row[d] ?? null])),
    currency: String(row.currency),
    totals: {
      ...emptyTotals(),
      claimCount: toNumber(row.claim_count),
      paidIndemnity: toNumber(row.paid_indemnity),
      recoveries: toNumber(row.recoveries),
      paidExpense: toNumber(row.paid_expense),
      caseReserveIndemnity: toNumber(row.reserve_indemnity),
      caseReserveExpense: toNumber(row.reserve_expense),
    },
  }));
};

const earningPeriodOf = (dims: readonly LossRatioDimension[]): EarningPeriod =>
  dims.includes("accidentMonth") ? "month" : dims.includes("accidentYear") ? "year" : "none";

const premiumSlices = async (db: Kysely<unknown>, params: LossRatioParams): Promise<Slice[]> => {
  const end = endOfBusinessDate(params.asOf);
  const lastDay = params.to !== undefined && params.to < params.asOf ? params.to : params.asOf;
  let query = db$(db)
    .selectFrom("policies")
    .select([
      "insurer_id",
      "line",
      "region",
      "currency",
      "written_premium",
      sql<string>`start_date::text`.as("start"),
      sql<string>`end_date::text`.as("end"),
      // A cancellation counts as of the date it was recorded in business time, not before.
      sql<string | null>`case when cancelled_at < ${end} then cancelled_from::text end`.as(
        "cancelled",
      ),
    ])
    .where("issued_at", "<", instantParam(end))
    .where("start_date", "<=", dateParam(lastDay));
  if (params.insurerId !== undefined) query = query.where("insurer_id", "=", params.insurerId);
  if (params.from !== undefined) query = query.where("end_date", ">=", dateParam(params.from));
  const period = earningPeriodOf(params.groupBy);
  const slices: Slice[] = [];
  for (const policy of await query.execute()) {
    const facts = {
      startDate: policy.start,
      endDate: policy.end,
      writtenPremium: { amount: toNumber(policy.written_premium), currency: policy.currency },
      cancelledFrom: policy.cancelled,
    };
    for (const slice of earnedSlices(facts, params.from, lastDay, period)) {
      const dimension: Record<LossRatioDimension, string | null> = {
        insurer: policy.insurer_id,
        line: policy.line,
        region: policy.region,
        accidentMonth: slice.period,
        accidentYear: slice.period?.slice(0, 4) ?? null,
      };
      slices.push({
        dims: Object.fromEntries(params.groupBy.map((d) => [d, dimension[d]])),
        currency: policy.currency,
        totals: { ...emptyTotals(), earnedPremium: slice.amount },
      });
    }
  }
  return slices;
};

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

const toRow = (slice: Slice, groupBy: readonly LossRatioDimension[]): LossRatioRow => {
  const t = slice.totals;
  const paidLoss = t.paidIndemnity - t.recoveries;
  const incurredLoss = paidLoss + t.caseReserveIndemnity;
  const incurredExpense = t.paidExpense + t.caseReserveExpense;
  return {
    ...Object.fromEntries(groupBy.map((d) => [FIELD[d], slice.dims[d] ?? null])),
    currency: slice.currency,
    ...t,
    paidLoss,
    incurredLoss,
    incurredExpense,
    paidLossRatio: ratio(paidLoss, t.earnedPremium),
    lossRatio: ratio(incurredLoss, t.earnedPremium),
    lossAndExpenseRatio: ratio(incurredLoss + incurredExpense, t.earnedPremium),
  };
};

/**
 * Earned premium, paid, case reserve, incurred and the loss ratios, sliced by any of insurer,
 * line, accident month or year and region, **as of** a business date: every fact dated after
 * `asOf` (payments, reversals, recoveries, reserve changes, policies issued or cancelled
 * later) is left out, so a past evaluation is reproducible whatever happened since.
 *
 * An accident-period slice is matched with the premium earned in that same calendar period
 * (accident-period loss ratio on calendar-period earned premium). Rows are per currency, in
 * the order of their dimension values.
 *
 * @example
 * ```ts
 * const rows = await lossRatio(db, { asOf: "2026-06-30", groupBy: ["line", "accidentYear"] });
 * // [{ line: "motor_own_damage", accidentYear: "2026", currency: "CNY",
 * //    earnedPremium: 18_100_000, incurredLoss: 9_050_000, lossRatio: 0.5, … }]
 * ```
 */
export const lossRatio = async (
  db: Kysely<unknown>,
  params: LossRatioParams,
): Promise<LossRatioRow[]> => {
  const merged = new Map<string, Slice>();
  for (const slice of [...(await lossSlices(db, params)), ...(await premiumSlices(db, params))]) {
    const key = JSON.stringify([
      ...params.groupBy.map((d) => slice.dims[d] ?? null),
      slice.currency,
    ]);
    const existing = merged.get(key);
    if (existing === undefined) {
      merged.set(key, { ...slice, totals: { ...slice.totals } });
      continue;
    }
    for (const field of Object.keys(existing.totals) as (keyof LossTotals)[]) {
      existing.totals[field] += slice.totals[field];
    }
  }
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, slice]) => toRow(slice, params.groupBy));
};
