import type { CostType, PayoutEvent } from "@claimstream/domain";
import { type Kysely, type QueryCreator, sql } from "kysely";
import type { ProjectionContext } from "../../runtime/projection.js";
import type { MinorUnitsColumn } from "./column-types.js";
import { type RecordsetWrite, writeRecordsets } from "./recordset-upsert.js";

/**
 * Which claim and cost type a payout pays, and what it paid: only `PayoutRequested` names
 * them, so later payout events are attributed through this lookup.
 */
export interface PayoutFactTable {
  readonly payout_id: string;
  readonly claim_id: string;
  readonly cost_type: CostType;
  readonly currency: string;
  /** Set when issued, to reverse exactly that amount if the payout is voided afterwards. */
  readonly issued_amount: MinorUnitsColumn | null;
}

/** A read model's payout lookup table. */
export interface PayoutLookupTables {
  readonly payouts: PayoutFactTable;
}

/** A change of a claim's paid amount caused by a payout event. */
export interface PaidChange {
  readonly claimId: string;
  readonly costType: CostType;
  readonly kind: "payment" | "reversal";
  /** Signed minor units: positive when issued, negative when an issued payout is reversed. */
  readonly amount: number;
  readonly currency: string;
}

/** Creates the `payouts` lookup table in `schema`, idempotently. */
export const createPayoutLookupTable = async (
  db: Kysely<unknown>,
  schema: string,
): Promise<void> => {
  await db.schema
    .withSchema(schema)
    .createTable("payouts")
    .ifNotExists()
    .addColumn("payout_id", "text", (c) => c.primaryKey())
    .addColumn("claim_id", "text", (c) => c.notNull())
    .addColumn("cost_type", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("issued_amount", "bigint")
    .execute();
};

/** A payout's lookup row as a set-based handler holds it in memory. */
export interface PayoutRow {
  readonly payout_id: string;
  readonly claim_id: string;
  readonly cost_type: CostType;
  readonly currency: string;
  readonly issued_amount: number | null;
}

/** What a payout event does: its lookup row after it, and the paid change it causes. */
export interface PayoutStep {
  readonly row: PayoutRow | undefined;
  readonly change: PaidChange | undefined;
}

/**
 * How one payout event changes its lookup row and its claim's paid amount (pure):
 * `PayoutRequested` records the payout (first one wins), `PayoutIssued` pays and remembers
 * the amount, `PayoutVoided` with `reversal` un-pays what was issued; every other event, and
 * any event of a payout never requested, changes nothing.
 *
 * @example
 * ```ts
 * const { row, change } = stepPayout(payouts.get(payoutId), payoutId, event);
 * ```
 */
export const stepPayout = (
  row: PayoutRow | undefined,
  payoutId: string,
  event: PayoutEvent,
): PayoutStep => {
  if (event.type === "PayoutRequested") {
    const requested: PayoutRow = {
      payout_id: payoutId,
      claim_id: event.claimId,
      cost_type: event.costType,
      currency: event.amount.currency,
      issued_amount: null,
    };
    return { row: row ?? requested, change: undefined };
  }
  if (row === undefined) return { row, change: undefined };
  const paid = { claimId: row.claim_id, costType: row.cost_type, currency: row.currency };
  if (event.type === "PayoutIssued") {
    const amount = event.amount.amount;
    return {
      row: { ...row, issued_amount: amount },
      change: { ...paid, kind: "payment", amount },
    };
  }
  if (event.type !== "PayoutVoided" || !event.reversal || !row.issued_amount) {
    return { row, change: undefined };
  }
  return { row, change: { ...paid, kind: "reversal", amount: -row.issued_amount } };
};

const PAYOUT_COLUMNS = [
  ["payout_id", "text"],
  ["claim_id", "text"],
  ["cost_type", "text"],
  ["currency", "text"],
  ["issued_amount", "bigint"],
] as const;

/**
 * A batch's view of the payout lookup: the stored rows of the payouts it names, loaded in one
 * query, stepped through its events in memory ({@link stepPayout}), and the changed rows
 * written back with the batch's other rows (`writeRecordsets`).
 *
 * @example
 * ```ts
 * const payouts = await PayoutLookup.load(ctx.db, payoutIds);
 * const change = payouts.step(payoutId, event);
 * await writeRecordsets(ctx.tx, [payouts.write(ctx.schema)]);
 * ```
 */
export class PayoutLookup {
  readonly #rows: Map<string, PayoutRow>;
  readonly #changed = new Set<string>();

  private constructor(rows: Map<string, PayoutRow>) {
    this.#rows = rows;
  }

  /** A lookup over rows loaded elsewhere (with the batch's other rows). */
  static of(rows: readonly PayoutRow[]): PayoutLookup {
    return new PayoutLookup(new Map(rows.map((row) => [row.payout_id, row])));
  }

  /** Loads the lookup rows of `payoutIds` from any read model holding the table. */
  static async load<DB extends PayoutLookupTables>(
    readModel: QueryCreator<DB>,
    payoutIds: readonly string[],
  ): Promise<PayoutLookup> {
    const rows = new Map<string, PayoutRow>();
    if (payoutIds.length === 0) return new PayoutLookup(rows);
    // Any read model holding the lookup table: narrowed to that table for typing.
    const db = readModel as unknown as QueryCreator<PayoutLookupTables>;
    const stored = await db
      .selectFrom("payouts")
      .selectAll()
      .where(sql<boolean>`payout_id = any(${[...new Set(payoutIds)]}::text[])`)
      .execute();
    for (const row of stored) {
      const issued = row.issued_amount === null ? null : Number(row.issued_amount);
      rows.set(row.payout_id, { ...row, issued_amount: issued });
    }
    return new PayoutLookup(rows);
  }

  /** Applies one payout event; returns its paid change. */
  step(payoutId: string, event: PayoutEvent): PaidChange | undefined {
    const before = this.#rows.get(payoutId);
    const { row, change } = stepPayout(before, payoutId, event);
    if (row !== undefined && row !== before) {
      this.#rows.set(payoutId, row);
      this.#changed.add(payoutId);
    }
    return change;
  }

  /** The write of the rows the events changed into `schema`'s `payouts` table. */
  write(schema: string): RecordsetWrite {
    const rows = [...this.#changed].flatMap((id) => this.#rows.get(id) ?? []);
    const target = { schema, table: "payouts", key: ["payout_id"], columns: PAYOUT_COLUMNS };
    return { target: { ...target, onConflict: "update" }, rows };
  }
}

/**
 * Keeps the payout lookup up to date with one payout event and tells how the event changes
 * its claim's paid amount ({@link stepPayout} on the stored row), for read models applied
 * event by event.
 *
 * @example
 * ```ts
 * const change = await applyPayoutEvent(ctx, payoutId, event);
 * if (change) await addPaid(change.claimId, change.costType, change.amount);
 * ```
 */
export const applyPayoutEvent = async <DB extends PayoutLookupTables>(
  ctx: ProjectionContext<DB>,
  payoutId: string,
  event: PayoutEvent,
): Promise<PaidChange | undefined> => {
  const payouts = await PayoutLookup.load(ctx.db, [payoutId]);
  const change = payouts.step(payoutId, event);
  await writeRecordsets(ctx.tx, [payouts.write(ctx.schema)]);
  return change;
};
