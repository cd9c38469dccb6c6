import { Gauge, type Registry } from "prom-client";
import { PROJECTION_STATES, type ProjectionStatus } from "./projection-status.js";

/** Names of the gauges {@link registerProjectionMetrics} registers. */
export const PROJECTION_METRICS = {
  position: "claimstream_projection_position",
  lagEvents: "claimstream_projection_lag_events",
  lagSeconds: "claimstream_projection_lag_seconds",
  parkedEvents: "claimstream_projection_parked_events",
  state: "claimstream_projection_state",
} as const;

type Reading = (status: ProjectionStatus) => number | undefined;

const statusGauge = (
  registry: Registry,
  name: string,
  help: string,
  statuses: () => readonly ProjectionStatus[],
  read: Reading,
): void => {
  new Gauge({
    name,
    help,
    labelNames: ["projection"],
    registers: [registry],
    collect() {
      this.reset();
      for (const status of statuses()) {
        const value = read(status);
        if (value !== undefined) this.set({ projection: status.name }, value);
      }
    },
  });
};

/**
 * Registers the projection gauges, read from `statuses` at every scrape. Lag gauges are only
 * exported by the process holding a projection's lease (standby workers leave them out), so
 * `max by (projection)` across instances gives the truth.
 *
 * @example
 * ```ts
 * const registry = new Registry();
 * registerProjectionMetrics(registry, () => runtime.status());
 * app.get("/metrics", async () => registry.metrics());
 * ```
 */
export const registerProjectionMetrics = (
  registry: Registry,
  statuses: () => readonly ProjectionStatus[],
): void => {
  statusGauge(
    registry,
    PROJECTION_METRICS.position,
    "Global position of the last event applied to the projection's live tables.",
    statuses,
    (status) => status.position,
  );
  statusGauge(
    registry,
    PROJECTION_METRICS.lagEvents,
    "Events the projection's live tables still miss (counted up to a limit).",
    statuses,
    (status) => status.lagEvents,
  );
  statusGauge(
    registry,
    PROJECTION_METRICS.lagSeconds,
    "How long the oldest event the projection's live tables miss has been waiting.",
    statuses,
    (status) => (status.lagMs === undefined ? undefined : status.lagMs / 1000),
  );
  statusGauge(
    registry,
    PROJECTION_METRICS.parkedEvents,
    "Events the projection failed to apply and parked.",
    statuses,
    (status) => status.parked,
  );
  new Gauge({
    name: PROJECTION_METRICS.state,
    help: `1 for the projection's current state (${PROJECTION_STATES.join(", ")}), 0 otherwise.`,
    labelNames: ["projection", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const status of statuses()) {
        for (const state of PROJECTION_STATES) {
          this.set({ projection: status.name, state }, status.state === state ? 1 : 0);
        }
      }
    },
  });
};
