import type { CostType, PayoutEvent } from "@claimstream/domain";
import type { Kysely, QueryCreator } from "kysely";
import type { MinorUnitsColumn } from "./column-types.js";

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

/**
 * Keeps the payout lookup up to date with one payout event and tells how the event changes
 * its claim's paid amount: `PayoutIssued` pays, `PayoutVoided` with `reversal` un-pays what
 * was issued; every other event changes nothing paid.
 *
 * @example
 * ```ts
 * const change = await applyPayoutEvent(ctx.db, payoutId, event);
 * if (change) await addPaid(change.claimId, change.costType, change.amount);
 * ```
 */
export const applyPayoutEvent = async <DB extends PayoutLookupTables>(
  readModel: QueryCreator<DB>,
  payoutId: string,
  event: PayoutEvent,
): Promise<PaidChange | undefined> => {
  // Any read model holding the lookup table: narrowed to that table for typing.
  const db = readModel as unknown as QueryCreator<PayoutLookupTables>;
  if (event.type === "PayoutRequested") {
    await db
      .insertInto("payouts")
      .values({
        payout_id: payoutId,
        claim_id: event.claimId,
        cost_type: event.costType,
        currency: event.amount.currency,
      })
      .onConflict((oc) => oc.column("payout_id").doNothing())
      .execute();
    return undefined;
  }
  if (event.type !== "PayoutIssued" && !(event.type === "PayoutVoided" && event.reversal)) {
    return undefined;
  }
  const payout = await db
    .selectFrom("payouts")
    .selectAll()
    .where("payout_id", "=", payoutId)
    .executeTakeFirst();
  if (payout === undefined) return undefined;
  const change = {
    claimId: payout.claim_id,
    costType: payout.cost_type,
    currency: payout.currency,
  };
  if (event.type === "PayoutIssued") {
    await db
      .updateTable("payouts")
      .set({ issued_amount: event.amount.amount })
      .where("payout_id", "=", payoutId)
      .execute();
    return { ...change, kind: "payment", amount: event.amount.amount };
  }
  const issued = payout.issued_amount === null ? 0 : Number(payout.issued_amount);
  return issued === 0 ? undefined : { ...change, kind: "reversal", amount: -issued };
};
