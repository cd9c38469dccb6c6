import type { RecordedEvent } from "@claimstream/eventstore";
import type { Kysely, QueryCreator, Transaction } from "kysely";
import type { ProjectionsDatabase } from "./checkpoints/bookkeeping-tables.js";
import type { AnyProjection, ProjectionContext } from "./projection.js";

/**
 * A projection's handler threw for an event. Anything else thrown while applying a batch is
 * an infrastructure fault (connection lost, checkpoint moved) and is not the event's fault.
 */
export class HandlerError extends Error {
  override readonly name = "HandlerError";
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
    /** How many events the failing call was applying (`event` is the first of them). */
    readonly batchSize = 1,
  ) {
    const where =
      batchSize === 1
        ? `${event.type} at position ${event.globalPosition}`
        : `a batch of ${batchSize} events from position ${event.globalPosition}`;
    super(
      `Projection ${projection} failed on ${where}: ` +
        (cause instanceof Error ? cause.message : String(cause)),
    );
  }
}

/** The handler's view of a transaction: queries bound to the slot's schema. */
export const projectionContext = (
  tx: Kysely<ProjectionsDatabase>,
  schema: string,
): ProjectionContext<unknown> => ({
  db: tx.withSchema(schema) as unknown as QueryCreator<unknown>,
  schema,
  tx: tx as unknown as Transaction<unknown>,
});

/** Runs the handler, turning what it throws into a {@link HandlerError}. */
export const applyEvent = async (
  projection: AnyProjection,
  event: RecordedEvent,
  ctx: ProjectionContext<unknown>,
): Promise<void> => {
  try {
    await projection.handle(event, ctx);
  } catch (error) {
    throw new HandlerError(projection.name, event, error);
  }
};

/**
 * Applies a batch: through the projection's set-based `handleBatch` when it has one (a throw
 * is charged to the batch's first event, the one-by-one pass then finds the culprit), else
 * through `handle` event by event.
 */
export const applyBatch = async (
  projection: AnyProjection,
  events: readonly RecordedEvent[],
  ctx: ProjectionContext<unknown>,
): Promise<void> => {
  const [first] = events;
  if (first === undefined) return;
  if (projection.handleBatch === undefined) {
    for (const event of events) await applyEvent(projection, event, ctx);
    return;
  }
  try {
    await projection.handleBatch(events, ctx);
  } catch (error) {
    throw new HandlerError(projection.name, first, error, events.length);
  }
};
