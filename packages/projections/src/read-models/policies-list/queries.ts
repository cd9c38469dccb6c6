import type { Jurisdiction, LineOfBusiness, LocalDate } from "@claimstream/domain";
import { type Kysely, type Selectable, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import { toInstant } from "../shared/business-date.js";
import { exactInstantSql, instantParam, toNumber } from "../shared/column-types.js";
import { decodeCursor, type Page, pageSize } from "../shared/keyset-cursor.js";
import { keysetPage } from "../shared/keyset-page.js";
import { POLICIES_LIST_PROJECTION } from "./projection.js";
import type { PoliciesListPolicyTable, PoliciesListTables, PolicyListStatus } from "./schema.js";

/** A policy as the list shows it. Money in minor units of `currency`; no holder data. */
export interface PolicyListItem {
  readonly policyId: string;
  readonly insurerId: string;
  readonly policyNumber: string;
  readonly line: LineOfBusiness;
  readonly jurisdiction: Jurisdiction;
  readonly region: string;
  readonly currency: string;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly writtenPremium: number;
  readonly status: PolicyListStatus;
  readonly issuedAt: string;
  /** First day without cover; `null` while not cancelled. */
  readonly cancelledFrom: LocalDate | null;
  readonly cancelledAt: string | null;
  readonly endorsementCount: number;
  readonly lastPosition: number;
  readonly lastEventAt: string;
}

/** Filters and page of {@link listPolicies}. */
export interface ListPoliciesParams {
  /** Tenant scope. */
  readonly insurerId?: string;
  readonly status?: PolicyListStatus | readonly PolicyListStatus[];
  readonly line?: LineOfBusiness;
  readonly jurisdiction?: Jurisdiction;
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

const db$ = (db: Kysely<unknown>) =>
  (db as unknown as Kysely<PoliciesListTables>).withSchema(
    projectionSchema(POLICIES_LIST_PROJECTION),
  );

type PolicyRow = Selectable<PoliciesListPolicyTable> & {
  readonly start_day: string;
  readonly end_day: string;
  readonly cancelled_day: string | null;
};

const toListItem = (row: PolicyRow): PolicyListItem => ({
  policyId: row.policy_id,
  insurerId: row.insurer_id,
  policyNumber: row.policy_number,
  line: row.line,
  jurisdiction: row.jurisdiction,
  region: row.region,
  currency: row.currency,
  startDate: row.start_day,
  endDate: row.end_day,
  writtenPremium: toNumber(row.written_premium),
  status: row.status,
  issuedAt: toInstant(row.issued_at) ?? "",
  cancelledFrom: row.cancelled_day,
  cancelledAt: toInstant(row.cancelled_at),
  endorsementCount: row.endorsement_count,
  lastPosition: toNumber(row.last_position),
  lastEventAt: toInstant(row.last_event_at) ?? "",
});

/**
 * Policies, most recently issued first (ties by policy id), filtered and one page at a time:
 * pass `nextCursor` back as `cursor` for the next page; it is `null` on the last one. A cursor
 * this query did not issue throws `InvalidCursorError`.
 *
 * @example
 * ```ts
 * const page = await listPolicies(db, { insurerId: "ins-a", status: "issued", line: "motor_own_damage" });
 * for (const policy of page.items) console.log(policy.policyId, policy.writtenPremium, policy.currency);
 * const next = page.nextCursor ? await listPolicies(db, { insurerId: "ins-a", cursor: page.nextCursor }) : null;
 * ```
 */
export const listPolicies = async (
  db: Kysely<unknown>,
  params: ListPoliciesParams = {},
): Promise<Page<PolicyListItem>> => {
  const limit = pageSize(params.limit);
  let query = db$(db)
    .selectFrom("policies")
    .selectAll()
    .select([
      sql<string>`start_date::text`.as("start_day"),
      sql<string>`end_date::text`.as("end_day"),
      sql<string | null>`cancelled_from::text`.as("cancelled_day"),
      exactInstantSql("issued_at").as("cursor_at"),
    ])
    .orderBy("issued_at", "desc")
    .orderBy("policy_id", "desc")
    .limit(limit + 1);
  if (params.insurerId !== undefined) query = query.where("insurer_id", "=", params.insurerId);
  if (params.status !== undefined) {
    const statuses: readonly PolicyListStatus[] =
      typeof params.status === "string" ? [params.status] : params.status;
    query = query.where("status", "in", [...statuses]);
  }
  if (params.line !== undefined) query = query.where("line", "=", params.line);
  if (params.jurisdiction !== undefined) {
    query = query.where("jurisdiction", "=", params.jurisdiction);
  }
  if (params.cursor !== undefined) {
    const [issuedAt = "", policyId = ""] = decodeCursor(params.cursor, 2);
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple("issued_at", "policy_id"), "<", tuple(instantParam(issuedAt), policyId)),
    );
  }
  const rows = await query.execute();
  return keysetPage(rows, limit, (row) => [row.cursor_at, row.policy_id], toListItem);
};
