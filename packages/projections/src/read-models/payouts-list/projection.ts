import type { PayoutEvent } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import { type QueryCreator, sql, type UpdateObject } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import { migratePayoutsList, type PayoutsListTables } from "./schema.js";

/** The payouts list projection's name; its table lives in schema `rm_payouts_list`. */
export const PAYOUTS_LIST_PROJECTION = "payouts_list";

type Db = QueryCreator<PayoutsListTables>;
type Of<T extends PayoutEvent["type"]> = Extract<PayoutEvent, { type: T }>;

// Only the payee's kind and id are kept; an erased payee (crypto-shredding) leaves both null.
const request = (
  db: Db,
  id: string,
  event: Of<"PayoutRequested">,
  erased: ReadonlySet<string>,
  position: number,
) => {
  const payee = erased.has("payee") ? null : event.payee;
  return db
    .insertInto("payouts")
    .values({
      payout_id: id,
      claim_id: event.claimId,
      insurer_id: event.insurerId,
      payee_kind: payee?.kind ?? null,
      payee_id: payee?.id ?? null,
      cost_type: event.costType,
      currency: event.amount.currency,
      amount: event.amount.amount,
      status: "requested",
      requested_at: event.occurredAt,
      last_position: position,
      last_event_at: event.occurredAt,
    })
    .onConflict((oc) => oc.column("payout_id").doNothing())
    .execute();
};

/** How an event (other than the request) changes the payout's row, as `evolvePayout` does. */
const payoutChanges = (
  event: Exclude<PayoutEvent, Of<"PayoutRequested">>,
): UpdateObject<PayoutsListTables, "payouts"> => {
  const at = event.occurredAt;
  switch (event.type) {
    case "PayoutApproved":
      return { status: "approved", approved_at: at };
    case "PayoutRejected":
      return { status: "rejected", rejected_at: at };
    case "PayoutIssued":
      return { status: "issued", issued_at: at, issued_amount: event.amount.amount };
    case "PayoutFailed":
      return { status: "failed", failure_count: sql`failure_count + 1` };
    case "PayoutRetried":
      return { status: "approved" };
    case "PayoutVoided":
      return {
        status: "voided",
        voided_at: at,
        reversal: event.reversal,
        ...(event.reversal ? { issued_amount: 0 } : {}),
      };
    case "RecoveryRecorded":
      return { recovered: sql`recovered + ${event.amount.amount}` };
  }
};

const handlePayoutsList = async (recorded: RecordedEvent, db: Db): Promise<void> => {
  const decoded = decodeDomainEvent(recorded);
  if (decoded?.category !== "payout") return;
  const { id, event, erased, position } = decoded;
  if (event.type === "PayoutRequested")
    return void (await request(db, id, event, erased, position));
  // Like `evolvePayout`, an event on a payout never requested changes nothing (no row).
  await db
    .updateTable("payouts")
    .set(payoutChanges(event))
    .set({ last_position: position, last_event_at: event.occurredAt })
    .where("payout_id", "=", id)
    .execute();
};

/**
 * Payouts list read model: one row per payout with its claim, insurer, payee kind and id,
 * cost type, amount, status, milestones, issued amount (less a reversal), recoveries and net
 * paid. Queried by {@link listPayouts}.
 *
 * @example
 * ```ts
 * const projections = [payoutsListProjection]; // handed to the projection runtime
 * ```
 */
export const payoutsListProjection: Projection<PayoutsListTables> = {
  name: PAYOUTS_LIST_PROJECTION,
  version: 1,
  eventTypes: [
    "PayoutRequested",
    "PayoutApproved",
    "PayoutRejected",
    "PayoutIssued",
    "PayoutFailed",
    "PayoutRetried",
    "PayoutVoided",
    "RecoveryRecorded",
  ],
  migrate: migratePayoutsList,
  handle: (event, ctx) => handlePayoutsList(event, ctx.db),
};
