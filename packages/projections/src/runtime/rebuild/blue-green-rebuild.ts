import type { EventStore } from "@claimstream/eventstore";
import type { Kysely } from "kysely";
import type { ProjectionsDatabase } from "../checkpoints/bookkeeping-tables.js";
import {
  type CheckpointFence,
  deleteCheckpoint,
  insertCheckpoint,
  loadCheckpoint,
  type SlotRef,
} from "../checkpoints/checkpoint-store.js";
import {
  recreateSchema,
  schemaExists,
  swapRebuiltSchema,
} from "../checkpoints/read-model-schema.js";
import { deleteParkedEvents } from "../parking/parked-event-store.js";
import type { RetryPolicy } from "../parking/retry-policy.js";
import type { AnyProjection } from "../projection.js";
import type { ProjectionLogger } from "../projection-logger.js";
import { rebuildSchema } from "../projection-names.js";
import { BatchApplier } from "../worker/batch-applier.js";
import { SlotRunner } from "../worker/slot-runner.js";
import { PendingEventCount } from "./pending-event-count.js";

/** Why a rebuild runs: asked for (API, CLI), or the projection's `version` changed. */
export type RebuildReason = "requested" | "version_changed";

/** Where a rebuild stands. */
export interface RebuildProgress {
  readonly reason: RebuildReason;
  /** The version being built. */
  readonly version: number;
  readonly startedAt: string;
  /** The rebuild's checkpoint. */
  readonly position: number;
  /** The store's head when last read. */
  readonly head: number;
  /** Events applied into the new tables so far. */
  readonly eventsApplied: number;
  /**
   * Events still to apply, counted up to the runtime's `lagCountLimit` when a status was read
   * since the last count (estimated in between); `undefined` until first counted.
   */
  readonly eventsRemaining: number | undefined;
}

/** What a {@link BlueGreenRebuild} needs. */
export interface RebuildDeps {
  readonly db: Kysely<ProjectionsDatabase>;
  readonly store: EventStore;
  readonly projection: AnyProjection;
  readonly batchSize: number;
  readonly retry: RetryPolicy;
  readonly logger: ProjectionLogger;
  readonly lagCountLimit: number;
  readonly lagRefreshMs: number;
}

/**
 * A blue/green rebuild: builds the projection from position 0 into `rm_<name>__next` (its own
 * checkpoint slot, `next`) while the live tables keep serving, then swaps it in. An
 * interrupted rebuild resumes from its checkpoint when its version still matches.
 */
export class BlueGreenRebuild {
  #head = 0;
  readonly #remaining: PendingEventCount;

  private constructor(
    private readonly deps: RebuildDeps,
    private readonly runner: SlotRunner,
    readonly reason: RebuildReason,
    readonly startedAt: string,
  ) {
    this.#remaining = new PendingEventCount({ ...deps, eventTypes: deps.projection.eventTypes });
  }

  /** Prepares (or resumes) the rebuild's schema and checkpoint. */
  static async begin(deps: RebuildDeps, reason: RebuildReason): Promise<BlueGreenRebuild> {
    const { db, projection } = deps;
    const ref: SlotRef = {
      name: projection.name,
      slot: "next",
      schema: rebuildSchema(projection.name),
    };
    let checkpoint = await loadCheckpoint(db, ref.name, "next");
    const resumable =
      checkpoint?.version === projection.version && (await schemaExists(db, ref.schema));
    if (!resumable) {
      await deleteCheckpoint(db, ref.name, "next");
      await deleteParkedEvents(db, ref.name, "next");
      await recreateSchema(db, ref.schema);
      await projection.migrate(db as Kysely<unknown>, ref.schema);
      await insertCheckpoint(db, ref, projection, "rebuilding");
      checkpoint = await loadCheckpoint(db, ref.name, "next");
    }
    if (checkpoint === undefined) throw new Error(`Rebuild checkpoint of ${ref.name} vanished`);
    const applier = new BatchApplier(deps);
    const runner = new SlotRunner(ref, checkpoint, {
      store: deps.store,
      applier,
      batchSize: deps.batchSize,
      eventTypes: projection.eventTypes,
    });
    deps.logger.info(
      { projection: ref.name, reason, version: projection.version, resumedAt: checkpoint.position },
      "projection rebuild started",
    );
    return new BlueGreenRebuild(deps, runner, reason, new Date().toISOString());
  }

  /** Where the rebuild stands, for a status: reading it asks for a fresh count of what remains. */
  progress(): RebuildProgress {
    return this.#progress(this.#remaining.ask());
  }

  /** Where the rebuild stands, for a log line: the remaining events as last known. */
  peekProgress(): RebuildProgress {
    return this.#progress(this.#remaining.value);
  }

  #progress(eventsRemaining: number | undefined): RebuildProgress {
    const { position, eventsApplied } = this.runner.progress;
    return {
      reason: this.reason,
      version: this.deps.projection.version,
      startedAt: this.startedAt,
      position,
      head: Math.max(this.#head, position),
      eventsApplied,
      eventsRemaining,
    };
  }

  /**
   * Applies one batch into the new tables; once they are caught up and at least as far as the
   * live ones, swaps them in. Returns whether the swap happened.
   */
  async step(live: CheckpointFence, signal: AbortSignal): Promise<boolean> {
    const result = await this.runner.cycle(signal);
    this.#head = result.head;
    const { position } = this.runner.progress;
    if (result.caughtUp) this.#remaining.caughtUp();
    else await this.#remaining.behind(position, result.applied);
    if (!result.caughtUp || position < live.position) return false;
    await swapRebuiltSchema(this.deps.db, this.deps.projection.name, live, this.runner.progress);
    return true;
  }
}
