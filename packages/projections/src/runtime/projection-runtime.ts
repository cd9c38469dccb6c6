import type { EventStore } from "@claimstream/eventstore";
import { ChangeNotifier } from "@claimstream/eventstore";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { Registry } from "prom-client";
import { migrateProjectionBookkeeping } from "./checkpoints/bookkeeping-migrations.js";
import type { ProjectionsDatabase } from "./checkpoints/bookkeeping-tables.js";
import { loadCheckpoints } from "./checkpoints/checkpoint-store.js";
import { LeaseConnection } from "./lease/lease-connection.js";
import type { ParkedEvent } from "./parking/parked-event-store.js";
import type { AnyProjection } from "./projection.js";
import {
  ProjectionAdmin,
  type RebuildReport,
  type ReplayReport,
  type WaitOptions,
} from "./projection-admin.js";
import { errorFields, type ProjectionLogger, silentProjectionLogger } from "./projection-logger.js";
import { registerProjectionMetrics } from "./projection-metrics.js";
import { assertProjectionName, assertUniqueNames } from "./projection-names.js";
import type { ProjectionStatus } from "./projection-status.js";
import {
  type RuntimeSettings,
  type RuntimeTuning,
  resolveRuntimeSettings,
} from "./runtime-settings.js";
import { ProjectionWorker } from "./worker/projection-worker.js";
import { type StoreWakeup, startStoreWakeup } from "./worker/store-wakeup.js";

/** Options of a {@link ProjectionRuntime}. Give `connectionString` or `pool`. */
export interface ProjectionRuntimeOptions extends RuntimeTuning {
  /** Where events come from. */
  readonly store: EventStore;
  /** The projections this process runs (each at most once per runtime). */
  readonly projections: readonly AnyProjection[];
  /** The read-model database (may be the event store's). */
  readonly connectionString?: string;
  /** A pool on the read-model database to share; `stop()` leaves it open. */
  readonly pool?: pg.Pool;
  /** Size of the pool created from `connectionString` (default 10; one is the lease session). */
  readonly poolSize?: number;
  /** Where the gauges go (default: a new registry, see {@link ProjectionRuntime.registry}). */
  readonly registry?: Registry;
  /** Default: silent. */
  readonly logger?: ProjectionLogger;
}

/**
 * Runs projections: per projection a lease (one active worker across processes), batches
 * applied from the checkpoint with the checkpoint in the same transaction, a live tail after
 * catch-up, poison events retried then parked, blue/green rebuilds, status and metrics.
 * docs/projections-runtime.md explains how.
 *
 * @example
 * ```ts
 * const store = await PostgresEventStore.connect({ connectionString });
 * const runtime = new ProjectionRuntime({ store, connectionString, projections: [claimsList] });
 * await runtime.start();
 * console.log(runtime.status());
 * await runtime.rebuild("claims_list", { onProgress: (p) => console.log(p.eventsApplied) });
 * await runtime.stop();
 * ```
 */
export class ProjectionRuntime {
  /** The registry holding the `claimstream_projection_*` gauges. */
  readonly registry: Registry;
  /** Status, requests and waits through the bookkeeping tables. */
  readonly admin: ProjectionAdmin;
  readonly #settings: RuntimeSettings;
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #db: Kysely<ProjectionsDatabase>;
  /** Per projection: what wakes its worker. */
  readonly #signals = new Map<string, ChangeNotifier>();
  readonly #workers = new Map<string, ProjectionWorker>();
  readonly #lease: LeaseConnection;
  #wakeup: StoreWakeup | undefined;
  #phase: "new" | "running" | "stopped" = "new";

