import type { ClaimEvent, PayoutEvent, RepairOrderEvent } from "@claimstream/domain";
import { type QueryCreator, sql } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { type DecodedDomainEvent, decodeDomainEvent } from "../shared/decode-domain-event.js";
import { type InsurerScorecardTables, migrateInsurerScorecard } from "./schema.js";
import { recordShopResponse } from "./shop-response.js";

type Db = QueryCreator<InsurerScorecardTables>;

const claimRow = (db: Db, claimId: string) =>
  db.updateTable("claims").where("claim_id", "=", claimId);

/** Upserts the claim → insurer link; `seen_at` keeps the earliest sighting. */
const seeClaim = (db: Db, claimId: string, insurerId: string, at: string, registered: boolean) =>
  db
    .insertInto("claims")
    .values({
      claim_id: claimId,
      insurer_id: insurerId,
      registered_at: registered ? at : null,
      seen_at: at,
      assessments: 0,
    })
    .onConflict((oc) =>
      oc.column("claim_id").doUpdateSet({
        registered_at: sql`coalesce(excluded.registered_at, claims.registered_at)`,
        seen_at: sql`least(claims.seen_at, excluded.seen_at)`,
      }),
    )
    .execute();

const assess = async (db: Db, claimId: string, total: number, at: string) => {
  const claim = await claimRow(db, claimId)
    .set({ assessments: sql`assessments + 1`, assessed_total: total })
    .returning(["insurer_id", "assessments"])
    .executeTakeFirst();
  if (claim === undefined) return;
  await db
    .insertInto("assessments")
    .values({
      claim_id: claimId,
      assessment_no: claim.assessments,
      insurer_id: claim.insurer_id,
      assessed_at: at,
      responded_at: null,
      disputed: false,
      confirmed: false,
    })
    .onConflict((oc) => oc.columns(["claim_id", "assessment_no"]).doNothing())
    .execute();
};

const requestSupplement = async (db: Db, claimId: string, supplementId: string, at: string) => {
  const claim = await db
    .selectFrom("claims")
    .select("insurer_id")
    .where("claim_id", "=", claimId)
    .executeTakeFirst();
  if (claim === undefined) return;
  await db
    .insertInto("supplements")
    .values({
      claim_id: claimId,
      supplement_id: supplementId,
      insurer_id: claim.insurer_id,
      requested_at: at,
      status: "requested",
    })
    .onConflict((oc) => oc.columns(["claim_id", "supplement_id"]).doNothing())
    .execute();
};

const supplement = (db: Db, claimId: string, supplementId: string) =>
  db
    .updateTable("supplements")
    .where("claim_id", "=", claimId)
    .where("supplement_id", "=", supplementId);

const applyClaimEvent = async (db: Db, claimId: string, event: ClaimEvent) => {
  switch (event.type) {
    case "ClaimRegistered":
      return seeClaim(db, claimId, event.insurerId, event.occurredAt, true).then(() => undefined);
    case "DamageAssessed":
      return assess(db, claimId, event.total.amount, event.occurredAt);
    case "AssessmentDisputed":
    case "AssessmentConfirmed": {
      const verdict = event.type === "AssessmentDisputed" ? "disputed" : "confirmed";
      return recordShopResponse(db, claimId, verdict, event.occurredAt);
    }
    case "SupplementRequested":
      return requestSupplement(db, claimId, event.supplementId, event.occurredAt);
    case "SupplementApproved":
      await supplement(db, claimId, event.supplementId).set({ status: "approved" }).execute();
      await claimRow(db, claimId)
        .set({ assessed_total: sql`assessed_total + ${event.total.amount}` })
        .execute();
      return;
    case "SupplementRejected":
      await supplement(db, claimId, event.supplementId).set({ status: "rejected" }).execute();
      return;
    case "SettlementAgreed":
      await claimRow(db, claimId)
        .set({ settled_amount: event.amount.amount, settled_at: event.occurredAt })
        .execute();
      return;
    case "FeedbackRecorded":
      await claimRow(db, claimId)
        .set({ csat: event.csat, feedback_at: event.occurredAt })
        .execute();
      return;
  }
};

const repairOrderRow = (db: Db, id: string) =>
  db.updateTable("repair_orders").where("repair_order_id", "=", id);

const answerAssessment = async (
  db: Db,
  id: string,
  verdict: "disputed" | "confirmed",
  at: string,
) => {
  const order = await db
    .selectFrom("repair_orders")
    .select("claim_id")
    .where("repair_order_id", "=", id)
    .executeTakeFirst();
  if (order !== undefined) await recordShopResponse(db, order.claim_id, verdict, at);
};

