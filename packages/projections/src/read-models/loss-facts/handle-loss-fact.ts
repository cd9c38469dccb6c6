import type { RecordedEvent } from "@claimstream/eventstore";
import { type QueryCreator, type QueryExecutorProvider, sql } from "kysely";
import type { ProjectionContext } from "../../runtime/projection.js";
import { exactInstantSql } from "../shared/column-types.js";
import {
  type AnalyticsEvent,
  type PositionedAnalyticsEvent,
  parseAnalyticsBatch,
} from "../shared/domain-event.js";
import { PayoutLookup } from "../shared/payout-lookup.js";
import { writeRecordsets } from "../shared/recordset-upsert.js";
import {
  type ClaimFactRow,
  claimFact,
  LOSS_FACT_COLUMNS,
  type PaidMovementRow,
  type PolicyFactRow,
  payoutMovement,
  type ReserveMovementRow,
  stepPolicyFact,
} from "./loss-fact-rows.js";
import type { LossFactTables } from "./loss-fact-tables.js";

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

/** A batch's loss facts in memory: what it loaded, and the rows it will write. */
interface LossFactBatch {
  readonly policies: Map<string, PolicyFactRow>;
  readonly changedPolicies: Set<string>;
  readonly payouts: PayoutLookup;
  readonly claims: Map<string, ClaimFactRow>;
  readonly paid: PaidMovementRow[];
  readonly reserves: ReserveMovementRow[];
}

const idsOf = (events: readonly PositionedAnalyticsEvent[], category: AnalyticsEvent["category"]) =>
  events.filter((e) => e.fact.category === category).map((e) => e.fact.id);

const loadPolicies = async (db: Db, policyIds: readonly string[]) => {
  const policies = new Map<string, PolicyFactRow>();
  if (policyIds.length === 0) return policies;
  const rows = await db
    .selectFrom("policies")
    .select(["policy_id", "insurer_id", "line", "region", "written_premium", "currency"])
    .select([
      sql<string>`start_date::text`.as("start_date"),
      sql<string>`end_date::text`.as("end_date"),
      sql<string | null>`cancelled_from::text`.as("cancelled_from"),
      exactInstantSql("issued_at").as("issued_at"),
      sql<
        string | null
      >`case when cancelled_at is not null then ${exactInstantSql("cancelled_at")} end`.as(
        "cancelled_at",
      ),
    ])
    .where(sql<boolean>`policy_id = any(${[...new Set(policyIds)]}::text[])`)
    .execute();
  for (const row of rows) {
    policies.set(row.policy_id, { ...row, written_premium: Number(row.written_premium) });
  }
  return policies;
};

// One event into the batch: the same fold whatever the batch size.
const foldEvent = (batch: LossFactBatch, { position, fact }: PositionedAnalyticsEvent): void => {
  if (fact.category === "claim") {
    const recorded = claimFact(fact.id, fact.event, position);
    if (recorded?.table === "claims") {
      // Inserted unless the claim is already known: the first FNOL wins.
      if (!batch.claims.has(recorded.row.claim_id))
        batch.claims.set(recorded.row.claim_id, recorded.row);
    } else if (recorded?.table === "reserve_movements") batch.reserves.push(recorded.row);
    else if (recorded?.table === "paid_movements") batch.paid.push(recorded.row);
  } else if (fact.category === "policy") {
    const before = batch.policies.get(fact.id);
    const after = stepPolicyFact(before, fact.id, fact.event);
    if (after !== undefined && after !== before) {
      batch.policies.set(fact.id, after);
      batch.changedPolicies.add(fact.id);
    }
  } else {
    const change = batch.payouts.step(fact.id, fact.event);
    if (change !== undefined) {
      batch.paid.push(payoutMovement(change, fact.id, position, fact.event.occurredAt));
    }
  }
};

const saveBatch = async (batch: LossFactBatch, db: QueryExecutorProvider, schema: string) => {
  const into = (table: keyof typeof LOSS_FACT_COLUMNS, key: string) =>
    ({ schema, table, key: [key], columns: LOSS_FACT_COLUMNS[table] }) as const;
  const policies = [...batch.changedPolicies].flatMap((id) => batch.policies.get(id) ?? []);
  await writeRecordsets(db, [
    { target: { ...into("policies", "policy_id"), onConflict: "update" }, rows: policies },
    batch.payouts.write(schema),
    {
      target: { ...into("claims", "claim_id"), onConflict: "nothing" },
      rows: [...batch.claims.values()],
    },
    { target: { ...into("paid_movements", "position"), onConflict: "nothing" }, rows: batch.paid },
    {
      target: { ...into("reserve_movements", "position"), onConflict: "nothing" },
      rows: batch.reserves,
    },
  ]);
};

/**
 * Records the loss facts of a batch of events into the {@link LossFactTables} of a
 * projection, set-based: the policies and payouts the batch names are loaded in one query
 * each, the events folded in memory in order (claims and policies with their dates, payouts'
 * claim and cost type, dated paid and reserve movements), and every table written in one
 * statement. Deterministic (business time only) and idempotent per event position; any
 * batch size gives the same tables.
 *
 * @example
 * ```ts
 * handleBatch: (events, ctx) => handleLossFactBatch(events, ctx),
 * ```
 */
export const handleLossFactBatch = async (
  events: readonly RecordedEvent[],
  ctx: ProjectionContext<LossFactTables>,
): Promise<void> => {
  const parsed = parseAnalyticsBatch(events);
  if (parsed.length === 0) return;
  const batch: LossFactBatch = {
    policies: await loadPolicies(ctx.db, idsOf(parsed, "policy")),
    changedPolicies: new Set(),
    payouts: await PayoutLookup.load(ctx.db, idsOf(parsed, "payout")),
    claims: new Map(),
    paid: [],
    reserves: [],
  };
  for (const event of parsed) foldEvent(batch, event);
  await saveBatch(batch, ctx.tx, ctx.schema);
};

/**
 * Records the loss facts one event carries: {@link handleLossFactBatch} on that event alone,
 * so the event-by-event path and the batch path share one definition.
 *
 * @example
 * ```ts
 * handle: (event, ctx) => handleLossFact(event, ctx),
 * ```
 */
export const handleLossFact = (
  recorded: RecordedEvent,
  ctx: ProjectionContext<LossFactTables>,
): Promise<void> => handleLossFactBatch([recorded], ctx);
