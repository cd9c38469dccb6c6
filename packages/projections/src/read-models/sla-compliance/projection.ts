import { type ClaimEvent, type Deadline, tableEndOf } from "@claimstream/domain";
import { type QueryCreator, sql } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import { migrateSlaCompliance, type SlaComplianceTables } from "./schema.js";

type Db = QueryCreator<SlaComplianceTables>;

const startDeadline = async (db: Db, claimId: string, deadline: Deadline) => {
  const claim = await db
    .selectFrom("claims")
    .select("insurer_id")
    .where("claim_id", "=", claimId)
    .executeTakeFirst();
  if (claim === undefined) return;
  await db
    .insertInto("deadlines")
    .values({
      claim_id: claimId,
      deadline_id: deadline.id,
      insurer_id: claim.insurer_id,
      rule_id: deadline.ruleId,
      kind: deadline.kind,
      started_at: deadline.startedAt,
      due_at: deadline.dueAt,
      status: deadline.status,
      at_risk: false,
      met_at: deadline.metAt,
      met_on_time: null,
      breached_at: deadline.breachedAt,
      jurisdiction: deadline.jurisdiction,
      table_end: tableEndOf(deadline),
    })
    .onConflict((oc) => oc.columns(["claim_id", "deadline_id"]).doNothing())
    .execute();
};

const deadline = (db: Db, claimId: string, deadlineId: string) =>
  db.updateTable("deadlines").where("claim_id", "=", claimId).where("deadline_id", "=", deadlineId);

const applyDeadlineEvent = async (db: Db, claimId: string, event: ClaimEvent) => {
  switch (event.type) {
    case "DeadlineStarted":
      return startDeadline(db, claimId, event.deadline);
    case "DeadlinePaused":
      await deadline(db, claimId, event.deadlineId).set({ status: "paused" }).execute();
      return;
    case "DeadlineResumed":
      await deadline(db, claimId, event.deadlineId)
        .set({
          status: "open",
          due_at: event.dueAt,
          at_risk: false,
          ...(event.tableEnd === undefined ? {} : { table_end: event.tableEnd }),
        })
        .execute();
      return;
    case "DeadlineRecomputed":
      await deadline(db, claimId, event.deadlineId)
        .set({
          due_at: event.dueAt,
          at_risk: false,
          table_end: event.provisional ? event.tableEnd : null,
        })
        .execute();
      return;
    case "DeadlineAtRisk":
      await deadline(db, claimId, event.deadlineId)
        .set({ at_risk: true })
        .where("status", "=", "open")
        .execute();
      return;
    case "DeadlineBreached":
      await deadline(db, claimId, event.deadlineId)
        .set({ status: "breached", breached_at: event.occurredAt })
        .execute();
      return;
    case "DeadlineMet":
      // A breached deadline stays breached when its stop event comes late (as in the domain).
      await deadline(db, claimId, event.deadlineId)
        .set({
          status: sql`case when status = 'breached' then 'breached' else 'met' end`,
          met_at: event.occurredAt,
          met_on_time: event.onTime,
        })
        .execute();
      return;
  }
};

/**
 * SLA compliance read model: every deadline started on a claim (kind, rule, start, due,
 * status, at-risk flag, when met and whether on time, when breached) with its insurer.
 * {@link slaCompliance} counts them per insurer and kind.
 *
 * @example
 * ```ts
 * const runtime = new ProjectionRuntime({ store, connectionString, projections: [slaComplianceProjection] });
 * await runtime.start();
 * ```
 */
export const slaComplianceProjection: Projection<SlaComplianceTables> = {
  name: "sla_compliance",
  // 2: jurisdiction and table_end (provisional deadlines), DeadlineRecomputed.
  version: 2,
  eventTypes: [
    "ClaimRegistered",
    "DeadlineStarted",
    "DeadlinePaused",
    "DeadlineResumed",
    "DeadlineRecomputed",
    "DeadlineAtRisk",
    "DeadlineMet",
    "DeadlineBreached",
  ],
  migrate: migrateSlaCompliance,
  handle: async (recorded, ctx) => {
    const decoded = decodeDomainEvent(recorded);
    if (decoded?.category !== "claim") return;
    const { id, event } = decoded;
    if (event.type !== "ClaimRegistered") return applyDeadlineEvent(ctx.db, id, event);
    await ctx.db
      .insertInto("claims")
      .values({ claim_id: id, insurer_id: event.insurerId })
      .onConflict((oc) => oc.column("claim_id").doNothing())
      .execute();
  },
};
