import { type Kysely, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import type { AdjusterWorkloadTables } from "./schema.js";

/** A surveyor handles on the order of 16 active accidents (docs/domain.md). */
export const DEFAULT_ADJUSTER_CAPACITY = 16;

/** Parameters of {@link adjusterWorkload}. */
export interface AdjusterWorkloadParams {
  /** The reference instant (ISO 8601) of the windows, ages and overdue checks. */
  readonly now: string;
  /** Only this insurer's claims (and the adjusters who worked on them). */
  readonly insurerId?: string;
  /** Open claims each adjuster can carry; adjusters listed here count as known even when never assigned. */
  readonly capacities?: Readonly<Record<string, number>>;
  /** Capacity of adjusters missing from `capacities`; default {@link DEFAULT_ADJUSTER_CAPACITY}. */
  readonly defaultCapacity?: number;
}

/** One adjuster's workload at `now`. */
export interface AdjusterWorkloadRow {
  readonly adjusterId: string;
  /** Claims the adjuster holds that are not closed (denied or settled but not closed count). */
  readonly openClaims: number;
  /** Distinct claims assigned to the adjuster in the 7 days up to `now`. */
  readonly newLast7Days: number;
  /** Distinct claims closed while the adjuster held them, in the 30 days up to `now`. */
  readonly closedLast30Days: number;
  /** Mean days from FNOL to `now` of the open claims; `null` without open claims. */
  readonly averageOpenAgeDays: number | null;
  /** Unmet, running or breached deadlines due before `now` on the adjuster's open claims. */
  readonly overdueDeadlines: number;
  readonly capacity: number;
  /** `openClaims / capacity`: above 1 the adjuster is over capacity. */
  readonly load: number;
  /** Known and holding no open claim. */
  readonly idle: boolean;
}

/** The result of {@link adjusterWorkload}. */
export interface AdjusterWorkload {
  /** Every known adjuster, by id. */
  readonly adjusters: readonly AdjusterWorkloadRow[];
  /** Ids of the known adjusters with no open claim. */
  readonly idleAdjusters: readonly string[];
}

type Counts = ReadonlyMap<string, number>;

const DAY_MS = 86_400_000;

const toCounts = (rows: readonly { adjuster_id: string | null; n: number }[]): Counts =>
  new Map(rows.flatMap((row) => (row.adjuster_id === null ? [] : [[row.adjuster_id, row.n]])));

const scoped = (db: Kysely<unknown>, insurerId: string | undefined) => {
  const rm = (db as Kysely<AdjusterWorkloadTables>).withSchema(
    projectionSchema("adjuster_workload"),
  );
  const only = insurerId === undefined ? [] : [insurerId];
  return {
    claims: () =>
      rm.selectFrom("claims").$if(only.length > 0, (q) => q.where("insurer_id", "in", only)),
    assignments: () =>
      rm.selectFrom("assignments").$if(only.length > 0, (q) => q.where("insurer_id", "in", only)),
    closures: () =>
      rm.selectFrom("closures").$if(only.length > 0, (q) => q.where("insurer_id", "in", only)),
  };
};

interface Figures {
  readonly known: readonly string[];
  readonly open: Counts;
  readonly ages: ReadonlyMap<string, number>;
  readonly fresh: Counts;
  readonly closed: Counts;
  readonly overdue: Counts;
}

const openClaimsOf = (q: ReturnType<typeof scoped>, now: Date) =>
  q
    .claims()
    .select([
      "adjuster_id",
      sql<number>`count(*)::int`.as("n"),
      sql<number>`avg(extract(epoch from (${now}::timestamptz - reported_at)) / 86400)::float8`.as(
        "age",
      ),
    ])
    .where("closed_at", "is", null)
    .where("adjuster_id", "is not", null)
    .groupBy("adjuster_id")
    .execute();

const overdueOf = (q: ReturnType<typeof scoped>, now: Date) =>
  q
    .claims()
    .innerJoin("deadlines", "deadlines.claim_id", "claims.claim_id")
    .select(["claims.adjuster_id", sql<number>`count(*)::int`.as("n")])
    .where("claims.closed_at", "is", null)
    .where("deadlines.status", "in", ["open", "breached"])
    .where("deadlines.met_at", "is", null)
    .where("deadlines.due_at", "<", now)
    .groupBy("claims.adjuster_id")
    .execute();

const figuresAt = async (q: ReturnType<typeof scoped>, now: Date): Promise<Figures> => {
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const distinctClaims = sql<number>`count(distinct claim_id)::int`.as("n");
  const [known, open, fresh, closed, overdue] = await Promise.all([
    q.assignments().select("adjuster_id").distinct().execute(),
    openClaimsOf(q, now),
    q
      .assignments()
      .select(["adjuster_id", distinctClaims])
      .where("assigned_at", ">", since(7))
      .where("assigned_at", "<=", now)
      .groupBy("adjuster_id")
      .execute(),
    q
      .closures()
      .select(["adjuster_id", distinctClaims])
      .where("closed_at", ">", since(30))
      .where("closed_at", "<=", now)
      .groupBy("adjuster_id")
      .execute(),
    overdueOf(q, now),
  ]);
  return {
    known: known.map((row) => row.adjuster_id),
    open: toCounts(open),
    ages: new Map(
      open.flatMap((row) => (row.adjuster_id === null ? [] : [[row.adjuster_id, row.age]])),
    ),
    fresh: toCounts(fresh),
    closed: toCounts(closed),
    overdue: toCounts(overdue),
  };
};

/**
 * Open claims, new in the last 7 days, closed in the last 30, average open age,
 * overdue deadlines and load vs capacity per adjuster, and the idle ones. Known adjusters are
 * those ever assigned a claim (of the insurer, when scoped) plus those in `capacities`.
 * Windows end at `now` inclusive; the claims' state is the projection's current one.
 *
 * @example
 * ```ts
 * const { adjusters, idleAdjusters } = await adjusterWorkload(db, {
 *   now: new Date().toISOString(),
 *   insurerId: "ins-a",
 *   capacities: { "adj-1": 12 },
 * });
 * ```
 */
export const adjusterWorkload = async (
  db: Kysely<unknown>,
  params: AdjusterWorkloadParams,
): Promise<AdjusterWorkload> => {
  const figures = await figuresAt(scoped(db, params.insurerId), new Date(params.now));
  const capacities = params.capacities ?? {};
  const ids = new Set([...figures.known, ...Object.keys(capacities)]);
  const adjusters = [...ids].sort().map((adjusterId): AdjusterWorkloadRow => {
    const openClaims = figures.open.get(adjusterId) ?? 0;
    const capacity = capacities[adjusterId] ?? params.defaultCapacity ?? DEFAULT_ADJUSTER_CAPACITY;
    return {
      adjusterId,
      openClaims,
      newLast7Days: figures.fresh.get(adjusterId) ?? 0,
      closedLast30Days: figures.closed.get(adjusterId) ?? 0,
      averageOpenAgeDays: figures.ages.get(adjusterId) ?? null,
      overdueDeadlines: figures.overdue.get(adjusterId) ?? 0,
      capacity,
      load: openClaims / capacity,
      idle: openClaims === 0,
    };
  });
  const idleAdjusters = adjusters.filter((row) => row.idle).map((row) => row.adjusterId);
  return { adjusters, idleAdjusters };
};
