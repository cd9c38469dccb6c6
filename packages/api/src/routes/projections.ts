import type { ProjectionRuntime } from "@claimstream/projections";
import fp from "fastify-plugin";
import type { Logger } from "pino";
import { jsonResponse, problemResponses } from "../http/json-schema.js";
import { HttpProblem } from "../http/problem.js";
import { API_PREFIX } from "./api-prefix.js";
import { SECURED } from "./route-docs.js";

export interface ProjectionRoutesOptions {
  /** `null` answers 503 (a composition without PostgreSQL). */
  readonly projections: ProjectionRuntime | null;
  readonly logger: Logger;
}

const runtimeOf = (projections: ProjectionRuntime | null): ProjectionRuntime => {
  if (projections === null)
    throw HttpProblem.of("infrastructure.unavailable", "This server runs no projections");
  return projections;
};

const tags = ["Operations"];

/**
 * `GET /v1/projections` (each projection's state, position, lag and parked events) and
 * `POST /v1/projections/{name}/rebuild` (a blue/green rebuild: 202 at once, progress in the
 * status), both for admins.
 */
export const projectionRoutes = fp<ProjectionRoutesOptions>(
  async (app, options) => {
    app.get(
      `${API_PREFIX}/projections`,
      {
        config: { access: ["operations.admin"] },
        schema: {
          operationId: "listProjections",
          summary: "Projection status, lag and parked events",
          tags,
          security: SECURED,
          response: {
            200: jsonResponse("Status per projection", {
              type: "object",
              additionalProperties: true,
            }),
            ...problemResponses(401, 403, 503),
          },
        },
      },
      async () => ({ projections: runtimeOf(options.projections).status() }),
    );
    app.post<{ Params: { name: string } }>(
      `${API_PREFIX}/projections/:name/rebuild`,
      {
        config: { access: ["operations.admin"], everyInsurer: true },
        schema: {
          operationId: "rebuildProjection",
          summary: "Rebuild a projection blue/green while the live tables keep serving",
          tags,
          security: SECURED,
          params: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
          response: {
            202: jsonResponse("Rebuild requested", { type: "object", additionalProperties: true }),
            ...problemResponses(401, 403, 404, 503),
          },
        },
      },
      async (request, reply) => {
        const runtime = runtimeOf(options.projections);
        const { name } = request.params;
        if (!runtime.status().some((status) => status.name === name)) {
          throw HttpProblem.of("projection.not_found", `No projection named ${name}`);
        }
        // The swap happens in the background; its progress shows in GET /v1/projections.
        runtime.rebuild(name).then(
          (report) => options.logger.info({ name, report }, "projection rebuilt"),
          (error: unknown) =>
            options.logger.warn({ name, err: error }, "projection rebuild did not finish"),
        );
        return reply
          .code(202)
          .header("location", `${API_PREFIX}/projections`)
          .send({ name, status: "rebuild_requested" });
      },
    );
  },
  { name: "claimstream-projection-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
