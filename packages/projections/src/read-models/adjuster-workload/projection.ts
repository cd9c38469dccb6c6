import type { ClaimEvent } from "@claimstream/domain";
import { type QueryCreator, sql } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import { type AdjusterWorkloadTables, migrateAdjusterWorkload } from "./schema.js";

type Db = QueryCreator<AdjusterWorkloadTables>;

const holderOf = (db: Db, claimId: string) =>
  db
    .selectFrom("claims")
    .select(["insurer_id", "adjuster_id"])
    .where("claim_id", "=", claimId)
    .executeTakeFirst();

const assign = async (
  db: Db,
  claimId: string,
  adjusterId: string,
  at: string,
  position: number,
) => {
  const claim = await holderOf(db, claimId);
  if (claim === undefined) return;
  await db
    .updateTable("claims")
    .set({ adjuster_id: adjusterId })
    .where("claim_id", "=", claimId)
    .execute();
  await db
    .insertInto("assignments")
    .values({
      position,
      claim_id: claimId,
      insurer_id: claim.insurer_id,
      adjuster_id: adjusterId,
      assigned_at: at,
    })
    .onConflict((oc) => oc.column("position").doNothing())
    .execute();
};

const close = async (db: Db, claimId: string, at: string, position: number) => {
  const claim = await holderOf(db, claimId);
  if (claim === undefined) return;
  await db.updateTable("claims").set({ closed_at: at }).where("claim_id", "=", claimId).execute();
  await db
    .insertInto("closures")
    .values({
      position,
      claim_id: claimId,
      insurer_id: claim.insurer_id,
      adjuster_id: claim.adjuster_id,
      closed_at: at,
    })
    .onConflict((oc) => oc.column("position").doNothing())
    .execute();
};

const deadline = (db: Db, claimId: string, deadlineId: string) =>
  db.updateTable("deadlines").where("claim_id", "=", claimId).where("deadline_id", "=", deadlineId);

const applyDeadlineEvent = async (db: Db, claimId: string, event: ClaimEvent) => {
  switch (event.type) {
    case "DeadlineStarted":
      await db
        .insertInto("deadlines")
        .values({
          claim_id: claimId,
          deadline_id: event.deadline.id,
          due_at: event.deadline.dueAt,
          status: event.deadline.status,
          met_at: event.deadline.metAt,
        })
        .onConflict((oc) => oc.columns(["claim_id", "deadline_id"]).doNothing())
        .execute();
      return;
    case "DeadlinePaused":
      await deadline(db, claimId, event.deadlineId).set({ status: "paused" }).execute();
      return;
    case "DeadlineResumed":
      await deadline(db, claimId, event.deadlineId)
        .set({ status: "open", due_at: event.dueAt })
        .execute();
      return;
    case "DeadlineRecomputed":
      await deadline(db, claimId, event.deadlineId).set({ due_at: event.dueAt }).execute();
      return;
    case "DeadlineBreached":
      await deadline(db, claimId, event.deadlineId).set({ status: "breached" }).execute();
      return;
    case "DeadlineMet":
      // A breached deadline stays breached when its stop event comes late (as in the domain).
      await deadline(db, claimId, event.deadlineId)
        .set({
          status: sql`case when status = 'breached' then 'breached' else 'met' end`,
          met_at: event.occurredAt,
        })
        .execute();
      return;
  }
};

const applyClaimEvent = async (db: Db, claimId: string, event: ClaimEvent, position: number) => {
  switch (event.type) {
    case "ClaimRegistered":
      await db
        .insertInto("claims")
        .values({ claim_id: claimId, insurer_id: event.insurerId, reported_at: event.occurredAt })
        .onConflict((oc) => oc.column("claim_id").doNothing())
        .execute();
      return;
    case "AdjusterAssigned":
      return assign(db, claimId, event.adjusterId, event.occurredAt, position);
    case "ClaimClosed":
      return close(db, claimId, event.occurredAt, position);
    case "ClaimReopened":
      await db
        .updateTable("claims")
        .set({ closed_at: null })
        .where("claim_id", "=", claimId)
        .execute();
      return;
    default:
      return applyDeadlineEvent(db, claimId, event);
  }
};

/**
 * Adjuster workload read model: who holds which open claim, every assignment and close,
 * and the claims' deadlines. Figures relative to "now" are computed by
 * {@link adjusterWorkload}, never here (handlers read no clock).
 *
 * @example
 * ```ts
 * const runtime = new ProjectionRuntime({ store, connectionString, projections: [adjusterWorkloadProjection] });
 * await runtime.start();
 * ```
 */
export const adjusterWorkloadProjection: Projection<AdjusterWorkloadTables> = {
  name: "adjuster_workload",
  version: 1,
  eventTypes: [
    "ClaimRegistered",
    "AdjusterAssigned",
    "ClaimClosed",
    "ClaimReopened",
    "DeadlineStarted",
    "DeadlinePaused",
    "DeadlineResumed",
    "DeadlineRecomputed",
    "DeadlineMet",
    "DeadlineBreached",
  ],
  migrate: migrateAdjusterWorkload,
  handle: async (recorded, ctx) => {
    const decoded = decodeDomainEvent(recorded);
    if (decoded?.category !== "claim") return;
    await applyClaimEvent(ctx.db, decoded.id, decoded.event, decoded.position);
  },
};
