import type { EventStore } from "@claimstream/eventstore";
import type { Kysely } from "kysely";
import type pg from "pg";
import type { Logger } from "pino";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import type { CalendarRegistry } from "../calendars/calendar-registry.js";
import type { Clock } from "../clock.js";
import type { CommandService } from "../commands/command-service.js";
import type { IntegrationConfig } from "../integration-config.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import { DeadlineScheduler } from "../scheduler/deadline-scheduler.js";
import { DeliveryLedger } from "../webhooks/delivery-ledger.js";
import { WebhookDispatcher } from "../webhooks/webhook-dispatcher.js";
import { AdvisoryLease } from "./advisory-lease.js";
import { LeasedLoop } from "./leased-loop.js";

/** What {@link IntegrationWorkers} needs (the composition root's PostgreSQL and services). */
export interface IntegrationWorkersDependencies {
  readonly pool: pg.Pool;
  readonly readModels: Kysely<unknown>;
  readonly store: EventStore;
  readonly reader: AggregateReader;
  readonly commands: CommandService;
  readonly aggregates: AggregateRegistry;
  readonly calendars: CalendarRegistry;
  readonly clock: Clock;
  readonly config: IntegrationConfig;
  readonly logger: Logger;
}

/** The advisory-lock keys: one active webhook sender and one active scheduler per database. */
export const WORKER_LEASES = {
  webhooks: "claimstream.worker:webhook-dispatcher",
  deadlines: "claimstream.worker:deadline-scheduler",
} as const;

/**
 * The background workers of the integrations: the webhook dispatcher and the deadline
 * scheduler, each a {@link LeasedLoop} with its own lease, so any number of API processes may run
 * them and exactly one of each is active. `npm start` starts them after the projections.
 *
 * @example
 * ```ts
 * const workers = application.get(TOKENS.integrationWorkers);
 * workers?.start();
 * await workers?.stop();
 * ```
 */
export class IntegrationWorkers {
  readonly dispatcher: WebhookDispatcher;
  readonly scheduler: DeadlineScheduler;
  readonly #loops: readonly LeasedLoop[];
  readonly #dispatchLoop: LeasedLoop;
  readonly #scheduleLoop: LeasedLoop;

  constructor(deps: IntegrationWorkersDependencies) {
    const logger = deps.logger.child({ component: "integrations" });
    this.dispatcher = new WebhookDispatcher({
      ledger: new DeliveryLedger(deps.readModels),
      store: deps.store,
      settings: deps.config.webhooks,
      logger,
    });
    this.scheduler = new DeadlineScheduler({
      readModels: deps.readModels,
      reader: deps.reader,
      commands: deps.commands,
      aggregates: deps.aggregates,
      clock: deps.clock,
      atRiskFraction: deps.config.deadlines.sla.atRiskFraction,
      calendars: deps.calendars,
      logger,
    });
    this.#dispatchLoop = new LeasedLoop({
      name: "webhook-dispatcher",
      lease: new AdvisoryLease(deps.pool, WORKER_LEASES.webhooks, logger),
      intervalMs: deps.config.webhooks.pollMs,
      tick: () => this.dispatcher.dispatch(),
      logger,
    });
    this.#scheduleLoop = new LeasedLoop({
      name: "deadline-scheduler",
      lease: new AdvisoryLease(deps.pool, WORKER_LEASES.deadlines, logger),
      intervalMs: deps.config.deadlines.scanMs,
      tick: async () => void (await this.scheduler.evaluate()),
      logger,
    });
    this.#loops = [this.#dispatchLoop, this.#scheduleLoop];
  }

  /** Starts both loops (each waits for its lease). */
  start(): void {
    for (const loop of this.#loops) loop.start();
  }

  /** One dispatcher round now, then waits for its deliveries (tests, operators). */
  async dispatchNow(): Promise<void> {
    await this.#dispatchLoop.runOnce();
    await this.dispatcher.settle();
  }

  /** One scheduler round now. */
  async evaluateDeadlinesNow(): Promise<void> {
    await this.#scheduleLoop.runOnce();
  }

  /** Stops both loops, lets deliveries in flight finish, releases the leases. */
  async stop(): Promise<void> {
    await Promise.all(this.#loops.map((loop) => loop.stop()));
    await this.dispatcher.settle();
  }
}
