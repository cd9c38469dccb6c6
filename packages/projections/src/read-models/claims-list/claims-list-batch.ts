import type { ClaimEvent, PayoutEvent, PolicyEvent } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import type { ProjectionContext } from "../../runtime/projection.js";
import { type PositionedAnalyticsEvent, parseAnalyticsBatch } from "../shared/domain-event.js";
import { PayoutLookup } from "../shared/payout-lookup.js";
import { type RecordsetColumn, writeRecordsets } from "../shared/recordset-upsert.js";
import {
  addPaid,
  CLAIM_ROW_COLUMNS,
  type ClaimRow,
  evolveClaimRow,
  registeredClaimRow,
  touchClaimRow,
} from "./claim-row.js";
import { deadlineKey, loadClaimsListRows, recountDeadlines } from "./claims-list-rows.js";
import {
  DEADLINE_ROW_COLUMNS,
  type DeadlineRow,
  deadlineIdOf,
  isDeadlineEvent,
  stepDeadline,
} from "./deadline-row.js";
import type { ClaimsListTables } from "./schema.js";

/**
 * A batch's claims list rows in memory: every stored row its events can touch (loaded up
 * front), changed in place by the fold, and the keys of what to write back.
 */
class ClaimsListBatch {
  readonly #newPolicies = new Set<string>();
  readonly #changedClaims = new Set<string>();
  readonly #changedDeadlines = new Set<string>();
  /** Claims whose deadline figures are recounted from the deadlines table once written. */
  readonly #recount = new Set<string>();
  /** Policy → its claims still without a region (a `PolicyIssued` gives them theirs). */
  readonly #regionless = new Map<string, Set<string>>();

  constructor(
    readonly regions: Map<string, string>,
    readonly payouts: PayoutLookup,
    readonly claims: Map<string, ClaimRow>,
    readonly deadlines: Map<string, DeadlineRow>,
  ) {
    for (const row of claims.values()) this.#indexRegion(row);
  }

  setClaim(row: ClaimRow): void {
    this.claims.set(row.claim_id, row);
    this.#changedClaims.add(row.claim_id);
    this.#indexRegion(row);
  }

