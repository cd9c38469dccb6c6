import type { CostType } from "@claimstream/domain";
import type { Kysely, Selectable } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import { toInstant } from "../shared/business-date.js";
import { exactInstantSql, instantParam, toNumber } from "../shared/column-types.js";
import { decodeCursor, type Page, pageSize } from "../shared/keyset-cursor.js";
import { keysetPage } from "../shared/keyset-page.js";
import { PAYOUTS_LIST_PROJECTION } from "./projection.js";
import type {
  PayeeKind,
  PayoutListStatus,
  PayoutsListPayoutTable,
  PayoutsListTables,
} from "./schema.js";

/** A payout as the list shows it. Money in minor units of `currency`; no payee name. */
export interface PayoutListItem {
  readonly payoutId: string;
  readonly claimId: string;
  readonly insurerId: string;
  /** `null` when the payee's personal data was erased. */
  readonly payeeKind: PayeeKind | null;
  readonly payeeId: string | null;
  readonly costType: CostType;
  readonly currency: string;
  /** Requested (and, once approved, approved) amount. */
  readonly amount: number;
  readonly status: PayoutListStatus;
  readonly requestedAt: string;
  readonly approvedAt: string | null;
  readonly rejectedAt: string | null;
  readonly issuedAt: string | null;
  readonly voidedAt: string | null;
  /** Whether the voiding reversed an issued payment; `null` while not voided. */
  readonly reversal: boolean | null;
  readonly failureCount: number;
  /** Paid and not reversed. */
  readonly issuedAmount: number;
  readonly recovered: number;
  /** `issuedAmount − recovered`. */
  readonly netPaid: number;
  readonly lastPosition: number;
  readonly lastEventAt: string;
}

/** Filters and page of {@link listPayouts}. */
export interface ListPayoutsParams {
  /** Tenant scope. */
  readonly insurerId?: string;
  readonly claimId?: string;
  readonly status?: PayoutListStatus | readonly PayoutListStatus[];
  readonly payeeKind?: PayeeKind;
  readonly costType?: CostType;
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

const db$ = (db: Kysely<unknown>) =>
  (db as unknown as Kysely<PayoutsListTables>).withSchema(
    projectionSchema(PAYOUTS_LIST_PROJECTION),
  );

const toListItem = (row: Selectable<PayoutsListPayoutTable>): PayoutListItem => ({
  payoutId: row.payout_id,
  claimId: row.claim_id,
  insurerId: row.insurer_id,
  payeeKind: row.payee_kind,
  payeeId: row.payee_id,
  costType: row.cost_type,
  currency: row.currency,
  amount: toNumber(row.amount),
  status: row.status,
  requestedAt: toInstant(row.requested_at) ?? "",
  approvedAt: toInstant(row.approved_at),
  rejectedAt: toInstant(row.rejected_at),
  issuedAt: toInstant(row.issued_at),
  voidedAt: toInstant(row.voided_at),
  reversal: row.reversal,
  failureCount: row.failure_count,
  issuedAmount: toNumber(row.issued_amount),
  recovered: toNumber(row.recovered),
  netPaid: toNumber(row.net_paid),
  lastPosition: toNumber(row.last_position),
  lastEventAt: toInstant(row.last_event_at) ?? "",
});

/**
 * Payouts, most recently requested first (ties by payout id), filtered and one page at a
 * time: pass `nextCursor` back as `cursor` for the next page; it is `null` on the last one. A
 * cursor this query did not issue throws `InvalidCursorError`.
 *
 * @example
 * ```ts
 * const page = await listPayouts(db, { insurerId: "ins-a", claimId: "C-1", status: "issued" });
 * for (const payout of page.items) console.log(payout.payoutId, payout.netPaid, payout.currency);
 * ```
 */
export const listPayouts = async (
  db: Kysely<unknown>,
  params: ListPayoutsParams = {},
): Promise<Page<PayoutListItem>> => {
  const limit = pageSize(params.limit);
  let query = db$(db)
    .selectFrom("payouts")
    .selectAll()
    .select(exactInstantSql("requested_at").as("cursor_at"))
    .orderBy("requested_at", "desc")
    .orderBy("payout_id", "desc")
    .limit(limit + 1);
  if (params.insurerId !== undefined) query = query.where("insurer_id", "=", params.insurerId);
  if (params.claimId !== undefined) query = query.where("claim_id", "=", params.claimId);
  if (params.status !== undefined) {
    const statuses: readonly PayoutListStatus[] =
      typeof params.status === "string" ? [params.status] : params.status;
    query = query.where("status", "in", [...statuses]);
  }
  if (params.payeeKind !== undefined) query = query.where("payee_kind", "=", params.payeeKind);
  if (params.costType !== undefined) query = query.where("cost_type", "=", params.costType);
  if (params.cursor !== undefined) {
    const [requestedAt = "", payoutId = ""] = decodeCursor(params.cursor, 2);
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple("requested_at", "payout_id"), "<", tuple(instantParam(requestedAt), payoutId)),
    );
  }
  const rows = await query.execute();
  return keysetPage(rows, limit, (row) => [row.cursor_at, row.payout_id], toListItem);
};
