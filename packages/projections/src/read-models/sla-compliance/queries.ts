import type { DeadlineKind } from "@claimstream/domain";
import { type Kysely, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import type { SlaComplianceTables } from "./schema.js";

/** An open deadline due within this many hours of `now` is at risk, unless told otherwise. */
export const DEFAULT_AT_RISK_WITHIN_HOURS = 24;

/** Parameters of {@link slaCompliance}. */
export interface SlaComplianceParams {
  /** The instant (ISO 8601) "at risk" is judged at. */
  readonly now: string;
  readonly insurerId?: string;
  /** Deadlines started at or after this instant (ISO 8601). */
  readonly from?: string;
  /** Deadlines started before this instant (ISO 8601). */
  readonly to?: string;
  /** Window of the at-risk check; default {@link DEFAULT_AT_RISK_WITHIN_HOURS}. */
  readonly atRiskWithinHours?: number;
}

/** Deadlines of one insurer and kind. */
export interface SlaComplianceRow {
  readonly insurerId: string;
  readonly kind: DeadlineKind;
  readonly total: number;
  /** Stopped by their stop event by the due time. */
  readonly metOnTime: number;
  /** Stopped after the due time, before anyone marked them breached. */
  readonly metLate: number;
  /** Marked breached. */
  readonly breached: number;
  /** Still running or paused. */
  readonly open: number;
  /** Running, and flagged at risk or due before `now` + the window (overdue ones included). */
  readonly openAtRisk: number;
  /** `metOnTime / (metOnTime + metLate + breached)`; `null` when none is decided yet. */
  readonly complianceRate: number | null;
}

/**
 * Deadlines met on time, met late, breached, open and open at risk, and the
 * compliance rate, per insurer and deadline kind, over the deadlines started in the period.
 *
 * @example
 * ```ts
 * const rows = await slaCompliance(db, { now: new Date().toISOString(), insurerId: "ins-a" });
 * rows.find((row) => row.kind === "payment")?.complianceRate; // e.g. 0.5
 * ```
 */
export const slaCompliance = async (
  db: Kysely<unknown>,
  params: SlaComplianceParams,
): Promise<SlaComplianceRow[]> => {
  const now = new Date(params.now);
  const horizon = new Date(
    now.getTime() + (params.atRiskWithinHours ?? DEFAULT_AT_RISK_WITHIN_HOURS) * 3_600_000,
  );
  const rows = await (db as Kysely<SlaComplianceTables>)
    .withSchema(projectionSchema("sla_compliance"))
    .selectFrom("deadlines")
    .select([
      "insurer_id",
      "kind",
      sql<number>`count(*)::int`.as("total"),
      sql<number>`count(*) filter (where status = 'met' and met_on_time)::int`.as("met_on_time"),
      sql<number>`count(*) filter (where status = 'met' and not met_on_time)::int`.as("met_late"),
      sql<number>`count(*) filter (where status = 'breached')::int`.as("breached"),
      sql<number>`count(*) filter (where status in ('open', 'paused'))::int`.as("open"),
      sql<number>`count(*) filter (where status = 'open' and (at_risk or due_at <= ${horizon}::timestamptz))::int`.as(
        "open_at_risk",
      ),
    ])
    .$if(params.insurerId !== undefined, (q) => q.where("insurer_id", "=", params.insurerId ?? ""))
    .$if(params.from !== undefined, (q) => q.where("started_at", ">=", new Date(params.from ?? 0)))
    .$if(params.to !== undefined, (q) => q.where("started_at", "<", new Date(params.to ?? 0)))
    .groupBy(["insurer_id", "kind"])
    .orderBy("insurer_id")
    .orderBy("kind")
    .execute();
  return rows.map((row) => {
    const decided = row.met_on_time + row.met_late + row.breached;
    return {
      insurerId: row.insurer_id,
      kind: row.kind,
      total: row.total,
      metOnTime: row.met_on_time,
      metLate: row.met_late,
      breached: row.breached,
      open: row.open,
      openAtRisk: row.open_at_risk,
      complianceRate: decided === 0 ? null : row.met_on_time / decided,
    };
  });
};
