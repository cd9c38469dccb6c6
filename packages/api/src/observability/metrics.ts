import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * The API's Prometheus metrics, in a registry of its own (so several servers in one process,
 * as in tests, do not collide). Served at `GET /metrics`.
 *
 * @example
 * ```ts
 * const metrics = new ApiMetrics();
 * metrics.commandHandled("claim", "AssignAdjuster", "applied");
 * await metrics.registry.metrics(); // Prometheus text format
 * ```
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly #requests: Histogram<"method" | "route" | "status">;
  readonly #commands: Counter<"aggregate" | "type" | "outcome">;

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: "claimstream_" });
    this.#requests = new Histogram({
      name: "claimstream_http_request_duration_seconds",
      help: "HTTP request duration by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.#commands = new Counter({
      name: "claimstream_commands_total",
      help: "Commands handled, by aggregate, command type and outcome (applied or the rejection code)",
      labelNames: ["aggregate", "type", "outcome"],
      registers: [this.registry],
    });
  }

  readonly #others: Registry[] = [];

  /** Serves another component's metrics too (e.g. the projection runtime's gauges). */
  include(registry: Registry): void {
    this.#others.push(registry);
  }

  /** Every metric, the included registries' too, in the Prometheus text format. */
  render(): Promise<string> {
    return this.#others.length === 0
      ? this.registry.metrics()
      : Registry.merge([this.registry, ...this.#others]).metrics();
  }

  /**
   * Reports `claimstream_calendar_table_days_left{jurisdiction}`: days until each holiday
   * table ends (negative once past), read at each scrape, so an alert can fire 60 days ahead.
   */
  trackCalendars(daysLeft: () => Readonly<Record<string, number>>): void {
    new Gauge({
      name: "claimstream_calendar_table_days_left",
      help: "Days until the jurisdiction's holiday table ends (negative: past it, deadlines provisional)",
      labelNames: ["jurisdiction"],
      registers: [this.registry],
      collect() {
        for (const [jurisdiction, days] of Object.entries(daysLeft()))
          this.set({ jurisdiction }, days);
      },
    });
  }

  /** Records one HTTP request. */
  requestServed(method: string, route: string, status: number, seconds: number): void {
    this.#requests.observe({ method, route, status: String(status) }, seconds);
  }

  /** Records one command and how it ended. */
  commandHandled(aggregate: string, type: string, outcome: string): void {
    this.#commands.inc({ aggregate, type, outcome });
  }
}
