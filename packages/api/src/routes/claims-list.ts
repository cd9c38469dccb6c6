import { LineOfBusinessSchema } from "@claimstream/domain";
import { listClaims } from "@claimstream/projections";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import { z } from "zod";
import { defined, listParam } from "../analytics/analytics-endpoint.js";
import { principalOf } from "../auth/auth-plugin.js";
import { insurerScope } from "../http/insurer-scope.js";
import { jsonSchemaOf, problemResponses } from "../http/json-schema.js";
import {
  parseQuery,
  requireReadModels,
  runQuery,
  sendRowsOrJson,
} from "../http/read-model-query.js";
import { JSON_OR_CSV } from "./analytics.js";
import { API_PREFIX } from "./api-prefix.js";
import { SECURED } from "./route-docs.js";

const STATUSES = [
  "registered",
  "coverage_verified",
  "in_assessment",
  "assessed",
  "settled",
  "denied",
  "closed",
] as const;

const ListClaimsQuery = z.object({
  insurerId: z.string().min(1).max(100).optional(),
  status: listParam(STATUSES, []),
  adjusterId: z.string().min(1).max(100).optional(),
  line: LineOfBusinessSchema.optional(),
  reportedFrom: z.iso.date().optional(),
  reportedTo: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(500).optional(),
});

/**
 * `GET /v1/claims`: claims from the claims-list read model, newest report first, filtered by
 * status (comma-separated), adjuster, line and report dates, one page at a time (`nextCursor`
 * → `cursor`). Limited to the key's insurer; JSON or CSV.
 */
export const claimsListRoutes = fp<{ readonly readModels: Kysely<unknown> | null }>(
  async (app, options) => {
    app.get(
      `${API_PREFIX}/claims`,
      {
        config: { access: ["claims.read"] },
        schema: {
          operationId: "listClaims",
          summary: "Claims, filtered, with cursor pagination (from the claims-list read model)",
          tags: ["Claims"],
          security: SECURED,
          querystring: jsonSchemaOf(ListClaimsQuery),
          response: { 200: JSON_OR_CSV, ...problemResponses(400, 401, 403, 503) },
        },
      },
      async (request, reply) => {
        const db = requireReadModels(options.readModels);
        const { status, insurerId, ...filters } = parseQuery(ListClaimsQuery, request.query);
        const scope = insurerScope(principalOf(request), insurerId);
        const page = await runQuery(() =>
          listClaims(
            db,
            defined({
              ...filters,
              insurerId: scope,
              status: status.length === 0 ? undefined : status,
            }),
          ),
        );
        return sendRowsOrJson(request, reply, page.items, page);
      },
    );
  },
  { name: "claimstream-claims-list-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
