import type { ClaimStatus, LineOfBusiness, LocalDate } from "@claimstream/domain";
import { type Kysely, type Selectable, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import { endOfBusinessDate, startOfBusinessDate, toInstant } from "../shared/business-date.js";
import { exactInstantSql, instantParam, toNumber } from "../shared/column-types.js";
import { decodeCursor, encodeCursor, type Page, pageSize } from "../shared/keyset-cursor.js";
import { CLAIMS_LIST_PROJECTION } from "./projection.js";
import type { ClaimsListClaimTable, ClaimsListTables } from "./schema.js";

/** A claim as lists and the summary show it. Money in minor units of `currency`. */
export interface ClaimSummary {
  readonly claimId: string;
  readonly insurerId: string;
  readonly policyId: string;
  readonly line: LineOfBusiness;
  readonly jurisdiction: string;
  /** The policy's underwriting region; `null` while the policy is unknown. */
  readonly region: string | null;
  /** Where the loss happened. */
  readonly lossRegion: string;
  readonly lossDate: LocalDate;
  readonly status: ClaimStatus;
  readonly adjusterId: string | null;
  readonly reportedAt: string;
  readonly settledAt: string | null;
  readonly closedAt: string | null;
  readonly closeOutcome: string | null;
  readonly currency: string;
  readonly reserveIndemnity: number;
  readonly reserveExpense: number;
  /** Case reserve: indemnity + expense. */
  readonly reserve: number;
  /** Issued payouts less reversals. */
  readonly paidIndemnity: number;
  readonly paidExpense: number;
  readonly recovered: number;
  /** Paid (both cost types) − recovered + reserve. */
  readonly incurred: number;
  readonly fastTrack: boolean;
  readonly fraudReview: boolean;
  /** Deadlines open or paused. */
  readonly openDeadlines: number;
  /** Earliest due time of a running deadline. */
  readonly nextDeadlineDue: string | null;
  readonly reopenCount: number;
  readonly lastPosition: number;
  readonly lastEventAt: string;
}

/** One deadline of a claim. */
export interface ClaimDeadline {
  readonly deadlineId: string;
  readonly kind: string;
  readonly status: "open" | "paused" | "met" | "breached";
  readonly dueAt: string;
}

/** The claim summary: the list row plus every deadline, earliest due first. */
export interface ClaimSummaryDetail extends ClaimSummary {
  readonly deadlines: readonly ClaimDeadline[];
}

/** Filters and page of {@link listClaims}. Dates are business dates (UTC), inclusive. */
export interface ListClaimsParams {
  /** Tenant scope. */
  readonly insurerId?: string;
  readonly status?: ClaimStatus | readonly ClaimStatus[];
  readonly adjusterId?: string;
  readonly line?: LineOfBusiness;
  readonly reportedFrom?: LocalDate;
  readonly reportedTo?: LocalDate;
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

const db$ = (db: Kysely<unknown>) =>
  (db as unknown as Kysely<ClaimsListTables>).withSchema(projectionSchema(CLAIMS_LIST_PROJECTION));

type ClaimRow = Selectable<ClaimsListClaimTable> & { readonly loss_day: string };

const toSummary = (row: ClaimRow): ClaimSummary => {
  const reserveIndemnity = toNumber(row.reserve_indemnity);
  const reserveExpense = toNumber(row.reserve_expense);
  return {
    claimId: row.claim_id,
    insurerId: row.insurer_id,
    policyId: row.policy_id,
    line: row.line,
    jurisdiction: row.jurisdiction,
    region: row.region,
    lossRegion: row.loss_region,
    lossDate: row.loss_day,
    status: row.status,
    adjusterId: row.adjuster_id,
    reportedAt: toInstant(row.reported_at) ?? "",
    settledAt: toInstant(row.settled_at),
    closedAt: toInstant(row.closed_at),
    closeOutcome: row.close_outcome,
    currency: row.currency,
    reserveIndemnity,
    reserveExpense,
    reserve: reserveIndemnity + reserveExpense,
    paidIndemnity: toNumber(row.paid_indemnity),
    paidExpense: toNumber(row.paid_expense),
    recovered: toNumber(row.recovered),
    incurred: toNumber(row.incurred),
    fastTrack: row.fast_track,
    fraudReview: row.fraud_review,
    openDeadlines: row.open_deadlines,
    nextDeadlineDue: toInstant(row.next_deadline_due),
    reopenCount: row.reopen_count,
    lastPosition: toNumber(row.last_position),
    lastEventAt: toInstant(row.last_event_at) ?? "",
  };
};

const selectClaims = (db: Kysely<unknown>) =>
  db$(db).selectFrom("claims").selectAll().select(sql<string>`loss_date::text`.as("loss_day"));

/**
 * Claims, newest report first (ties by claim id), filtered and one page at a time: pass
 * `nextCursor` back as `cursor` for the next page; it is `null` on the last one. The order is
 * stable, so pages neither skip nor repeat claims while new claims arrive.
 *
 * @example
 * ```ts
 * const page = await listClaims(db, { insurerId: "ins-a", status: ["registered", "in_assessment"], limit: 20 });
 * for (const claim of page.items) console.log(claim.claimId, claim.incurred, claim.currency);
 * const next = page.nextCursor ? await listClaims(db, { insurerId: "ins-a", limit: 20, cursor: page.nextCursor }) : null;
 * ```
 */
export const listClaims = async (
  db: Kysely<unknown>,
  params: ListClaimsParams = {},
): Promise<Page<ClaimSummary>> => {
  const limit = pageSize(params.limit);
  let query = selectClaims(db)
    .select(exactInstantSql("reported_at").as("cursor_at"))
    .orderBy("reported_at", "desc")
    .orderBy("claim_id", "desc")
    .limit(limit + 1);
  if (params.insurerId !== undefined) query = query.where("insurer_id", "=", params.insurerId);
  if (params.status !== undefined) {
    const statuses: readonly ClaimStatus[] =
      typeof params.status === "string" ? [params.status] : params.status;
    query = query.where("status", "in", [...statuses]);
  }
  if (params.adjusterId !== undefined) query = query.where("adjuster_id", "=", params.adjusterId);
  if (params.line !== undefined) query = query.where("line", "=", params.line);
  if (params.reportedFrom !== undefined) {
    query = query.where(
      "reported_at",
      ">=",
      instantParam(startOfBusinessDate(params.reportedFrom)),
    );
  }
  if (params.reportedTo !== undefined) {
    query = query.where("reported_at", "<", instantParam(endOfBusinessDate(params.reportedTo)));
  }
  if (params.cursor !== undefined) {
    const [reportedAt = "", claimId = ""] = decodeCursor(params.cursor, 2);
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple("reported_at", "claim_id"), "<", tuple(instantParam(reportedAt), claimId)),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor([last.cursor_at, last.claim_id])
        : null,
  };
};

/**
 * One claim's summary with its deadlines, or `undefined` when there is no such claim (or it
 * belongs to another insurer than `insurerId`).
 *
 * @example
 * ```ts
 * const claim = await getClaimSummary(db, "C-1", { insurerId: "ins-a" });
 * claim?.status; // "closed"
 * claim?.deadlines; // [{ deadlineId: "cn.payment_10d-1", kind: "payment", status: "met", dueAt: "…" }]
 * ```
 */
export const getClaimSummary = async (
  db: Kysely<unknown>,
  claimId: string,
  scope: { readonly insurerId?: string } = {},
): Promise<ClaimSummaryDetail | undefined> => {
  let query = selectClaims(db).where("claim_id", "=", claimId);
  if (scope.insurerId !== undefined) query = query.where("insurer_id", "=", scope.insurerId);
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  const deadlines = await db$(db)
    .selectFrom("deadlines")
    .select(["deadline_id", "kind", "status", "due_at"])
    .where("claim_id", "=", claimId)
    .orderBy("due_at")
    .orderBy("deadline_id")
    .execute();
  return {
    ...toSummary(row),
    deadlines: deadlines.map((d) => ({
      deadlineId: d.deadline_id,
      kind: d.kind,
      status: d.status,
      dueAt: toInstant(d.due_at) ?? "",
    })),
  };
};
