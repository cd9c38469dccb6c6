import fp from "fastify-plugin";
import type { JsonSchema } from "../http/json-schema.js";
import { jsonResponse, problemResponses } from "../http/json-schema.js";
import { HttpProblem } from "../http/problem.js";
import type { ApiMetrics } from "../observability/metrics.js";

/** One thing `GET /ready` checks (the event store now; projections once they land). */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * Resolves when ready; rejects (or exceeds the timeout) when not. Resolving with a text
   * keeps the service ready and reports the text under `warnings` (an operator should act
   * soon, e.g. a holiday table about to end).
   */
  check(): Promise<unknown>;
}

export interface OperationRoutesOptions {
  readonly metrics: ApiMetrics;
  readonly checks: readonly ReadinessCheck[];
  /** Longest wait of one readiness check (default 2000 ms). */
  readonly timeoutMs?: number;
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

const STATUS_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    status: { type: "string" },
    checks: { type: "object", additionalProperties: { type: "string" } },
    warnings: { type: "object", additionalProperties: { type: "string" } },
  },
};
const tags = ["Operations"];
const security: readonly never[] = [];

/**
 * Operations routes, public: `GET /health` (the process is up), `GET /ready` (every
 * {@link ReadinessCheck} passes; 503 otherwise), `GET /metrics` (Prometheus text format).
 */
export const operationRoutes = fp<OperationRoutesOptions>(
  async (app, options) => {
    const timeoutMs = options.timeoutMs ?? 2000;
    app.get(
      "/health",
      {
        config: { access: "public" },
        schema: {
          tags,
          security,
          operationId: "health",
          summary: "Liveness",
          response: { 200: jsonResponse("Up", STATUS_SCHEMA), ...problemResponses() },
        },
      },
      async () => ({ status: "ok" }),
    );
    app.get(
      "/ready",
      {
        config: { access: "public" },
        schema: {
          tags,
          security,
          operationId: "ready",
          summary: "Readiness: event store (and projections)",
          response: { 200: jsonResponse("Ready", STATUS_SCHEMA), ...problemResponses(503) },
        },
      },
      async () => {
        const results = await Promise.all(
          options.checks.map(async ({ name, check }) => {
            try {
              const warning = await withTimeout(check(), timeoutMs);
              return {
                name,
                result: "ok",
                warning: typeof warning === "string" ? warning : undefined,
              };
            } catch (error) {
              const result = error instanceof Error ? error.message : String(error);
              return { name, result, warning: undefined };
            }
          }),
        );
        const checks = Object.fromEntries(results.map(({ name, result }) => [name, result]));
        const warnings = Object.fromEntries(
          results.flatMap(({ name, warning }) => (warning === undefined ? [] : [[name, warning]])),
        );
        if (results.some(({ result }) => result !== "ok")) {
          throw HttpProblem.of(
            "infrastructure.unavailable",
            "Not ready",
            { checks },
            { "retry-after": "5" },
          );
        }
        return Object.keys(warnings).length === 0
          ? { status: "ready", checks }
          : { status: "ready", checks, warnings };
      },
    );
    app.get(
      "/metrics",
      {
        config: { access: "public" },
        schema: {
          tags,
          security,
          operationId: "metrics",
          summary: "Prometheus metrics",
          response: {
            200: {
              description: "Prometheus text format",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            ...problemResponses(),
          },
        },
      },
      async (_request, reply) => {
        reply.type(options.metrics.registry.contentType);
        return options.metrics.render();
      },
    );
  },
  { name: "claimstream-operation-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
