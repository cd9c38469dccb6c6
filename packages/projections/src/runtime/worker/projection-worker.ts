import type { ChangeNotifier, EventStore } from "@claimstream/eventstore";
import type { Kysely } from "kysely";
import type { ProjectionsDatabase } from "../checkpoints/bookkeeping-tables.js";
import {
  type Checkpoint,
  CheckpointMovedError,
  loadCheckpoint,
  type SlotRef,
  writeCheckpointStatus,
} from "../checkpoints/checkpoint-store.js";
import type { LeaseConnection } from "../lease/lease-connection.js";
import { countParkedEvents, listParkedEvents } from "../parking/parked-event-store.js";
import { replayParkedEvent } from "../parking/parked-replay.js";
import { backoffDelay } from "../parking/retry-policy.js";
import { type AnyProjection, projectionSchema } from "../projection.js";
import { errorFields, errorText } from "../projection-logger.js";
import type { ProjectionState, ProjectionStatus } from "../projection-status.js";
import { BlueGreenRebuild, type RebuildReason } from "../rebuild/blue-green-rebuild.js";
import { NewerVersionError, prepareLiveSlot } from "../rebuild/live-slot-setup.js";
import { batchSizeFor, type RuntimeSettings } from "../runtime-settings.js";
import { abortableDelay } from "./abortable-delay.js";
import { BatchApplier } from "./batch-applier.js";
import { LagTracker } from "./lag-tracker.js";
import { type SlotProgress, SlotRunner } from "./slot-runner.js";

/** What a {@link ProjectionWorker} needs. */
export interface WorkerDeps {
  readonly projection: AnyProjection;
  readonly db: Kysely<ProjectionsDatabase>;
  readonly store: EventStore;
  readonly lease: LeaseConnection;
  readonly changes: ChangeNotifier;
  readonly settings: RuntimeSettings;
}

/** How long to wait before the next turn, and whether new events cut the wait short. */
interface Pause {
  readonly ms: number;
  readonly wakeOnChange: boolean;
}

const NO_PAUSE: Pause = { ms: 0, wakeOnChange: false };

/**
 * Runs one projection in this process: takes its lease (or stands by), prepares its schema,
 * then loops: serve control requests, apply one batch of the live slot, one of a rebuild in
 * progress, and wait for new events when caught up.
 */
export class ProjectionWorker {
  readonly #applier: BatchApplier;
  readonly #lag: LagTracker;
  readonly #stopping = new AbortController();
  readonly #liveRef: SlotRef;
  #live: SlotRunner | undefined;
  #rebuild: BlueGreenRebuild | undefined;
  #observed: SlotProgress | undefined;
  #state: ProjectionState = "stopped";
  #writtenState: string | undefined;
  #head = 0;
  #parked = 0;
  #failures = 0;
  #lastError: string | undefined;
  #controlPending = true;
  #controlCheckedAt = 0;
  #progressLoggedAt = 0;
  #loop: Promise<void> | undefined;

