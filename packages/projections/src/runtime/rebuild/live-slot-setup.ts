import type { Kysely } from "kysely";
import type { ProjectionsDatabase } from "../checkpoints/bookkeeping-tables.js";
import {
  type Checkpoint,
  insertCheckpoint,
  loadCheckpoint,
  type SlotRef,
  writeCheckpointEventTypes,
} from "../checkpoints/checkpoint-store.js";
import { dropSchema, ensureSchema, recreateSchema } from "../checkpoints/read-model-schema.js";
import { type AnyProjection, projectionSchema } from "../projection.js";
import { retiredSchema } from "../projection-names.js";
import type { RebuildReason } from "./blue-green-rebuild.js";

/**
 * The stored tables are of a newer version than this code (a rolling deploy in progress): the
 * worker leaves them to a newer worker instead of rebuilding them backwards.
 */
export class NewerVersionError extends Error {
  override readonly name = "NewerVersionError";
}

/** The live slot, ready, and whether a rebuild must run before (or while) it serves. */
export interface PreparedLiveSlot {
  readonly ref: SlotRef;
  readonly checkpoint: Checkpoint;
  readonly rebuild: RebuildReason | undefined;
}

/**
 * Gets a projection's live slot ready for the worker that just took its lease: drops a schema
 * left over by an interrupted swap, creates schema, tables and checkpoint on the first run,
 * migrates the tables when the version matches, and tells whether a rebuild is due (version
 * changed, rebuild requested, or one interrupted).
 */
export const prepareLiveSlot = async (
  db: Kysely<ProjectionsDatabase>,
  projection: AnyProjection,
): Promise<PreparedLiveSlot> => {
  const { name, version } = projection;
  const ref: SlotRef = { name, slot: "live", schema: projectionSchema(name) };
  await dropSchema(db, retiredSchema(name));
  let live = await loadCheckpoint(db, name, "live");
  if (live === undefined) {
    // No checkpoint: whatever the schema holds was never committed with one.
    await recreateSchema(db, ref.schema);
    await projection.migrate(db as Kysely<unknown>, ref.schema);
    await insertCheckpoint(db, ref, projection, "catching_up");
    live = await loadCheckpoint(db, name, "live");
    if (live === undefined) throw new Error(`Checkpoint of ${name} vanished`);
  } else if (live.version > version) {
    throw new NewerVersionError(
      `Tables of ${name} are at version ${live.version}, this code is at ${version}`,
    );
  } else if (live.version === version) {
    await ensureSchema(db, ref.schema);
    await projection.migrate(db as Kysely<unknown>, ref.schema);
  }
  await writeCheckpointEventTypes(db, name, projection.eventTypes);
  const next = await loadCheckpoint(db, name, "next");
  const rebuild =
    live.version !== version
      ? "version_changed"
      : next !== undefined || live.rebuildRequestedAt !== undefined
        ? "requested"
        : undefined;
  return { ref, checkpoint: live, rebuild };
};
