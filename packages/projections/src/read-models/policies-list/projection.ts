import type { PolicyEvent } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import { type QueryCreator, sql, type UpdateObject } from "kysely";
import type { Projection } from "../../runtime/projection.js";
import { decodeDomainEvent } from "../shared/decode-domain-event.js";
import { migratePoliciesList, type PoliciesListTables } from "./schema.js";

/** The policies list projection's name; its table lives in schema `rm_policies_list`. */
export const POLICIES_LIST_PROJECTION = "policies_list";

type Db = QueryCreator<PoliciesListTables>;
type Of<T extends PolicyEvent["type"]> = Extract<PolicyEvent, { type: T }>;

// The holder is personal data: it is never read, so an erased holder changes nothing here.
const issue = (db: Db, id: string, event: Of<"PolicyIssued">, position: number) =>
  db
    .insertInto("policies")
    .values({
      policy_id: id,
      insurer_id: event.insurerId,
      policy_number: event.policyNumber,
      line: event.line,
      jurisdiction: event.jurisdiction,
      region: event.region,
      currency: event.sumInsured.currency,
      start_date: event.startDate,
      end_date: event.endDate,
      written_premium: event.writtenPremium.amount,
      status: "issued",
      issued_at: event.occurredAt,
      last_position: position,
      last_event_at: event.occurredAt,
    })
    .onConflict((oc) => oc.column("policy_id").doNothing())
    .execute();

const changesOf = (
  event: Exclude<PolicyEvent, Of<"PolicyIssued">>,
): UpdateObject<PoliciesListTables, "policies"> => {
  switch (event.type) {
    case "PolicyEndorsed":
      return { endorsement_count: sql`endorsement_count + 1` };
    case "PolicyCancelled":
      return {
        status: "cancelled",
        cancelled_from: event.cancelledFrom,
        cancelled_at: event.occurredAt,
      };
  }
};

// Like `evolvePolicy`, an event on a policy never issued changes nothing (no row to update).
const applyPolicyEvent = async (db: Db, id: string, event: PolicyEvent, position: number) => {
  if (event.type === "PolicyIssued") return void (await issue(db, id, event, position));
  await db
    .updateTable("policies")
    .set(changesOf(event))
    .set({ last_position: position, last_event_at: event.occurredAt })
    .where("policy_id", "=", id)
    .execute();
};

const handlePoliciesList = async (recorded: RecordedEvent, db: Db): Promise<void> => {
  const decoded = decodeDomainEvent(recorded);
  if (decoded?.category !== "policy") return;
  await applyPolicyEvent(db, decoded.id, decoded.event, decoded.position);
};

/**
 * Policies list read model: one row per policy with its insurer, number, line,
 * jurisdiction, region, period, written premium, status, cancellation and endorsement count
 * (ids and terms only, never the holder). Queried by {@link listPolicies}.
 *
 * @example
 * ```ts
 * const projections = [policiesListProjection]; // handed to the projection runtime
 * ```
 */
export const policiesListProjection: Projection<PoliciesListTables> = {
  name: POLICIES_LIST_PROJECTION,
  version: 1,
  eventTypes: ["PolicyIssued", "PolicyEndorsed", "PolicyCancelled"],
  migrate: migratePoliciesList,
  handle: (event, ctx) => handlePoliciesList(event, ctx.db),
};
