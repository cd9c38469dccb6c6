import type { RecordedEvent } from "@claimstream/eventstore";
import type { Kysely } from "kysely";
import type { ProjectionsDatabase } from "../checkpoints/bookkeeping-tables.js";
import {
  advanceCheckpoint,
  type CheckpointFence,
  lockCheckpoint,
  lockSlot,
  type SlotRef,
} from "../checkpoints/checkpoint-store.js";
import { parkEvent } from "../parking/parked-event-store.js";
import { backoffDelay, DEFAULT_STALL_BACKOFF, type RetryPolicy } from "../parking/retry-policy.js";
import type { AnyProjection } from "../projection.js";
import { applyBatch, applyEvent, HandlerError, projectionContext } from "../projection-context.js";
import { errorFields, errorText, type ProjectionLogger } from "../projection-logger.js";
import { abortableDelay } from "./abortable-delay.js";

/** What applying a batch did. */
export interface ApplyOutcome {
  /** The checkpoint now. */
  readonly position: number;
  readonly applied: number;
  readonly parked: number;
  /** `recordedAt` of the last applied event, when any was applied. */
  readonly lastEventAt: string | undefined;
  /** The checkpoint reached the batch's target (no event failed on the way). */
  readonly complete: boolean;
}

export interface BatchApplierDeps {
  readonly db: Kysely<ProjectionsDatabase>;
  readonly projection: AnyProjection;
  readonly retry: RetryPolicy;
  /** The backoff of failures the projection calls transient (default: the stall backoff). */
  readonly stall?: RetryPolicy;
  readonly logger: ProjectionLogger;
}

interface OneByOne {
  readonly position: number;
  readonly applied: number;
  readonly lastEventAt: string | undefined;
  readonly failure: HandlerError | undefined;
}

const ignore = (): void => undefined;

/**
 * Applies a batch of events and moves the checkpoint in one transaction (through the
 * projection's `handleBatch` when it has one). When a handler throws,
 * the batch is re-run event by event under savepoints: the events before the failing one are
 * committed, the failing one is retried with backoff in its own transactions and, if it keeps
 * failing, parked (recorded with its error) while the checkpoint moves past it.
 */
export class BatchApplier {
  constructor(private readonly deps: BatchApplierDeps) {}

  /** Applies `events` (all after `fence.position`) and moves the checkpoint to `target`. */
  async apply(
    slot: SlotRef,
    fence: CheckpointFence,
    events: readonly RecordedEvent[],
    target: number,
    signal: AbortSignal,
  ): Promise<ApplyOutcome> {
    try {
      await this.#applyAll(slot, fence, events, target);
      const lastEventAt = events.at(-1)?.metadata.recordedAt;
      return { position: target, applied: events.length, parked: 0, lastEventAt, complete: true };
    } catch (error) {
      if (!(error instanceof HandlerError)) throw error;
      this.deps.logger.warn(
        { projection: slot.name, slot: slot.slot, ...errorFields(error) },
        "projection batch failed; applying its events one by one",
      );
    }
    const partial = await this.#applyOneByOne(slot, fence, events, target);
    if (partial.failure === undefined) return { ...partial, parked: 0, complete: true };
    const after = { position: partial.position, version: fence.version };
    return this.#retryOrPark(slot, after, partial, partial.failure, signal);
  }

