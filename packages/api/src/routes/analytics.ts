import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { AnalyticsEndpoint } from "../analytics/analytics-endpoint.js";
import { ANALYTICS_ENDPOINTS } from "../analytics/endpoints.js";
import { principalOf } from "../auth/auth-plugin.js";
import type { Clock } from "../clock.js";
import { insurerScope } from "../http/insurer-scope.js";
import { type JsonSchema, jsonSchemaOf, problemResponses } from "../http/json-schema.js";
import {
  parseQuery,
  requireReadModels,
  runQuery,
  sendRowsOrJson,
} from "../http/read-model-query.js";
import { API_PREFIX } from "./api-prefix.js";
import { SECURED } from "./route-docs.js";

export interface AnalyticsRoutesOptions {
  /** The read models; `null` answers 503 (a composition without PostgreSQL). */
  readonly readModels: Kysely<unknown> | null;
  readonly clock: Clock;
  readonly endpoints?: readonly AnalyticsEndpoint[];
}

/** JSON or CSV, as `Accept` asks. */
export const JSON_OR_CSV: JsonSchema = {
  description: "The figures; `Accept: text/csv` for CSV",
  content: {
    "application/json": { schema: { type: "object", additionalProperties: true } },
    "text/csv": { schema: { type: "string" } },
  },
};

/**
 * Analytics routes, `GET /v1/analytics/{name}`, one per read model: loss ratio, triangles with
 * chain ladder, adjuster workload, time to settle, SLA compliance, insurer scorecard, shop
 * workload, reserve accuracy, customer. Each takes its read model's filters as query
 * parameters, is limited to the key's insurer, and answers JSON or CSV (`Accept: text/csv`).
 */
export const analyticsRoutes = fp<AnalyticsRoutesOptions>(
  async (app, options) => {
    for (const endpoint of options.endpoints ?? ANALYTICS_ENDPOINTS) {
      app.get(
        `${API_PREFIX}/analytics/${endpoint.path}`,
        {
          config: { access: ["analytics.read"] },
          schema: {
            operationId: endpoint.operationId,
            summary: endpoint.summary,
            tags: ["Analytics"],
            security: SECURED,
            querystring: jsonSchemaOf(endpoint.query),
            response: { 200: JSON_OR_CSV, ...problemResponses(400, 401, 403, 503) },
          },
        },
        async (request, reply) => {
          const db = requireReadModels(options.readModels);
          const query = parseQuery(endpoint.query, request.query);
          const asked = (query as { insurerId?: string }).insurerId;
          const now = options.clock.now();
          const context = {
            insurerId: insurerScope(principalOf(request), asked),
            now,
            today: now.slice(0, 10),
          };
          const result = await runQuery(() => endpoint.run(db, query, context));
          return sendRowsOrJson(
            request,
            reply,
            endpoint.rows(result),
            Array.isArray(result) ? { rows: result } : result,
          );
        },
      );
    }
  },
  { name: "claimstream-analytics-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
