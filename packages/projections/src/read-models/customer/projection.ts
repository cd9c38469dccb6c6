import type { ClaimEvent } from "@claimstream/domain";
import { type QueryCreator, sql } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import { type CustomerTables, migrateCustomer } from "./schema.js";

type Db = QueryCreator<CustomerTables>;

const applyClaimEvent = async (db: Db, claimId: string, event: ClaimEvent) => {
  const claim = db.updateTable("claims").where("claim_id", "=", claimId);
  switch (event.type) {
    case "ClaimRegistered":
      await db
        .insertInto("claims")
        .values({
          claim_id: claimId,
          insurer_id: event.insurerId,
          line: event.line,
          reported_at: event.occurredAt,
          complaints: 0,
          closed: false,
          reopened: false,
          reopens: 0,
        })
        .onConflict((oc) => oc.column("claim_id").doNothing())
        .execute();
      return;
    case "FeedbackRecorded":
      await claim.set({ csat: event.csat, feedback_at: event.occurredAt }).execute();
      return;
    case "ComplaintFiled":
      await claim.set({ complaints: sql`complaints + 1` }).execute();
      return;
    case "ClaimClosed":
      await claim.set({ closed: true }).execute();
      return;
    case "ClaimReopened":
      await claim.set({ reopened: true, reopens: sql`reopens + 1` }).execute();
      return;
  }
};

/**
 * Customer read model: per claim, the latest CSAT, the complaints, and whether it was
 * closed and reopened. {@link customerMetrics} rates them per insurer and line.
 *
 * @example
 * ```ts
 * const runtime = new ProjectionRuntime({ store, connectionString, projections: [customerProjection] });
 * await runtime.start();
 * ```
 */
export const customerProjection: Projection<CustomerTables> = {
  name: "customer",
  version: 1,
  eventTypes: [
    "ClaimRegistered",
    "FeedbackRecorded",
    "ComplaintFiled",
    "ClaimClosed",
    "ClaimReopened",
  ],
  migrate: migrateCustomer,
  handle: async (recorded, ctx) => {
    const decoded = decodeDomainEvent(recorded);
    if (decoded?.category !== "claim") return;
    await applyClaimEvent(ctx.db, decoded.id, decoded.event);
  },
};
