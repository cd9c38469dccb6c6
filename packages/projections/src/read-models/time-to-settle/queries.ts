import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import type { TimeToSettleTables } from "./schema.js";

/** The stages measured from FNOL, in lifecycle order. */
export const SETTLEMENT_STAGES = [
  "firstContact",
  "assessment",
  "settlement",
  "firstPayment",
  "close",
] as const;
/** One of {@link SETTLEMENT_STAGES}. */
export type SettlementStage = (typeof SETTLEMENT_STAGES)[number];

const STAGE_COLUMNS = {
  firstContact: "first_contact_at",
  assessment: "assessed_at",
  settlement: "settled_at",
  firstPayment: "first_paid_at",
  close: "closed_at",
} as const satisfies Record<SettlementStage, string>;

/** How {@link timeToSettle} groups claims: by insurer, line or FNOL month (UTC, `YYYY-MM`). */
export type TimeToSettleGrouping = "insurer" | "line" | "month";

/** Parameters of {@link timeToSettle}. */
export interface TimeToSettleParams {
  readonly groupBy: TimeToSettleGrouping;
  readonly insurerId?: string;
  /** Claims reported at or after this instant (ISO 8601). */
  readonly from?: string;
  /** Claims reported before this instant (ISO 8601). */
  readonly to?: string;
}

/** Days from FNOL to one stage over the claims that reached it. */
export interface StageDuration {
  /** Claims of the group that reached the stage. */
  readonly claims: number;
  /** `null` when no claim reached the stage. */
  readonly medianDays: number | null;
  readonly p90Days: number | null;
}

/** One group of {@link timeToSettle}. */
export interface TimeToSettleRow {
  /** The insurer id, the line of business or the FNOL month. */
  readonly group: string;
  /** Claims reported in the group (and period). */
  readonly claims: number;
  readonly stages: Readonly<Record<SettlementStage, StageDuration>>;
}

const rm = (db: Kysely<unknown>) =>
  (db as Kysely<TimeToSettleTables>).withSchema(projectionSchema("time_to_settle"));

const GROUP_KEYS: Record<TimeToSettleGrouping, RawBuilder<string>> = {
  insurer: sql<string>`insurer_id`,
  line: sql<string>`line`,
  month: sql<string>`to_char(reported_at at time zone 'UTC', 'YYYY-MM')`,
};

const daysFromReport = (column: string): Expression<number> =>
  sql<number>`extract(epoch from (${sql.ref(column)} - reported_at))::float8 / 86400`;

const stageSelections = (stage: SettlementStage) => {
  const column = STAGE_COLUMNS[stage];
  const days = daysFromReport(column);
  return [
    sql<number>`count(${sql.ref(column)})::int`.as(`${stage}_claims`),
    sql<number | null>`percentile_cont(0.5) within group (order by ${days})`.as(`${stage}_median`),
    sql<number | null>`percentile_cont(0.9) within group (order by ${days})`.as(`${stage}_p90`),
  ];
};

/**
 * Days from FNOL to first contact, first assessment, settlement, first
 * indemnity payment and close, as median and P90 (PostgreSQL `percentile_cont`, interpolated)
 * per insurer, line or FNOL month. Claims enter the group of their FNOL; a stage's figures
 * cover the claims that reached it (a reopened claim counts as not closed until it closes
 * again).
 *
 * @example
 * ```ts
 * const rows = await timeToSettle(db, { groupBy: "month", insurerId: "ins-a", from: "2026-01-01T00:00:00Z" });
 * rows[0]?.stages.settlement.medianDays; // e.g. 7.5
 * ```
 */
export const timeToSettle = async (
  db: Kysely<unknown>,
  params: TimeToSettleParams,
): Promise<TimeToSettleRow[]> => {
  const key = GROUP_KEYS[params.groupBy];
  const rows = await rm(db)
    .selectFrom("claims")
    .select([key.as("group"), sql<number>`count(*)::int`.as("claims")])
    .select(SETTLEMENT_STAGES.flatMap(stageSelections))
    .$if(params.insurerId !== undefined, (q) => q.where("insurer_id", "=", params.insurerId ?? ""))
    .$if(params.from !== undefined, (q) => q.where("reported_at", ">=", new Date(params.from ?? 0)))
    .$if(params.to !== undefined, (q) => q.where("reported_at", "<", new Date(params.to ?? 0)))
    .groupBy(key)
    .orderBy(key)
    .execute();
  return rows.map((row) => {
    const figures = row as unknown as Record<string, number | null>;
    const stage = (name: SettlementStage): StageDuration => ({
      claims: figures[`${name}_claims`] ?? 0,
      medianDays: figures[`${name}_median`] ?? null,
      p90Days: figures[`${name}_p90`] ?? null,
    });
    return {
      group: row.group,
      claims: row.claims,
      stages: Object.fromEntries(SETTLEMENT_STAGES.map((name) => [name, stage(name)])) as Record<
        SettlementStage,
        StageDuration
      >,
    };
  });
};

/** Parameters of {@link openAgeBuckets}. */
export interface OpenAgeParams {
  /** The instant (ISO 8601) ages are measured at. */
  readonly now: string;
  readonly insurerId?: string;
}

/** Open claims by age in completed days at `now`. */
export interface OpenAgeBuckets {
  readonly days0to7: number;
  readonly days8to30: number;
  readonly days31to60: number;
  readonly over60: number;
  readonly total: number;
}

/**
 * The open claims (reported by `now`, not closed) by age in completed days
 * since FNOL: 0–7, 8–30, 31–60 and over 60.
 *
 * @example
 * ```ts
 * const { over60 } = await openAgeBuckets(db, { now: new Date().toISOString() });
 * ```
 */
export const openAgeBuckets = async (
  db: Kysely<unknown>,
  params: OpenAgeParams,
): Promise<OpenAgeBuckets> => {
  const now = new Date(params.now);
  const age = sql<number>`floor(extract(epoch from (${now}::timestamptz - reported_at)) / 86400)`;
  const row = await rm(db)
    .selectFrom("claims")
    .select([
      sql<number>`count(*) filter (where ${age} <= 7)::int`.as("days0to7"),
      sql<number>`count(*) filter (where ${age} between 8 and 30)::int`.as("days8to30"),
      sql<number>`count(*) filter (where ${age} between 31 and 60)::int`.as("days31to60"),
      sql<number>`count(*) filter (where ${age} > 60)::int`.as("over60"),
      sql<number>`count(*)::int`.as("total"),
    ])
    .where("closed_at", "is", null)
    .where("reported_at", "<=", now)
    .$if(params.insurerId !== undefined, (q) => q.where("insurer_id", "=", params.insurerId ?? ""))
    .executeTakeFirstOrThrow();
  return row;
};