  constructor(private readonly deps: WorkerDeps) {
    const { projection, settings, store } = deps;
    this.#liveRef = {
      name: projection.name,
      slot: "live",
      schema: projectionSchema(projection.name),
    };
    this.#applier = new BatchApplier({
      ...deps,
      retry: settings.poisonRetry,
      stall: settings.stallBackoff,
      logger: settings.logger,
    });
    this.#lag = new LagTracker({ store, eventTypes: projection.eventTypes, ...settings });
  }

  get name(): string {
    return this.deps.projection.name;
  }

  /** Starts the loop; resolves once the first turn (lease attempt, first batch) is done. */
  start(): Promise<void> {
    return new Promise((firstTurnDone) => {
      this.#loop = this.#run(firstTurnDone);
    });
  }

  /** Stops after the batch in progress, writes `stopped`, and gives the lease back. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#loop;
    const { db, lease } = this.deps;
    if (lease.holds(this.name)) {
      await writeCheckpointStatus(db, this.name, "live", "stopped").catch(() => undefined);
      await lease.release(this.name);
    }
    this.#deactivate();
    this.#state = "stopped";
  }

  /** A control request (rebuild, replay) may be waiting: look at the next turn. */
  requestControlCheck(): void {
    this.#controlPending = true;
  }

  status(): ProjectionStatus {
    const progress = this.#live?.progress ?? this.#observed;
    const position = progress?.position ?? 0;
    return {
      name: this.name,
      version: progress?.version ?? this.deps.projection.version,
      state: this.#state,
      leaseHeld: this.#live !== undefined && this.deps.lease.holds(this.name),
      position,
      head: Math.max(this.#head, position),
      ...this.#lag.snapshot(),
      parked: this.#parked,
      lastEventAt: progress?.lastEventAt,
      lastError: this.#lastError,
      rebuild: this.#rebuild?.progress(),
    };
  }

  async #run(firstTurnDone: () => void): Promise<void> {
    const signal = this.#stopping.signal;
    const { changes, settings } = this.deps;
    let first = true;
    while (!signal.aborted) {
      const seen = changes.version;
      const pause = await this.#turn(signal);
      if (first) firstTurnDone();
      first = false;
      if (pause.wakeOnChange) {
        await changes.waitForChange(seen, pause.ms, signal);
        if (changes.version !== seen) await abortableDelay(settings.lingerMs, signal);
      } else {
        await abortableDelay(pause.ms, signal);
      }
    }
    if (first) firstTurnDone();
  }

  async #turn(signal: AbortSignal): Promise<Pause> {
    const { leasePollMs, pollIntervalMs } = this.deps.settings;
    try {
      if (!(await this.#ensureActive())) return { ms: leasePollMs, wakeOnChange: false };
      const idle = await this.#iteration(signal);
      this.#failures = 0;
      this.#lastError = undefined;
      return idle ? { ms: pollIntervalMs, wakeOnChange: true } : NO_PAUSE;
    } catch (error) {
      return this.#onFailure(error, signal);
    }
  }

  async #ensureActive(): Promise<boolean> {
    const { lease, settings } = this.deps;
    if (!lease.holds(this.name)) {
      this.#deactivate();
      if (!(await lease.tryAcquire(this.name))) {
        await this.#observeStandby();
        return false;
      }
      settings.logger.info({ projection: this.name }, "projection lease acquired");
    }
    if (this.#live === undefined) await this.#takeOver();
    return true;
  }

  async #takeOver(): Promise<void> {
    const { db, projection } = this.deps;
    const prepared = await prepareLiveSlot(db, projection);
    const rebuild = prepared.rebuild && (await this.#startRebuild(prepared.rebuild));
    this.#parked = await countParkedEvents(db, this.name);
    this.#useLive(prepared.checkpoint);
    this.#rebuild = rebuild;
    this.#controlPending = true;
  }

  async #iteration(signal: AbortSignal): Promise<boolean> {
    await this.#serveControl();
    const live = this.#live as SlotRunner;
    let caughtUp = true;
    if (live.progress.version === this.deps.projection.version) {
      const result = await live.cycle(signal);
      caughtUp = result.caughtUp;
      this.#head = result.head;
      this.#parked += result.parked;
      await this.#lag.afterCycle(result, live.progress);
    } else {
      this.#lag.stalled();
    }
    if (this.#rebuild !== undefined) await this.#stepRebuild(this.#rebuild, live, signal);
    const state = this.#rebuild !== undefined ? "rebuilding" : caughtUp ? "running" : "catching_up";
    await this.#enterState(state);
    return caughtUp && this.#rebuild === undefined;
  }

  async #serveControl(): Promise<void> {
    const now = Date.now();
    if (!this.#controlPending && now - this.#controlCheckedAt < this.deps.settings.pollIntervalMs) {
      return;
    }
    this.#controlPending = false;
    this.#controlCheckedAt = now;
    const { db, store, projection, settings } = this.deps;
    const live = await loadCheckpoint(db, this.name, "live");
    if (live?.rebuildRequestedAt !== undefined && this.#rebuild === undefined) {
      this.#rebuild = await this.#startRebuild("requested");
    }
    const requested = await listParkedEvents(db, this.name, { replayRequested: true });
    for (const parked of requested) {
      await replayParkedEvent({ db, store, projection, logger: settings.logger }, parked);
    }
    if (requested.length > 0) this.#parked = await countParkedEvents(db, this.name);
  }

  #startRebuild(reason: RebuildReason): Promise<BlueGreenRebuild> {
    const { db, store, projection, settings } = this.deps;
    const batchSize = batchSizeFor(projection, settings);
    const deps = { db, store, projection, ...settings, batchSize, retry: settings.poisonRetry };
    return BlueGreenRebuild.begin(deps, reason);
  }

  async #stepRebuild(rebuild: BlueGreenRebuild, live: SlotRunner, signal: AbortSignal) {
    const { logger } = this.deps.settings;
    const swapped = await rebuild.step(live.progress, signal);
    const progress = rebuild.peekProgress();
    if (!swapped) {
      if (Date.now() - this.#progressLoggedAt >= 2000) {
        this.#progressLoggedAt = Date.now();
        logger.info({ projection: this.name, ...progress }, "projection rebuild progress");
      }
      return;
    }
    logger.info({ projection: this.name, ...progress }, "projection rebuild swapped in");
    this.#rebuild = undefined;
    this.#useLive(await this.#loadLive());
    this.#parked = await countParkedEvents(this.deps.db, this.name);
  }

  async #onFailure(error: unknown, signal: AbortSignal): Promise<Pause> {
    if (signal.aborted) return NO_PAUSE;
    const { lease, settings } = this.deps;
    this.#failures += 1;
    const delay = { ms: backoffDelay(settings.stallBackoff, this.#failures), wakeOnChange: false };
    if (error instanceof CheckpointMovedError) {
      settings.logger.warn({ projection: this.name, ...errorFields(error) }, "projection reloads");
      this.#deactivate();
      return this.#failures === 1 ? NO_PAUSE : delay;
    }
    this.#lastError = errorText(error);
    this.#lag.stalled();
    const fields = { projection: this.name, failures: this.#failures, ...errorFields(error) };
    settings.logger.error(fields, "projection worker stalled");
    await this.#enterState("stalled");
    if (error instanceof NewerVersionError) {
      await lease.release(this.name);
      this.#deactivate();
    }
    return delay;
  }

  async #observeStandby(): Promise<void> {
    this.#state = "standby";
    const { db, store } = this.deps;
    const live = await loadCheckpoint(db, this.name, "live");
    this.#observed = live && { ...live };
    this.#parked = await countParkedEvents(db, this.name);
    this.#head = await store.headPosition();
  }

  async #enterState(state: ProjectionState): Promise<void> {
    this.#state = state;
    if (this.#writtenState === state || !this.deps.lease.holds(this.name)) return;
    try {
      await writeCheckpointStatus(this.deps.db, this.name, "live", state);
      this.#writtenState = state;
    } catch {
      // Informational only, and the database may be what is failing.
    }
  }

  async #loadLive(): Promise<Checkpoint> {
    const live = await loadCheckpoint(this.deps.db, this.name, "live");
    if (live === undefined) throw new Error(`Checkpoint of ${this.name} vanished`);
    return live;
  }

  #useLive(checkpoint: Checkpoint): void {
    const { store, projection, settings } = this.deps;
    this.#live = new SlotRunner(this.#liveRef, checkpoint, {
      store,
      applier: this.#applier,
      batchSize: batchSizeFor(projection, settings),
      eventTypes: projection.eventTypes,
    });
  }

  #deactivate(): void {
    this.#live = undefined;
    this.#rebuild = undefined;
    this.#writtenState = undefined;
    this.#lag.reset();
  }
}
