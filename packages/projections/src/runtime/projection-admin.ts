import type { EventStore } from "@claimstream/eventstore";
import { type Kysely, sql } from "kysely";
import type { ProjectionsDatabase } from "./checkpoints/bookkeeping-tables.js";
import {
  type Checkpoint,
  loadCheckpoint,
  loadCheckpoints,
} from "./checkpoints/checkpoint-store.js";
import { CONTROL_CHANNEL } from "./lease/lease-connection.js";
import { heldLeases } from "./lease/lease-holders.js";
import {
  countAllParkedEvents,
  listParkedEvents,
  markForReplay,
  type ParkedEvent,
} from "./parking/parked-event-store.js";
import type { ProjectionState, ProjectionStatus } from "./projection-status.js";
import type { RebuildProgress } from "./rebuild/blue-green-rebuild.js";
import { abortableDelay } from "./worker/abortable-delay.js";
import { countPendingEvents, readBatch } from "./worker/event-feed.js";

/** The outcome of a finished rebuild. */
export interface RebuildReport {
  readonly name: string;
  /** The version the live tables now have. */
  readonly version: number;
  readonly position: number;
  readonly eventsApplied: number;
  readonly durationMs: number;
}

/** The outcome of a replay of parked events. */
export interface ReplayReport {
  readonly name: string;
  /** Positions of the events applied (and no longer parked). */
  readonly replayed: readonly number[];
  /** Events that failed again (still parked, with the new error). */
  readonly failed: readonly { readonly position: number; readonly error: string }[];
}

/** How to wait for a worker to act on a request. */
export interface WaitOptions {
  /** Called while a rebuild runs, each time it moved. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Between looks at the database (default 200 ms). */
  readonly pollMs?: number;
  /** Stops waiting (the request stays recorded). */
  readonly signal?: AbortSignal;
}

/** The projection has no checkpoint here: no runtime ever ran it on this database. */
export class UnknownProjectionError extends Error {
  override readonly name = "UnknownProjectionError";
  constructor(name: string) {
    super(`Unknown projection "${name}": no runtime has run it on this database`);
  }
}

const never = new AbortController().signal;

/**
 * Operations on projections through their bookkeeping tables only, without their code: what
 * the CLI does, from any machine. Requests (rebuild, replay) are recorded and announced with
 * `NOTIFY`; the worker holding the projection's lease carries them out, and the `waitFor…`
 * methods follow it.
 *
 * @example
 * ```ts
 * const admin = new ProjectionAdmin(db, store);
 * const requestedAt = await admin.requestRebuild("claims_list");
 * await admin.waitForRebuild("claims_list", requestedAt, { onProgress: console.log });
 * ```
 */
export class ProjectionAdmin {
  constructor(
    private readonly db: Kysely<ProjectionsDatabase>,
    private readonly store: EventStore,
    private readonly options: { readonly lagCountLimit?: number } = {},
  ) {}

  /** Every projection's status as recorded, with lag counted against the store. */
  async status(): Promise<ProjectionStatus[]> {
    const [checkpoints, parked, held, head] = await Promise.all([
      loadCheckpoints(this.db),
      countAllParkedEvents(this.db),
      heldLeases(this.db),
      this.store.headPosition(),
    ]);
    const rebuilds = new Map(
      checkpoints.filter((row) => row.slot === "next").map((row) => [row.name, row]),
    );
    const lives = checkpoints.filter((row) => row.slot === "live");
    return Promise.all(
      lives.map((live) =>
        this.#status(live, rebuilds.get(live.name), parked.get(live.name) ?? 0, held, head),
      ),
    );
  }

  /** The projection's parked events, oldest first. */
  async listParked(name: string): Promise<ParkedEvent[]> {
    await this.#checkpoint(name);
    return listParkedEvents(this.db, name);
  }

  /** Does some process hold the projection's lease (is a worker running it)? */
  async hasActiveWorker(name: string): Promise<boolean> {
    return (await heldLeases(this.db)).has(name);
  }

  /** Records a rebuild request and wakes the workers; returns when it was recorded. */
  async requestRebuild(name: string): Promise<Date> {
    const row = await this.db
      .updateTable("projections.checkpoints")
      .set({ rebuild_requested_at: sql<Date>`clock_timestamp()` })
      .where("name", "=", name)
      .where("slot", "=", "live")
      .returning("rebuild_requested_at")
      .executeTakeFirst();
    if (row === undefined || row.rebuild_requested_at === null)
      throw new UnknownProjectionError(name);
    await this.#announce(name);
    return row.rebuild_requested_at;
  }

