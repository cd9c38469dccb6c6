import type { ClaimEvent } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import { type QueryCreator, sql, type UpdateObject } from "kysely";
import type { Projection, ProjectionContext } from "../../runtime/projection.js";
import { parseAnalyticsEvent } from "../shared/domain-event.js";
import { applyPayoutEvent } from "../shared/payout-lookup.js";
import { migrateReserveAccuracy, type ReserveAccuracyTables } from "./schema.js";

/** The reserve accuracy projection's name; its tables live in schema `rm_reserve_accuracy`. */
export const RESERVE_ACCURACY_PROJECTION = "reserve_accuracy";

type Db = QueryCreator<ReserveAccuracyTables>;
type Changes = UpdateObject<ReserveAccuracyTables, "claims">;

const update = (db: Db, claimId: string, position: number, changes: Changes) =>
  db
    .updateTable("claims")
    .set(changes)
    .set({ last_position: position })
    .where("claim_id", "=", claimId)
    .execute();

const onClaimEvent = async (db: Db, id: string, event: ClaimEvent, position: number) => {
  switch (event.type) {
    case "ClaimRegistered":
      await db
        .insertInto("claims")
        .values({
          claim_id: id,
          insurer_id: event.insurerId,
          line: event.line,
          currency: event.currency,
          last_position: position,
        })
        .onConflict((oc) => oc.column("claim_id").doNothing())
        .execute();
      return;
    case "ReserveChanged": {
      const balance = event.balance.amount;
      const first = sql<string>`coalesce(first_reserved_at, ${event.occurredAt}::timestamptz)`;
      await update(
        db,
        id,
        position,
        event.costType === "indemnity"
          ? {
              reserve_indemnity: balance,
              first_reserve_indemnity: sql`coalesce(first_reserve_indemnity, ${balance})`,
              first_reserved_at: first,
            }
          : {
              reserve_expense: balance,
              first_reserve_expense: sql`coalesce(first_reserve_expense, ${balance})`,
              first_reserved_at: first,
            },
      );
      return;
    }
    case "RecoveryRecorded":
      await update(db, id, position, {
        recovered: sql`recovered + ${event.amount.amount}`,
      });
      return;
    case "ClaimClosed":
      await update(db, id, position, { closed_at: event.occurredAt, close_outcome: event.outcome });
      return;
    case "ClaimReopened":
      await update(db, id, position, { closed_at: null, close_outcome: null });
      return;
    default:
      return;
  }
};

const handleReserveAccuracy = async (
  recorded: RecordedEvent,
  ctx: ProjectionContext<ReserveAccuracyTables>,
): Promise<void> => {
  const db = ctx.db;
  const parsed = parseAnalyticsEvent(recorded);
  if (parsed?.category === "claim") {
    await onClaimEvent(db, parsed.id, parsed.event, recorded.globalPosition);
  } else if (parsed?.category === "payout") {
    const change = await applyPayoutEvent(ctx, parsed.id, parsed.event);
    if (change === undefined) return;
    await update(
      db,
      change.claimId,
      recorded.globalPosition,
      change.costType === "indemnity"
        ? { paid_indemnity: sql`paid_indemnity + ${change.amount}` }
        : { paid_expense: sql`paid_expense + ${change.amount}` },
    );
  }
};

/**
 * Reserve accuracy read model: per claim, the first case reserve (first indemnity plus
 * first expense balance) and the running incurred (paid − recovered + reserves), which is the
 * final incurred once the claim is closed. Queried by {@link reserveAccuracy} and
 * {@link listReserveAccuracy}.
 *
 * @example
 * ```ts
 * const projections = [reserveAccuracyProjection]; // handed to the projection runtime
 * ```
 */
export const reserveAccuracyProjection: Projection<ReserveAccuracyTables> = {
  name: RESERVE_ACCURACY_PROJECTION,
  version: 1,
  eventTypes: [
    "ClaimRegistered",
    "ReserveChanged",
    "RecoveryRecorded",
    "ClaimClosed",
    "ClaimReopened",
    "PayoutRequested",
    "PayoutIssued",
    "PayoutVoided",
  ],
  migrate: migrateReserveAccuracy,
  handle: (event, ctx) => handleReserveAccuracy(event, ctx),
};
