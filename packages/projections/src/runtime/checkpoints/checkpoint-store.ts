import { type Kysely, type Selectable, sql } from "kysely";
import type { CheckpointSlot, CheckpointTable, ProjectionsDatabase } from "./bookkeeping-tables.js";

/** Which checkpoint a batch moves: a projection's live or rebuild slot, and its schema. */
export interface SlotRef {
  readonly name: string;
  readonly slot: CheckpointSlot;
  readonly schema: string;
}

/** What a worker believes the checkpoint to be; a write proceeds only when the row agrees. */
export interface CheckpointFence {
  readonly position: number;
  readonly version: number;
}

/** A checkpoint row, decoded. */
export interface Checkpoint extends CheckpointFence {
  readonly name: string;
  readonly slot: CheckpointSlot;
  readonly schemaName: string;
  readonly eventTypes: readonly string[];
  readonly eventsApplied: number;
  readonly status: string;
  readonly lastEventAt: string | undefined;
  readonly rebuildRequestedAt: Date | undefined;
  readonly lastRebuiltAt: Date | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** How a batch moves a checkpoint. */
export interface CheckpointAdvance {
  readonly position: number;
  readonly applied: number;
  /** `recordedAt` of the batch's last applied event, when it applied any. */
  readonly lastEventAt: string | undefined;
}

/**
 * The checkpoint moved under a worker: another worker took the projection over, or a rebuild
 * was swapped in. The worker must reload it; nothing was written.
 */
export class CheckpointMovedError extends Error {
  override readonly name = "CheckpointMovedError";
  constructor(slot: SlotRef, expected: CheckpointFence, found: CheckpointFence | undefined) {
    super(
      `Checkpoint ${slot.name}/${slot.slot} moved: expected position ${expected.position} v${expected.version}, ` +
        `found ${found === undefined ? "none" : `position ${found.position} v${found.version}`}`,
    );
  }
}

type Db = Kysely<ProjectionsDatabase>;

const table = "projections.checkpoints" as const;

/** Reads one checkpoint. */
export const loadCheckpoint = async (
  db: Db,
  name: string,
  slot: CheckpointSlot,
): Promise<Checkpoint | undefined> => {
  const row = await db
    .selectFrom(table)
    .selectAll()
    .where("name", "=", name)
    .where("slot", "=", slot)
    .executeTakeFirst();
  return row && toCheckpoint(row);
};

/** Reads every checkpoint, live and rebuild slots, ordered by name. */
export const loadCheckpoints = async (db: Db): Promise<Checkpoint[]> => {
  const rows = await db.selectFrom(table).selectAll().orderBy("name").orderBy("slot").execute();
  return rows.map(toCheckpoint);
};

/** Creates a slot's checkpoint at position 0 (replacing a leftover row). */
export const insertCheckpoint = async (
  db: Db,
  slot: SlotRef,
  settings: { readonly version: number; readonly eventTypes: readonly string[] },
  status: string,
): Promise<void> => {
  const { version, eventTypes } = settings;
  await db
    .insertInto(table)
    .values({
      name: slot.name,
      slot: slot.slot,
      version,
      schema_name: slot.schema,
      event_types: eventTypes,
      position: 0,
      events_applied: 0,
      status,
      last_event_at: null,
      rebuild_requested_at: null,
      last_rebuilt_at: null,
    })
    .onConflict((conflict) =>
      conflict.columns(["name", "slot"]).doUpdateSet({
        version,
        schema_name: slot.schema,
        event_types: eventTypes,
        position: 0,
        events_applied: 0,
        status,
        last_event_at: null,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
};

/**
 * Serialises the transactions that write a slot's tables (batches, parked events, replays, the
 * rebuild swap) until the end of the transaction: a transaction-scoped advisory lock per slot.
 *
 * Not `SELECT … FOR UPDATE` on the checkpoint row: a row lock gives the transaction an id from
 * its first statement, and the PostgreSQL store's `$all` reads wait (gap safety) for every
 * transaction with an id older than a committed event. A batch holding an id while its handler
 * reads made every other projection wait for it; with the advisory lock the batch gets its id
 * at its first write, after the handler's reads.
 */
export const lockSlot = async (tx: Db, name: string, slot: CheckpointSlot): Promise<void> => {
  const key = `claimstream.checkpoint:${name}:${slot}`;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
};

/**
 * Locks the slot ({@link lockSlot}) and checks the fence. Every write to a projection's tables
 * goes through here first, so two workers never both apply a batch.
 */
export const lockCheckpoint = async (
  tx: Db,
  slot: SlotRef,
  fence: CheckpointFence,
): Promise<Checkpoint> => {
  await lockSlot(tx, slot.name, slot.slot);
  // A statement after the lock: its snapshot sees what the previous holder committed.
  const row = await tx
    .selectFrom(table)
    .selectAll()
    .where("name", "=", slot.name)
    .where("slot", "=", slot.slot)
    .executeTakeFirst();
  const found = row && toCheckpoint(row);
  if (found?.position !== fence.position || found.version !== fence.version) {
    throw new CheckpointMovedError(slot, fence, found);
  }
  return found;
};

/**
 * Moves a locked checkpoint forward from `fence`, checking the fence again: the row is
 * updated only while it still holds the fence's position and version.
 */
export const advanceCheckpoint = async (
  tx: Db,
  slot: SlotRef,
  fence: CheckpointFence,
  advance: CheckpointAdvance,
): Promise<void> => {
  const result = await tx
    .updateTable(table)
    .set({
      position: advance.position,
      events_applied: sql<number>`events_applied + ${advance.applied}`,
      last_event_at: sql<Date | null>`coalesce(${advance.lastEventAt ?? null}::timestamptz, last_event_at)`,
      updated_at: sql<Date>`now()`,
    })
    .where("name", "=", slot.name)
    .where("slot", "=", slot.slot)
    .where("position", "=", String(fence.position))
    .where("version", "=", fence.version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new CheckpointMovedError(slot, fence, undefined);
};

/** Records the state a worker is in (informational: for the CLI and other processes). */
export const writeCheckpointStatus = async (
  db: Db,
  name: string,
  slot: CheckpointSlot,
  status: string,
): Promise<void> => {
  await db
    .updateTable(table)
    .set({ status, updated_at: sql<Date>`now()` })
    .where("name", "=", name)
    .where("slot", "=", slot)
    .execute();
};

/** Records the event types the projection's code reads now. */
export const writeCheckpointEventTypes = async (
  db: Db,
  name: string,
  eventTypes: readonly string[],
): Promise<void> => {
  await db
    .updateTable(table)
    .set({ event_types: eventTypes })
    .where("name", "=", name)
    .where("slot", "=", "live")
    .execute();
};

/** Deletes a slot's checkpoint. */
export const deleteCheckpoint = async (
  db: Db,
  name: string,
  slot: CheckpointSlot,
): Promise<void> => {
  await db.deleteFrom(table).where("name", "=", name).where("slot", "=", slot).execute();
};

const toCheckpoint = (row: Selectable<CheckpointTable>): Checkpoint => ({
  name: row.name,
  slot: row.slot,
  version: row.version,
  schemaName: row.schema_name,
  eventTypes: row.event_types,
  position: Number(row.position),
  eventsApplied: Number(row.events_applied),
  status: row.status,
  lastEventAt: row.last_event_at?.toISOString(),
  rebuildRequestedAt: row.rebuild_requested_at ?? undefined,
  lastRebuiltAt: row.last_rebuilt_at ?? undefined,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
