import type { ClaimEvent } from "@claimstream/domain";
import { type QueryCreator, sql } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import { migrateTimeToSettle, type TimeToSettleTables } from "./schema.js";

type Db = QueryCreator<TimeToSettleTables>;
type Milestone = "first_contact_at" | "assessed_at" | "settled_at" | "first_paid_at";

// least() ignores nulls: the milestone becomes the earliest business time seen.
const reachMilestone = (db: Db, claimId: string, milestone: Milestone, at: string) =>
  db
    .updateTable("claims")
    .set({ [milestone]: sql`least(${sql.ref(milestone)}, ${at}::timestamptz)` })
    .where("claim_id", "=", claimId)
    .execute();

const setClosedAt = (db: Db, claimId: string, at: string | null) =>
  db.updateTable("claims").set({ closed_at: at }).where("claim_id", "=", claimId).execute();

const applyClaimEvent = async (db: Db, claimId: string, event: ClaimEvent) => {
  switch (event.type) {
    case "ClaimRegistered":
      await db
        .insertInto("claims")
        .values({
          claim_id: claimId,
          insurer_id: event.insurerId,
          line: event.line,
          reported_at: event.occurredAt,
        })
        .onConflict((oc) => oc.column("claim_id").doNothing())
        .execute();
      return;
    case "FirstContactMade":
      await reachMilestone(db, claimId, "first_contact_at", event.occurredAt);
      return;
    case "DamageAssessed":
      await reachMilestone(db, claimId, "assessed_at", event.occurredAt);
      return;
    case "SettlementAgreed":
      await reachMilestone(db, claimId, "settled_at", event.occurredAt);
      return;
    case "ClaimPaymentRecorded":
      if (event.costType === "indemnity") {
        await reachMilestone(db, claimId, "first_paid_at", event.occurredAt);
      }
      return;
    case "ClaimClosed":
      await setClosedAt(db, claimId, event.occurredAt);
      return;
    case "ClaimReopened":
      await setClosedAt(db, claimId, null);
      return;
  }
};

/**
 * Time to settle read model: each claim's FNOL, first contact, first assessment,
 * settlement, first indemnity payment and close, from which {@link timeToSettle} takes
 * medians and P90s and {@link openAgeBuckets} ages the open claims.
 *
 * @example
 * ```ts
 * const runtime = new ProjectionRuntime({ store, connectionString, projections: [timeToSettleProjection] });
 * await runtime.start();
 * ```
 */
export const timeToSettleProjection: Projection<TimeToSettleTables> = {
  name: "time_to_settle",
  version: 1,
  eventTypes: [
    "ClaimRegistered",
    "FirstContactMade",
    "DamageAssessed",
    "SettlementAgreed",
    "ClaimPaymentRecorded",
    "ClaimClosed",
    "ClaimReopened",
  ],
  migrate: migrateTimeToSettle,
  handle: async (recorded, ctx) => {
    const decoded = decodeDomainEvent(recorded);
    if (decoded?.category !== "claim") return;
    await applyClaimEvent(ctx.db, decoded.id, decoded.event);
  },
};