  async #applyAll(
    slot: SlotRef,
    fence: CheckpointFence,
    events: readonly RecordedEvent[],
    target: number,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      // No fence check before the handler: `advanceCheckpoint` checks the same fence under the
      // same lock, and a moved checkpoint rolls the handler's writes back with it. One round
      // trip less per batch.
      await lockSlot(tx, slot.name, slot.slot);
      const ctx = projectionContext(tx, slot.schema);
      await applyBatch(this.deps.projection, events, ctx);
      const lastEventAt = events.at(-1)?.metadata.recordedAt;
      const advance = { position: target, applied: events.length, lastEventAt };
      await advanceCheckpoint(tx, slot, fence, advance);
    });
  }

  async #applyOneByOne(
    slot: SlotRef,
    fence: CheckpointFence,
    events: readonly RecordedEvent[],
    target: number,
  ): Promise<OneByOne> {
    const trx = await this.deps.db.startTransaction().execute();
    try {
      await lockCheckpoint(trx, slot, fence);
      const ctx = projectionContext(trx, slot.schema);
      const applied: RecordedEvent[] = [];
      let failure: HandlerError | undefined;
      for (const event of events) {
        const savepoint = await trx.savepoint("event").execute();
        try {
          await applyEvent(this.deps.projection, event, ctx);
        } catch (error) {
          if (!(error instanceof HandlerError)) throw error;
          await savepoint.rollbackToSavepoint("event").execute();
          failure = error;
          break;
        }
        await savepoint.releaseSavepoint("event").execute();
        applied.push(event);
      }
      const lastEventAt = applied.at(-1)?.metadata.recordedAt;
      const position =
        failure === undefined ? target : (applied.at(-1)?.globalPosition ?? fence.position);
      if (position !== fence.position) {
        const advance = { position, applied: applied.length, lastEventAt };
        await advanceCheckpoint(trx, slot, fence, advance);
      }
      await trx.commit().execute();
      return { position, applied: applied.length, lastEventAt, failure };
    } catch (error) {
      await trx.rollback().execute().catch(ignore);
      throw error;
    }
  }

  async #retryOrPark(
    slot: SlotRef,
    fence: CheckpointFence,
    before: OneByOne,
    failure: HandlerError,
    signal: AbortSignal,
  ): Promise<ApplyOutcome> {
    const { event } = failure;
    const { attempts } = this.deps.retry;
    const transient = this.deps.projection.isTransient ?? (() => false);
    const stopped = { ...before, parked: 0, complete: false };
    let lastError: unknown = failure.cause;
    for (let attempt = 2; attempt <= attempts || transient(lastError); attempt += 1) {
      this.#logFailure(slot, event, lastError, attempt - 1, "retrying");
      const policy = transient(lastError)
        ? (this.deps.stall ?? DEFAULT_STALL_BACKOFF)
        : this.deps.retry;
      await abortableDelay(backoffDelay(policy, attempt - 1), signal);
      if (signal.aborted) return stopped;
      try {
        await this.#applyAll(slot, fence, [event], event.globalPosition);
        const lastEventAt = event.metadata.recordedAt;
        const position = event.globalPosition;
        return { position, applied: before.applied + 1, parked: 0, lastEventAt, complete: false };
      } catch (error) {
        if (!(error instanceof HandlerError)) throw error;
        lastError = error.cause;
      }
    }
    await this.#park(slot, fence, event, lastError, attempts);
    return { ...before, position: event.globalPosition, parked: 1, complete: false };
  }

  async #park(
    slot: SlotRef,
    fence: CheckpointFence,
    event: RecordedEvent,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      await lockCheckpoint(tx, slot, fence);
      await parkEvent(tx, slot, event, errorText(error), attempts);
      const advance = { position: event.globalPosition, applied: 0, lastEventAt: undefined };
      await advanceCheckpoint(tx, slot, fence, advance);
    });
    this.#logFailure(slot, event, error, attempts, "parked");
  }

  #logFailure(
    slot: SlotRef,
    event: RecordedEvent,
    error: unknown,
    attempts: number,
    outcome: "retrying" | "parked",
  ): void {
    this.deps.logger.warn(
      {
        projection: slot.name,
        slot: slot.slot,
        position: event.globalPosition,
        eventId: event.eventId,
        type: event.type,
        attempts,
        ...errorFields(error),
      },
      outcome === "parked" ? "projection event parked" : "projection event failed; retrying",
    );
  }
}
