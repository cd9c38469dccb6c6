import type { RecordedEvent } from "@claimstream/eventstore";
import { type Kysely, type Selectable, sql } from "kysely";
import type {
  CheckpointSlot,
  ParkedEventTable,
  ProjectionsDatabase,
} from "../checkpoints/bookkeeping-tables.js";
import type { SlotRef } from "../checkpoints/checkpoint-store.js";

/**
 * An event a projection could not apply: it was retried, then skipped so the projection could
 * go on. Only the event's coordinates are kept (not its data, which may hold personal data
 * that crypto-shredding must be able to erase); a replay reads it again from the store.
 */
export interface ParkedEvent {
  readonly projection: string;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamPosition: number;
  readonly type: string;
  /** The last failure, `Name: message`. */
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
  readonly lastAttemptAt: string;
  /** A replay was asked for and the worker has not tried it yet. */
  readonly replayRequested: boolean;
}

type Db = Kysely<ProjectionsDatabase>;

const table = "projections.parked_events" as const;

/** Parks an event (or, parked again by a later attempt, adds to its attempts). */
export const parkEvent = async (
  tx: Db,
  slot: SlotRef,
  event: RecordedEvent,
  error: string,
  attempts: number,
): Promise<void> => {
  await tx
    .insertInto(table)
    .values({
      projection: slot.name,
      slot: slot.slot,
      global_position: event.globalPosition,
      event_id: event.eventId,
      stream_id: event.streamId,
      stream_position: event.streamPosition,
      type: event.type,
      error,
      attempts,
      replay_requested_at: null,
    })
    .onConflict((conflict) =>
      conflict.columns(["projection", "slot", "global_position"]).doUpdateSet({
        error,
        attempts: sql<number>`${sql.ref("parked_events.attempts")} + ${attempts}`,
        last_attempt_at: sql<Date>`now()`,
      }),
    )
    .execute();
};

/** The live slot's parked events of a projection, oldest first; `position` narrows to one. */
export const listParkedEvents = async (
  db: Db,
  name: string,
  options: { readonly position?: number; readonly replayRequested?: boolean } = {},
): Promise<ParkedEvent[]> => {
  let query = db
    .selectFrom(table)
    .selectAll()
    .where("projection", "=", name)
    .where("slot", "=", "live");
  if (options.position !== undefined)
    query = query.where("global_position", "=", String(options.position));
  if (options.replayRequested === true) query = query.where("replay_requested_at", "is not", null);
  const rows = await query.orderBy("global_position").execute();
  return rows.map(toParkedEvent);
};

/** How many events a projection's live slot has parked. */
export const countParkedEvents = async (db: Db, name: string): Promise<number> => {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("parked"))
    .where("projection", "=", name)
    .where("slot", "=", "live")
    .executeTakeFirst();
  return Number(row?.parked ?? 0);
};

/** Parked counts of every projection's live slot. */
export const countAllParkedEvents = async (db: Db): Promise<Map<string, number>> => {
  const rows = await db
    .selectFrom(table)
    .select(["projection", (eb) => eb.fn.countAll<string>().as("parked")])
    .where("slot", "=", "live")
    .groupBy("projection")
    .execute();
  return new Map(rows.map((row) => [row.projection, Number(row.parked)]));
};

/** Marks parked events for replay by the worker holding the projection; returns them. */
export const markForReplay = async (
  db: Db,
  name: string,
  position?: number,
): Promise<ParkedEvent[]> => {
  let query = db
    .updateTable(table)
    .set({ replay_requested_at: sql<Date>`now()` })
    .where("projection", "=", name)
    .where("slot", "=", "live");
  if (position !== undefined) query = query.where("global_position", "=", String(position));
  const rows = await query.returningAll().execute();
  return rows.map(toParkedEvent).sort((a, b) => a.globalPosition - b.globalPosition);
};

/** Locks a live parked event for a replay; `undefined` when it is gone (replayed elsewhere). */
export const lockParkedEvent = async (
  tx: Db,
  name: string,
  position: number,
): Promise<ParkedEvent | undefined> => {
  const row = await tx
    .selectFrom(table)
    .selectAll()
    .where("projection", "=", name)
    .where("slot", "=", "live")
    .where("global_position", "=", String(position))
    .forUpdate()
    .executeTakeFirst();
  return row && toParkedEvent(row);
};

/** Removes a parked event (it was replayed). */
export const deleteParkedEvent = async (tx: Db, name: string, position: number): Promise<void> => {
  await tx
    .deleteFrom(table)
    .where("projection", "=", name)
    .where("slot", "=", "live")
    .where("global_position", "=", String(position))
    .execute();
};

/** Records a failed replay: one more attempt, the new error, and the request answered. */
export const recordReplayFailure = async (
  db: Db,
  name: string,
  position: number,
  error: string,
): Promise<void> => {
  await db
    .updateTable(table)
    .set({
      error,
      attempts: sql<number>`attempts + 1`,
      last_attempt_at: sql<Date>`now()`,
      replay_requested_at: null,
    })
    .where("projection", "=", name)
    .where("slot", "=", "live")
    .where("global_position", "=", String(position))
    .execute();
};

/** At a swap: the rebuild's parked events replace the live ones. */
export const promoteParkedEvents = async (tx: Db, name: string): Promise<void> => {
  await tx.deleteFrom(table).where("projection", "=", name).where("slot", "=", "live").execute();
  await tx
    .updateTable(table)
    .set({ slot: "live" })
    .where("projection", "=", name)
    .where("slot", "=", "next")
    .execute();
};

/** Forgets a slot's parked events (a rebuild starting over). */
export const deleteParkedEvents = async (
  db: Db,
  name: string,
  slot: CheckpointSlot,
): Promise<void> => {
  await db.deleteFrom(table).where("projection", "=", name).where("slot", "=", slot).execute();
};

const toParkedEvent = (row: Selectable<ParkedEventTable>): ParkedEvent => ({
  projection: row.projection,
  globalPosition: Number(row.global_position),
  eventId: row.event_id,
  streamId: row.stream_id,
  streamPosition: Number(row.stream_position),
  type: row.type,
  error: row.error,
  attempts: row.attempts,
  parkedAt: row.parked_at.toISOString(),
  lastAttemptAt: row.last_attempt_at.toISOString(),
  replayRequested: row.replay_requested_at !== null,
});
