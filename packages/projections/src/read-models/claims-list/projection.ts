import { CLAIM_EVENT_TYPES, type ClaimEvent, type PolicyEvent } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import { type QueryCreator, sql } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { parseAnalyticsEvent } from "../loss-facts/domain-event.js";
import { applyPayoutEvent } from "../loss-facts/payout-lookup.js";
import { type ClaimRowChanges, claimRowChanges } from "./claim-row-changes.js";
import { type ClaimsListTables, migrateClaimsList } from "./schema.js";

/** The claims list projection's name; its tables live in schema `rm_claims_list`. */
export const CLAIMS_LIST_PROJECTION = "claims_list";

type Db = QueryCreator<ClaimsListTables>;

const updateClaim = async (
  db: Db,
  claimId: string,
  recorded: RecordedEvent,
  occurredAt: string,
  changes: ClaimRowChanges,
) => {
  await db
    .updateTable("claims")
    .set(changes)
    .set({ last_position: recorded.globalPosition, last_event_at: occurredAt })
    .where("claim_id", "=", claimId)
    .execute();
};

const register = async (
  db: Db,
  id: string,
  event: Extract<ClaimEvent, { type: "ClaimRegistered" }>,
  position: number,
) => {
  const policy = await db
    .selectFrom("policies")
    .select("region")
    .where("policy_id", "=", event.policyId)
    .executeTakeFirst();
  await db
    .insertInto("claims")
    .values({
      claim_id: id,
      insurer_id: event.insurerId,
      policy_id: event.policyId,
      line: event.line,
      jurisdiction: event.jurisdiction,
      region: policy?.region ?? null,
      loss_region: event.lossPlace.region,
      loss_date: event.lossDate,
      status: "registered",
      reported_at: event.occurredAt,
      currency: event.currency,
      last_position: position,
      last_event_at: event.occurredAt,
    })
    .onConflict((oc) => oc.column("claim_id").doNothing())
    .execute();
};

// Returns whether the event was a deadline event (its changes are in the deadlines table).
const applyDeadlineEvent = async (db: Db, claimId: string, event: ClaimEvent) => {
  const deadline = (deadlineId: string) =>
    db
      .updateTable("deadlines")
      .where("claim_id", "=", claimId)
      .where("deadline_id", "=", deadlineId);
  switch (event.type) {
    case "DeadlineStarted":
      await db
        .insertInto("deadlines")
        .values({
          claim_id: claimId,
          deadline_id: event.deadline.id,
          kind: event.deadline.kind,
          status: event.deadline.status,
          due_at: event.deadline.dueAt,
        })
        .onConflict((oc) => oc.columns(["claim_id", "deadline_id"]).doNothing())
        .execute();
      return true;
    case "DeadlinePaused":
      await deadline(event.deadlineId).set({ status: "paused" }).execute();
      return true;
    case "DeadlineResumed":
      await deadline(event.deadlineId).set({ status: "open", due_at: event.dueAt }).execute();
      return true;
    case "DeadlineMet":
      await deadline(event.deadlineId).set({ status: "met" }).execute();
      return true;
    case "DeadlineBreached":
      await deadline(event.deadlineId).set({ status: "breached" }).execute();
      return true;
    default:
      return false;
  }
};

const deadlineCounts = (db: Db, claimId: string): ClaimRowChanges => {
  const deadlines = db.selectFrom("deadlines").where("claim_id", "=", claimId);
  return {
    open_deadlines: deadlines
      .select(sql<number>`count(*)::int`.as("n"))
      .where("status", "in", ["open", "paused"]),
    next_deadline_due: deadlines
      .select(sql<string>`min(due_at)`.as("due"))
      .where("status", "=", "open"),
  };
};

const onClaimEvent = async (db: Db, id: string, event: ClaimEvent, recorded: RecordedEvent) => {
  if (event.type === "ClaimRegistered") return register(db, id, event, recorded.globalPosition);
  const isDeadline = await applyDeadlineEvent(db, id, event);
  const changes = isDeadline ? deadlineCounts(db, id) : claimRowChanges(event);
  await updateClaim(db, id, recorded, event.occurredAt, changes);
};

const onPolicyEvent = async (db: Db, id: string, event: PolicyEvent) => {
  if (event.type !== "PolicyIssued") return;
  await db
    .insertInto("policies")
    .values({ policy_id: id, region: event.region })
    .onConflict((oc) => oc.column("policy_id").doNothing())
    .execute();
  // A claim registered before its policy's events were seen gets the region now.
  await db
    .updateTable("claims")
    .set({ region: event.region })
    .where("policy_id", "=", id)
    .where("region", "is", null)
    .execute();
};

const handleClaimsList = async (recorded: RecordedEvent, db: Db): Promise<void> => {
  const parsed = parseAnalyticsEvent(recorded);
  if (parsed === undefined) return;
  if (parsed.category === "claim") return onClaimEvent(db, parsed.id, parsed.event, recorded);
  if (parsed.category === "policy") return onPolicyEvent(db, parsed.id, parsed.event);
  const change = await applyPayoutEvent(db, parsed.id, parsed.event);
  if (change === undefined) return;
  await updateClaim(
    db,
    change.claimId,
    recorded,
    parsed.event.occurredAt,
    change.costType === "indemnity"
      ? { paid_indemnity: sql`paid_indemnity + ${change.amount}` }
      : { paid_expense: sql`paid_expense + ${change.amount}` },
  );
};

/**
 * Read model 1, claims list and claim summary: one row per claim with its status, insurer,
 * line, region, adjuster, dates, reserves, paid (from issued payouts, less reversals),
 * recovered, incurred, flags, open deadlines and reopen count. Queried by {@link listClaims}
 * and {@link getClaimSummary}.
 *
 * @example
 * ```ts
 * const projections = [claimsListProjection]; // handed to the projection runtime
 * ```
 */
export const claimsListProjection: Projection<ClaimsListTables> = {
  name: CLAIMS_LIST_PROJECTION,
  version: 1,
  eventTypes: [
    ...new Set([
      ...CLAIM_EVENT_TYPES,
      "PolicyIssued",
      "PayoutRequested",
      "PayoutIssued",
      "PayoutVoided",
    ]),
  ],
  migrate: migrateClaimsList,
  handle: (event, ctx) => handleClaimsList(event, ctx.db),
};
