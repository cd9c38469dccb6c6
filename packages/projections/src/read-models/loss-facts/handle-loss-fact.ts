import type { ClaimEvent, PayoutEvent, PolicyEvent } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import type { QueryCreator } from "kysely";
import { parseAnalyticsEvent } from "./domain-event.js";
import type { LossFactTables } from "./loss-fact-tables.js";
import { applyPayoutEvent } from "./payout-lookup.js";

type Db = QueryCreator<LossFactTables>;

/**
 * The event types {@link handleLossFact} records. `RecoveryRecorded` is counted from claim
 * streams only: the process manager mirrors every payout recovery onto its claim, and direct
 * claim recoveries (salvage without a payout) exist only there.
 */
export const LOSS_FACT_EVENT_TYPES = [
  "ClaimRegistered",
  "ReserveChanged",
  "RecoveryRecorded",
  "PolicyIssued",
  "PolicyCancelled",
  "PayoutRequested",
  "PayoutIssued",
  "PayoutVoided",
] as const;

const onClaimEvent = async (db: Db, id: string, event: ClaimEvent, position: number) => {
  switch (event.type) {
    case "ClaimRegistered":
      await db
        .insertInto("claims")
        .values({
          claim_id: id,
          insurer_id: event.insurerId,
          policy_id: event.policyId,
          line: event.line,
          loss_date: event.lossDate,
          currency: event.currency,
          reported_at: event.occurredAt,
        })
        .onConflict((oc) => oc.column("claim_id").doNothing())
        .execute();
      return;
    case "ReserveChanged":
      await db
        .insertInto("reserve_movements")
        .values({
          position,
          claim_id: id,
          cost_type: event.costType,
          delta: event.delta.amount,
          balance: event.balance.amount,
          currency: event.balance.currency,
          occurred_at: event.occurredAt,
        })
        .onConflict((oc) => oc.column("position").doNothing())
        .execute();
      return;
    case "RecoveryRecorded":
      await db
        .insertInto("paid_movements")
        .values({
          position,
          claim_id: id,
          cost_type: "indemnity",
          kind: "recovery",
          amount: -event.amount.amount,
          currency: event.amount.currency,
          occurred_at: event.occurredAt,
          payout_id: event.payoutId,
        })
        .onConflict((oc) => oc.column("position").doNothing())
        .execute();
      return;
    default:
      return;
  }
};

const onPolicyEvent = async (db: Db, id: string, event: PolicyEvent) => {
  if (event.type === "PolicyIssued") {
    await db
      .insertInto("policies")
      .values({
        policy_id: id,
        insurer_id: event.insurerId,
        line: event.line,
        region: event.region,
        start_date: event.startDate,
        end_date: event.endDate,
        written_premium: event.writtenPremium.amount,
        currency: event.writtenPremium.currency,
        issued_at: event.occurredAt,
      })
      .onConflict((oc) => oc.column("policy_id").doNothing())
      .execute();
  } else if (event.type === "PolicyCancelled") {
    await db
      .updateTable("policies")
      .set({ cancelled_from: event.cancelledFrom, cancelled_at: event.occurredAt })
      .where("policy_id", "=", id)
      .execute();
  }
};

const onPayoutEvent = async (db: Db, id: string, event: PayoutEvent, position: number) => {
  const change = await applyPayoutEvent(db, id, event);
  if (change === undefined) return;
  await db
    .insertInto("paid_movements")
    .values({
      position,
      claim_id: change.claimId,
      cost_type: change.costType,
      kind: change.kind,
      amount: change.amount,
      currency: change.currency,
      occurred_at: event.occurredAt,
      payout_id: id,
    })
    .onConflict((oc) => oc.column("position").doNothing())
    .execute();
};

/**
 * Records the loss facts one event carries into the {@link LossFactTables} of a projection:
 * claims and policies with their dates, payouts' claim and cost type, and dated paid and
 * reserve movements. Deterministic (business time only) and idempotent per event position.
 *
 * @example
 * ```ts
 * handle: (event, ctx) => handleLossFact(event, ctx.db),
 * ```
 */
export const handleLossFact = async (recorded: RecordedEvent, db: Db): Promise<void> => {
  const parsed = parseAnalyticsEvent(recorded);
  if (parsed === undefined) return;
  switch (parsed.category) {
    case "claim":
      return onClaimEvent(db, parsed.id, parsed.event, recorded.globalPosition);
    case "policy":
      return onPolicyEvent(db, parsed.id, parsed.event);
    case "payout":
      return onPayoutEvent(db, parsed.id, parsed.event, recorded.globalPosition);
  }
};
