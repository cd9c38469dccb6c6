import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import * as E from "fp-ts/lib/Either.js";
import type { Aggregate } from "../aggregates/aggregate.js";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import { principalOf } from "../auth/auth-plugin.js";
import { problemOfDomainError } from "../http/domain-error-status.js";
import { jsonResponse, problemResponses } from "../http/json-schema.js";
import { etagOf } from "../http/preconditions.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import { API_PREFIX } from "./api-prefix.js";
import { ID_PARAMS, pascalName, SECURED, SNAPSHOT_SCHEMA, tagOf } from "./route-docs.js";

export interface RecordRoutesOptions {
  readonly reader: AggregateReader;
  readonly aggregates: AggregateRegistry;
}

const registerAggregate = (app: FastifyInstance, reader: AggregateReader, aggregate: Aggregate) => {
  app.get<{ Params: { id: string } }>(
    `${API_PREFIX}/${aggregate.collection}/:id`,
    {
      config: { access: [aggregate.readPermission] },
      schema: {
        operationId: `get${pascalName(aggregate)}`,
        summary: `The ${aggregate.label.toLowerCase()}'s current state, folded from its events`,
        tags: [tagOf(aggregate)],
        security: SECURED,
        params: ID_PARAMS,
        response: {
          200: jsonResponse("The state; ETag is the stream version", SNAPSHOT_SCHEMA),
          304: { description: "If-None-Match matched the current version" },
          ...problemResponses(401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const snapshot = await reader.current(aggregate, request.params.id, principalOf(request));
      if (E.isLeft(snapshot)) throw problemOfDomainError(snapshot.left);
      const etag = etagOf(snapshot.right.version);
      reply.header("etag", etag);
      if (request.headers["if-none-match"] === etag) return reply.code(304).send();
      return snapshot.right;
    },
  );
};

/**
 * Record routes: `GET /v1/{collection}/{id}`, each aggregate's state folded from its events,
 * with its version as `ETag` (and `If-None-Match` → 304). Lists with filters come from the
 * projections' read models (`claims-list.ts`, `record-lists.ts`).
 */
export const recordRoutes = fp<RecordRoutesOptions>(
  async (app, { reader, aggregates }) => {
    for (const aggregate of aggregates.all) registerAggregate(app, reader, aggregate);
  },
  { name: "claimstream-record-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
