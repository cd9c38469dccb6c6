import type { EventStore, RecordedEvent } from "@claimstream/eventstore";
import type { Kysely } from "kysely";
import type { ProjectionsDatabase } from "../checkpoints/bookkeeping-tables.js";
import { lockSlot } from "../checkpoints/checkpoint-store.js";
import { type AnyProjection, projectionSchema } from "../projection.js";
import { applyEvent, HandlerError, projectionContext } from "../projection-context.js";
import { errorFields, errorText, type ProjectionLogger } from "../projection-logger.js";
import {
  deleteParkedEvent,
  lockParkedEvent,
  type ParkedEvent,
  recordReplayFailure,
} from "./parked-event-store.js";

export interface ReplayDeps {
  readonly db: Kysely<ProjectionsDatabase>;
  readonly store: EventStore;
  readonly projection: AnyProjection;
  readonly logger: ProjectionLogger;
}

const readEventAt = async (
  store: EventStore,
  position: number,
): Promise<RecordedEvent | undefined> => {
  for await (const event of store.readAll({ fromPosition: position - 1, maxCount: 1 })) {
    return event.globalPosition === position ? event : undefined;
  }
  return undefined;
};

/**
 * Applies a parked event to the live tables (out of order: the checkpoint is past it) and, on
 * success, removes it from the parked list in the same transaction. A failure is recorded on
 * the parked event (one more attempt, the new error). Returns whether it was applied.
 */
export const replayParkedEvent = async (
  deps: ReplayDeps,
  parked: ParkedEvent,
): Promise<boolean> => {
  const { db, store, projection, logger } = deps;
  const fields = { projection: projection.name, position: parked.globalPosition };
  const event = await readEventAt(store, parked.globalPosition);
  if (event?.eventId !== parked.eventId) {
    const missing = `Event ${parked.eventId} is not at position ${parked.globalPosition} of the store`;
    await recordReplayFailure(db, projection.name, parked.globalPosition, missing);
    logger.warn(fields, "parked event replay failed: event not found");
    return false;
  }
  try {
    await db.transaction().execute(async (tx) => {
      // Serialises with the live slot's batches, which take the same lock first.
      await lockSlot(tx, projection.name, "live");
      const still = await lockParkedEvent(tx, projection.name, parked.globalPosition);
      if (still === undefined) return;
      await applyEvent(projection, event, projectionContext(tx, projectionSchema(projection.name)));
      await deleteParkedEvent(tx, projection.name, parked.globalPosition);
    });
  } catch (error) {
    if (!(error instanceof HandlerError)) throw error;
    await recordReplayFailure(db, projection.name, parked.globalPosition, errorText(error.cause));
    logger.warn({ ...fields, ...errorFields(error.cause) }, "parked event replay failed");
    return false;
  }
  logger.info(fields, "parked event replayed");
  return true;
};