  constructor(private readonly options: ProjectionRuntimeOptions) {
    for (const projection of options.projections) assertProjectionName(projection.name);
    assertUniqueNames(options.projections.map((projection) => projection.name));
    const logger = options.logger ?? silentProjectionLogger;
    this.#settings = resolveRuntimeSettings(options, logger);
    if (options.pool === undefined && options.connectionString === undefined) {
      throw new Error("ProjectionRuntime needs a connectionString or a pool");
    }
    this.#ownsPool = options.pool === undefined;
    this.#pool =
      options.pool ??
      new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    if (this.#ownsPool) {
      this.#pool.on("error", (error) => logger.warn(errorFields(error), "idle connection failed"));
    }
    this.#db = new Kysely<ProjectionsDatabase>({
      dialect: new PostgresDialect({ pool: this.#pool }),
    });
    this.admin = new ProjectionAdmin(this.#db, options.store, this.#settings);
    this.#lease = new LeaseConnection(
      this.#pool,
      {
        onControl: (name) => {
          this.#workers.get(name)?.requestControlCheck();
          this.#signals.get(name)?.notify();
        },
        onLost: () => this.#wakeAll(),
      },
      { heartbeatMs: this.#settings.leaseHeartbeatMs, logger },
    );
    for (const projection of options.projections) {
      const deps = { projection, db: this.#db, store: options.store, lease: this.#lease };
      const worker = new ProjectionWorker({
        ...deps,
        changes: this.#signal(projection.name),
        settings: this.#settings,
      });
      this.#workers.set(projection.name, worker);
    }
    this.registry = options.registry ?? new Registry();
    registerProjectionMetrics(this.registry, () => this.status());
  }

  /**
   * Creates the bookkeeping tables, starts the live tail and one worker per projection.
   * Resolves once every worker took its lease (and applied a first batch) or stands by.
   */
  async start(): Promise<void> {
    if (this.#phase !== "new") throw new Error(`The projection runtime is ${this.#phase}`);
    this.#phase = "running";
    await migrateProjectionBookkeeping(this.#db as Kysely<unknown>);
    const { store, projections } = this.options;
    const eventTypes = [...new Set(projections.flatMap((projection) => projection.eventTypes))];
    const wakeUp = this.#wakeUpByType();
    this.#wakeup = startStoreWakeup(store, eventTypes, wakeUp, {
      logger: this.#settings.logger,
      restartDelayMs: this.#settings.pollIntervalMs,
    });
    await Promise.all([...this.#workers.values()].map((worker) => worker.start()));
    this.#settings.logger.info({ projections: [...this.#workers.keys()] }, "projections started");
  }

  /** Lets each worker finish its batch, releases the leases and closes what it opened. */
  async stop(): Promise<void> {
    if (this.#phase === "stopped") return;
    const wasRunning = this.#phase === "running";
    this.#phase = "stopped";
    if (wasRunning) {
      await Promise.all([...this.#workers.values()].map((worker) => worker.stop()));
      await this.#wakeup?.stop();
    }
    await this.#lease.close();
    if (this.#ownsPool) await this.#db.destroy();
    this.#settings.logger.info({}, "projections stopped");
  }

  /** Each projection's status as this process sees it (lag only where it holds the lease). */
  status(): ProjectionStatus[] {
    return [...this.#workers.values()].map((worker) => worker.status());
  }

  /**
   * Rebuilds a projection blue/green: fresh tables from position 0 while the live ones keep
   * serving and updating, then an atomic swap. The worker holding the projection's lease
   * (this process or another) does it; this resolves once the swap is done.
   */
  async rebuild(name: string, options: WaitOptions = {}): Promise<RebuildReport> {
    const worker = this.#worker(name);
    const requestedAt = await this.admin.requestRebuild(name);
    worker.requestControlCheck();
    this.#signal(name).notify();
    return this.admin.waitForRebuild(name, requestedAt, { pollMs: 50, ...options });
  }

  /** The projection's parked events, oldest first. */
  listParked(name: string): Promise<ParkedEvent[]> {
    this.#worker(name);
    return this.admin.listParked(name);
  }

  /**
   * Applies parked events again (all, or the one at `position`) through the worker holding the
   * lease: those that succeed leave the parked list, the others stay with their new error.
   */
  async replayParked(
    name: string,
    position?: number,
    options: WaitOptions = {},
  ): Promise<ReplayReport> {
    const worker = this.#worker(name);
    const requested = await this.admin.requestReplay(name, position);
    worker.requestControlCheck();
    this.#signal(name).notify();
    return this.admin.waitForReplay(name, requested, { pollMs: 50, ...options });
  }

  /**
   * Resolves once every projection's live checkpoint reached the store's head as of the call
   * (whichever process applies them); rejects after `timeoutMs` (default 30 s).
   */
  async waitUntilCaughtUp(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    const head = await this.options.store.headPosition();
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const live = (await loadCheckpoints(this.#db)).filter((row) => row.slot === "live");
      const behind = [...this.#workers.keys()].filter(
        (name) => (live.find((row) => row.name === name)?.position ?? -1) < head,
      );
      if (behind.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`Projections not caught up with position ${head}: ${behind.join(", ")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  #signal(name: string): ChangeNotifier {
    let signal = this.#signals.get(name);
    if (signal === undefined) {
      signal = new ChangeNotifier();
      this.#signals.set(name, signal);
    }
    return signal;
  }

  #wakeAll(): void {
    for (const signal of this.#signals.values()) signal.notify();
  }

  /** Wakes only the workers whose projection reads the new event's type. */
  #wakeUpByType(): (type: string | undefined) => void {
    const byType = new Map<string, ChangeNotifier[]>();
    for (const { name, eventTypes } of this.options.projections) {
      for (const type of eventTypes)
        byType.set(type, [...(byType.get(type) ?? []), this.#signal(name)]);
    }
    return (type) => {
      if (type === undefined) this.#wakeAll();
      else for (const signal of byType.get(type) ?? []) signal.notify();
    };
  }

  #worker(name: string): ProjectionWorker {
    const worker = this.#workers.get(name);
    if (worker === undefined) throw new Error(`This runtime does not run projection "${name}"`);
    return worker;
  }
}
