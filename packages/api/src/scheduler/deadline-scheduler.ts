import { randomUUID } from "node:crypto";
import type { ClaimState } from "@claimstream/domain";
import { projectionSchema, type SlaComplianceTables } from "@claimstream/projections";
import * as E from "fp-ts/lib/Either.js";
import { type Kysely, sql } from "kysely";
import type { Logger } from "pino";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import type { Principal } from "../auth/principal.js";
import type { CalendarRegistry } from "../calendars/calendar-registry.js";
import type { Clock } from "../clock.js";
import { describeRejection } from "../commands/command-rejection.js";
import type { CommandService } from "../commands/command-service.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import { deadlineAlerts } from "./deadline-alerts.js";

/**
 * Who the scheduler acts as: recorded as the actor of the events it causes. A claims handler's
 * rights (`claims.write`), no insurer scope.
 */
export const DEADLINE_SCHEDULER: Principal = {
  id: "deadline-scheduler",
  role: "handler",
  insurerId: null,
};

export interface DeadlineSchedulerDependencies {
  /** The read models' database (`rm_sla_compliance`). */
  readonly readModels: Kysely<unknown>;
  readonly reader: AggregateReader;
  readonly commands: CommandService;
  readonly aggregates: AggregateRegistry;
  readonly clock: Clock;
  /** Warn once this fraction of a deadline's window has gone (0.8: the last fifth). */
  readonly atRiskFraction: number;
  /** The calendars as extended at run time: provisional deadlines are recounted on them. */
  readonly calendars: CalendarRegistry;
  readonly logger: Logger;
}

/** What one evaluation did. */
export interface DeadlineScanReport {
  readonly now: string;
  readonly claims: number;
  readonly breached: number;
  readonly atRisk: number;
  /** Alerts sent before (idempotency key matched) or refused by the decider (already met …). */
  readonly unchanged: number;
  /** Claims whose provisional deadlines were counted again on an extended holiday table. */
  readonly recomputed: number;
}

const CLAIMS_PER_SCAN = 500;

/**
 * Evaluates open deadlines against the clock and tells the claims: `MarkDeadlineBreached` when
 * one ran out, `FlagDeadlineAtRisk` when `atRiskFraction` of its window has gone. Candidates come
 * from the SLA compliance read model (open, and due or at risk by then); each candidate claim's
 * deadlines are then judged on its current state (the read model may lag), and the commands go
 * through the command service as `deadline-scheduler`, with idempotency keys, so running twice,
 * or in two processes, records each alert once. Breaches become events that the SLA read model,
 * the event stream and webhooks carry.
 *
 * @example
 * ```ts
 * const report = await scheduler.evaluate(); // { breached: 1, atRisk: 0, … }
 * ```
 */
export class DeadlineScheduler {
  constructor(private readonly deps: DeadlineSchedulerDependencies) {}

  /** One evaluation at the clock's now. */
  async evaluate(): Promise<DeadlineScanReport> {
    const now = this.deps.clock.now();
    const claims = await this.#candidates(now);
    const counts = { breached: 0, atRisk: 0, unchanged: 0 };
    const correlationId = `deadline-scheduler:${randomUUID()}`;
    for (const claimId of claims) {
      for (const outcome of await this.#alert(claimId, now, correlationId)) counts[outcome] += 1;
    }
    const recomputed = await this.#recomputeProvisional(now, correlationId);
    const report = { now, claims: claims.length, ...counts, recomputed };
    if (counts.breached + counts.atRisk + recomputed > 0) {
      this.deps.logger.info(report, "deadline alerts sent");
    }
    return report;
  }

  // Deadlines counted past a holiday table's end, whose table has since been extended: each
  // claim is told to count them again (`RecomputeDeadlines`, once per claim and table end).
  async #recomputeProvisional(now: string, correlationId: string): Promise<number> {
    const claim = this.deps.aggregates.byName("claim");
    let recomputed = 0;
    for (const { jurisdiction, to, extensions } of this.deps.calendars.status()) {
      if (extensions === 0) continue;
      const rows = await (this.deps.readModels as Kysely<SlaComplianceTables>)
        .withSchema(projectionSchema("sla_compliance"))
        .selectFrom("deadlines")
        .select("claim_id")
        .distinct()
        .where("status", "in", ["open", "paused"])
        .where("jurisdiction", "=", jurisdiction)
        .where("table_end", "<", to)
        .orderBy("claim_id")
        .limit(CLAIMS_PER_SCAN)
        .execute();
      for (const { claim_id } of rows) {
        const result = await this.deps.commands.execute({
          aggregate: claim,
          target: { mode: "command", id: claim_id },
          body: { type: "RecomputeDeadlines", occurredAt: now },
          principal: DEADLINE_SCHEDULER,
          idempotencyKey: `recompute-deadlines:${jurisdiction}:${to}`,
          correlationId,
        });
        if (E.isRight(result) && !result.right.replayed) recomputed += 1;
      }
    }
    return recomputed;
  }

  async #candidates(now: string): Promise<string[]> {
    const fraction = this.deps.atRiskFraction;
    const rows = await (this.deps.readModels as Kysely<SlaComplianceTables>)
      .withSchema(projectionSchema("sla_compliance"))
      .selectFrom("deadlines")
      .select("claim_id")
      .distinct()
      .where("status", "=", "open")
      .where((eb) =>
        eb.or([
          eb("due_at", "<", new Date(now)),
          eb.and([
            eb("at_risk", "=", false),
            eb(
              sql`started_at + (due_at - started_at) * ${fraction}::float8`,
              "<=",
              sql`${now}::timestamptz`,
            ),
          ]),
        ]),
      )
      .orderBy("claim_id")
      .limit(CLAIMS_PER_SCAN)
      .execute();
    return rows.map((row) => row.claim_id);
  }

  async #alert(
    claimId: string,
    now: string,
    correlationId: string,
  ): Promise<("breached" | "atRisk" | "unchanged")[]> {
    const claim = this.deps.aggregates.byName("claim");
    const snapshot = await this.deps.reader.current(claim, claimId, DEADLINE_SCHEDULER);
    if (E.isLeft(snapshot)) return [];
    const alerts = deadlineAlerts(
      snapshot.right.state as ClaimState,
      now,
      this.deps.atRiskFraction,
    );
    const outcomes: ("breached" | "atRisk" | "unchanged")[] = [];
    for (const alert of alerts) {
      const result = await this.deps.commands.execute({
        aggregate: claim,
        target: { mode: "command", id: claimId },
        body: alert.command,
        principal: DEADLINE_SCHEDULER,
        idempotencyKey: alert.idempotencyKey,
        correlationId,
      });
      if (E.isRight(result) && !result.right.replayed) {
        outcomes.push(alert.command.type === "MarkDeadlineBreached" ? "breached" : "atRisk");
      } else {
        if (E.isLeft(result)) {
          const { code } = describeRejection(result.left);
          this.deps.logger.debug({ claimId, deadlineId: alert.deadlineId, code }, "alert refused");
        }
        outcomes.push("unchanged");
      }
    }
    return outcomes;
  }
}