const openRepairOrder = async (
  db: Db,
  id: string,
  event: RepairOrderEvent & { type: "RepairOrderOpened" },
) => {
  await seeClaim(db, event.claimId, event.insurerId, event.occurredAt, false);
  await db
    .insertInto("repair_orders")
    .values({
      repair_order_id: id,
      claim_id: event.claimId,
      insurer_id: event.insurerId,
      shop_id: event.shopId,
      opened_at: event.occurredAt,
    })
    .onConflict((oc) => oc.column("repair_order_id").doNothing())
    .execute();
};

const applyRepairOrderEvent = async (db: Db, id: string, event: RepairOrderEvent) => {
  switch (event.type) {
    case "RepairOrderOpened":
      return openRepairOrder(db, id, event);
    case "EstimateSubmitted":
      await repairOrderRow(db, id).set({ estimate_total: event.total.amount }).execute();
      return;
    case "AssessmentDisputedByShop":
      return answerAssessment(db, id, "disputed", event.occurredAt);
    case "AssessmentConfirmedByShop":
      return answerAssessment(db, id, "confirmed", event.occurredAt);
    case "VehicleHandedOver":
      await repairOrderRow(db, id).set({ handed_over_at: event.occurredAt }).execute();
      return;
    case "RepairOrderInvoiced":
      await repairOrderRow(db, id)
        .set({ invoice_amount: event.amount.amount, invoiced_at: event.occurredAt })
        .execute();
      return;
    case "RepairOrderCancelled":
      await repairOrderRow(db, id).set({ cancelled_at: event.occurredAt }).execute();
      return;
  }
};

const applyPayoutEvent = async (
  db: Db,
  id: string,
  event: PayoutEvent,
  erased: ReadonlySet<string>,
) => {
  const payout = db.updateTable("payouts").where("payout_id", "=", id);
  switch (event.type) {
    case "PayoutRequested": {
      const payee = erased.has("payee") ? null : event.payee;
      await db
        .insertInto("payouts")
        .values({
          payout_id: id,
          claim_id: event.claimId,
          insurer_id: event.insurerId,
          payee_kind: payee?.kind ?? null,
          payee_id: payee?.id ?? null,
          voided: false,
        })
        .onConflict((oc) => oc.column("payout_id").doNothing())
        .execute();
      return;
    }
    case "PayoutIssued":
      await payout.set({ issued_at: event.occurredAt }).execute();
      return;
    case "PayoutVoided":
      await payout.set({ voided: true }).execute();
      return;
  }
};

const apply = (db: Db, decoded: DecodedDomainEvent) => {
  switch (decoded.category) {
    case "claim":
      return applyClaimEvent(db, decoded.id, decoded.event);
    case "repair-order":
      return applyRepairOrderEvent(db, decoded.id, decoded.event);
    case "payout":
      return applyPayoutEvent(db, decoded.id, decoded.event, decoded.erased);
  }
};

/**
 * Insurer scorecard read model (a repair shop's or adjusting firm's view of the insurers it
 * serves): claims with their assessments, shop responses, supplements, settlement and CSAT;
 * repair orders with handover, estimate and invoice; payouts with payee and issue time.
 * {@link insurerScorecard} turns them into per-insurer figures.
 *
 * @example
 * ```ts
 * const runtime = new ProjectionRuntime({ store, connectionString, projections: [insurerScorecardProjection] });
 * await runtime.start();
 * ```
 */
export const insurerScorecardProjection: Projection<InsurerScorecardTables> = {
  name: "insurer_scorecard",
  version: 1,
  eventTypes: [
    "ClaimRegistered",
    "DamageAssessed",
    "AssessmentDisputed",
    "AssessmentConfirmed",
    "SupplementRequested",
    "SupplementApproved",
    "SupplementRejected",
    "SettlementAgreed",
    "FeedbackRecorded",
    "RepairOrderOpened",
    "EstimateSubmitted",
    "AssessmentDisputedByShop",
    "AssessmentConfirmedByShop",
    "VehicleHandedOver",
    "RepairOrderInvoiced",
    "RepairOrderCancelled",
    "PayoutRequested",
    "PayoutIssued",
    "PayoutVoided",
  ],
  migrate: migrateInsurerScorecard,
  handle: async (recorded, ctx) => {
    const decoded = decodeDomainEvent(recorded);
    if (decoded !== undefined) await apply(ctx.db, decoded);
  },
};