  /** Marks parked events (all, or the one at `position`) for replay; returns them. */
  async requestReplay(name: string, position?: number): Promise<ParkedEvent[]> {
    await this.#checkpoint(name);
    const marked = await markForReplay(this.db, name, position);
    if (marked.length > 0) await this.#announce(name);
    return marked;
  }

  /** Resolves once a rebuild finished after `requestedAt`. */
  async waitForRebuild(
    name: string,
    requestedAt: Date,
    options: WaitOptions = {},
  ): Promise<RebuildReport> {
    const started = Date.now();
    let reported = -1;
    for (;;) {
      const live = await this.#checkpoint(name);
      const done = live.lastRebuiltAt !== undefined && live.lastRebuiltAt >= requestedAt;
      if (done && live.rebuildRequestedAt === undefined) {
        const { version, position, eventsApplied } = live;
        return { name, version, position, eventsApplied, durationMs: Date.now() - started };
      }
      const next = await loadCheckpoint(this.db, name, "next");
      if (next !== undefined && next.position !== reported && options.onProgress !== undefined) {
        reported = next.position;
        options.onProgress(await this.#rebuildProgress(live, next));
      }
      await this.#pause(options);
    }
  }

  /** Resolves once the worker tried every requested replay. */
  async waitForReplay(
    name: string,
    requested: readonly ParkedEvent[],
    options: WaitOptions = {},
  ): Promise<ReplayReport> {
    for (;;) {
      const parked = new Map(
        (await listParkedEvents(this.db, name)).map((event) => [event.globalPosition, event]),
      );
      const pending = requested.some((event) => parked.get(event.globalPosition)?.replayRequested);
      if (!pending) {
        const positions = requested.map((event) => event.globalPosition);
        return {
          name,
          replayed: positions.filter((position) => !parked.has(position)),
          failed: positions.flatMap((position) => {
            const still = parked.get(position);
            return still === undefined ? [] : [{ position, error: still.error }];
          }),
        };
      }
      await this.#pause(options);
    }
  }

  async #status(
    live: Checkpoint,
    next: Checkpoint | undefined,
    parked: number,
    held: ReadonlySet<string>,
    head: number,
  ): Promise<ProjectionStatus> {
    const leaseHeld = held.has(live.name);
    const lag = await this.#lag(live, head);
    return {
      name: live.name,
      version: live.version,
      state: leaseHeld ? (live.status as ProjectionState) : "stopped",
      leaseHeld,
      position: live.position,
      head: Math.max(head, live.position),
      ...lag,
      parked,
      lastEventAt: live.lastEventAt,
      lastError: undefined,
      rebuild: next === undefined ? undefined : await this.#rebuildProgress(live, next, head),
    };
  }

  async #lag(slot: Checkpoint, head: number): Promise<{ lagEvents: number; lagMs: number }> {
    if (slot.position >= head) return { lagEvents: 0, lagMs: 0 };
    const limit = this.options.lagCountLimit ?? 10_000;
    const [oldest] = await readBatch(this.store, slot.position, 1, slot.eventTypes);
    const lagEvents = await countPendingEvents(this.store, slot.position, slot.eventTypes, limit);
    const since = oldest === undefined ? Date.now() : Date.parse(oldest.metadata.recordedAt);
    return { lagEvents, lagMs: Math.max(0, Date.now() - since) };
  }

  async #rebuildProgress(
    live: Checkpoint,
    next: Checkpoint,
    head?: number,
  ): Promise<RebuildProgress> {
    const currentHead = head ?? (await this.store.headPosition());
    const { lagEvents } = await this.#lag(next, currentHead);
    return {
      reason: live.version === next.version ? "requested" : "version_changed",
      version: next.version,
      startedAt: next.createdAt.toISOString(),
      position: next.position,
      head: Math.max(currentHead, next.position),
      eventsApplied: next.eventsApplied,
      eventsRemaining: lagEvents,
    };
  }

  async #checkpoint(name: string): Promise<Checkpoint> {
    const live = await loadCheckpoint(this.db, name, "live");
    if (live === undefined) throw new UnknownProjectionError(name);
    return live;
  }

  async #announce(name: string): Promise<void> {
    await sql`SELECT pg_notify(${CONTROL_CHANNEL}, ${name})`.execute(this.db);
  }

  async #pause(options: WaitOptions): Promise<void> {
    const signal = options.signal ?? never;
    signal.throwIfAborted();
    await abortableDelay(options.pollMs ?? 200, signal);
    signal.throwIfAborted();
  }
}