  #indexRegion(row: ClaimRow): void {
    const claims = this.#regionless.get(row.policy_id) ?? new Set<string>();
    if (row.region === null) claims.add(row.claim_id);
    else claims.delete(row.claim_id);
    this.#regionless.set(row.policy_id, claims);
  }

  onClaimEvent(id: string, event: ClaimEvent, position: number): void {
    const row = this.claims.get(id);
    if (event.type === "ClaimRegistered") {
      if (row !== undefined) return;
      this.setClaim(
        registeredClaimRow(id, event, position, this.regions.get(event.policyId) ?? null),
      );
      this.#recount.delete(id);
      return;
    }
    if (isDeadlineEvent(event)) {
      const key = deadlineKey(id, deadlineIdOf(event));
      const deadline = stepDeadline(this.deadlines.get(key), id, event);
      if (deadline !== undefined) {
        this.deadlines.set(key, deadline);
        this.#changedDeadlines.add(key);
      }
      if (row === undefined) return;
      this.setClaim(touchClaimRow(row, position, event.occurredAt));
      this.#recount.add(id);
      return;
    }
    if (row !== undefined)
      this.setClaim(touchClaimRow(evolveClaimRow(row, event), position, event.occurredAt));
  }

  onPolicyEvent(id: string, event: PolicyEvent): void {
    if (event.type !== "PolicyIssued") return;
    if (!this.regions.has(id)) {
      this.regions.set(id, event.region);
      this.#newPolicies.add(id);
    }
    // A claim registered before its policy's events were seen gets the region now.
    for (const claimId of [...(this.#regionless.get(id) ?? [])]) {
      const row = this.claims.get(claimId);
      if (row !== undefined) this.setClaim({ ...row, region: event.region });
    }
  }

  onPayoutEvent(id: string, event: PayoutEvent, position: number): void {
    const change = this.payouts.step(id, event);
    const row = change && this.claims.get(change.claimId);
    if (change === undefined || row === undefined) return;
    this.setClaim(touchClaimRow(addPaid(row, change), position, event.occurredAt));
  }

  async save(ctx: ProjectionContext<ClaimsListTables>): Promise<void> {
    const { schema } = ctx;
    const table = (name: string, columns: readonly RecordsetColumn[], key: string[]) =>
      ({ schema, table: name, columns, key }) as const;
    const policies = [...this.#newPolicies].map((policy_id) => ({
      policy_id,
      region: this.regions.get(policy_id),
    }));
    await writeRecordsets(ctx.tx, [
      {
        target: { ...table("policies", POLICY_COLUMNS, ["policy_id"]), onConflict: "nothing" },
        rows: policies,
      },
      this.payouts.write(schema),
      {
        target: {
          ...table("deadlines", DEADLINE_ROW_COLUMNS, ["claim_id", "deadline_id"]),
          onConflict: "update",
        },
        rows: [...this.#changedDeadlines].flatMap((key) => this.deadlines.get(key) ?? []),
      },
      {
        target: { ...table("claims", CLAIM_ROW_COLUMNS, ["claim_id"]), onConflict: "update" },
        rows: [...this.#changedClaims].flatMap((id) => this.claims.get(id) ?? []),
      },
    ]);
    // After the write: the recount reads the deadlines as they now stand.
    await recountDeadlines(ctx.db, [...this.#recount]);
  }
}

const POLICY_COLUMNS: readonly RecordsetColumn[] = [
  ["policy_id", "text"],
  ["region", "text"],
];

// Loads every stored row the batch's events can touch, in one query.
const loadBatch = async (
  db: ProjectionContext<ClaimsListTables>["db"],
  parsed: readonly PositionedAnalyticsEvent[],
): Promise<ClaimsListBatch> => {
  const claimIds: string[] = [];
  const deadlineClaims: string[] = [];
  const policyIds: string[] = [];
  const issuedPolicies: string[] = [];
  const payoutIds: string[] = [];
  for (const { fact } of parsed) {
    if (fact.category === "claim") {
      claimIds.push(fact.id);
      if (fact.event.type === "ClaimRegistered") policyIds.push(fact.event.policyId);
      if (isDeadlineEvent(fact.event)) deadlineClaims.push(fact.id);
    } else if (fact.category === "policy") {
      if (fact.event.type === "PolicyIssued") issuedPolicies.push(fact.id);
    } else {
      payoutIds.push(fact.id);
      if (fact.event.type === "PayoutRequested") claimIds.push(fact.event.claimId);
    }
  }
  const keys = {
    policyIds: [...policyIds, ...issuedPolicies],
    payoutIds,
    claimIds,
    issuedPolicies,
    deadlineClaims,
  };
  const { regions, payouts, claims, deadlines } = await loadClaimsListRows(db, keys);
  return new ClaimsListBatch(regions, PayoutLookup.of(payouts), claims, deadlines);
};

/**
 * Applies a batch of events to the claims list tables, set-based: the rows the batch can touch
 * are loaded in one query, its events folded into them in memory in order (the pure
 * `evolveClaimRow`, `stepDeadline` and `stepPayout`), and every table written back in one
 * statement; the deadline figures of the claims whose deadlines moved are then recounted in
 * one more. Any batch size gives the same tables.
 *
 * @example
 * ```ts
 * handleBatch: (events, ctx) => handleClaimsListBatch(events, ctx),
 * ```
 */
export const handleClaimsListBatch = async (
  events: readonly RecordedEvent[],
  ctx: ProjectionContext<ClaimsListTables>,
): Promise<void> => {
  const parsed = parseAnalyticsBatch(events);
  if (parsed.length === 0) return;
  const batch = await loadBatch(ctx.db, parsed);
  for (const { position, fact } of parsed) {
    if (fact.category === "claim") batch.onClaimEvent(fact.id, fact.event, position);
    else if (fact.category === "policy") batch.onPolicyEvent(fact.id, fact.event);
    else batch.onPayoutEvent(fact.id, fact.event, position);
  }
  await batch.save(ctx);
};
