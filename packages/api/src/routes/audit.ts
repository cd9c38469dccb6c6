import type { RecordedEvent } from "@claimstream/eventstore";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import type { Aggregate } from "../aggregates/aggregate.js";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import { principalOf } from "../auth/auth-plugin.js";
import { problemOfDomainError } from "../http/domain-error-status.js";
import { type JsonSchema, jsonResponse, problemResponses } from "../http/json-schema.js";
import { HttpProblem } from "../http/problem.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import { API_PREFIX } from "./api-prefix.js";
import { ID_PARAMS, pascalName, SECURED, SNAPSHOT_SCHEMA } from "./route-docs.js";

export interface AuditRoutesOptions {
  readonly reader: AggregateReader;
  readonly aggregates: AggregateRegistry;
}

/** One event as the history shows it. */
export const historyEntry = (event: RecordedEvent) => ({
  version: event.streamPosition,
  globalPosition: event.globalPosition,
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.metadata.schemaVersion,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  actor: event.metadata.actor ?? null,
  tenantId: event.metadata.tenantId ?? null,
  correlationId: event.metadata.correlationId ?? null,
  causationId: event.metadata.causationId ?? null,
  data: event.data,
  hash: event.hash,
  previousHash: event.previousHash,
});

const HISTORY_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    streamId: { type: "string" },
    events: { type: "array", items: { type: "object", additionalProperties: true } },
  },
};
const VERIFY_SCHEMA: JsonSchema = {
  type: "object",
  required: ["ok", "streamId"],
  properties: { ok: { type: "boolean" }, streamId: { type: "string" } },
  additionalProperties: true,
};
const AS_OF_QUERY: JsonSchema = {
  type: "object",
  properties: {
    asOf: {
      type: "string",
      format: "date-time",
      description: "Recorded-at cut-off; default: everything",
    },
  },
};
const AsOfSchema = z.iso.datetime({ offset: true });

// No `asOf`: every event recorded so far (the store's clock, not the business clock, decides).
const asOfOf = (query: { readonly asOf?: unknown }): string | undefined => {
  if (query.asOf === undefined) return undefined;
  const parsed = AsOfSchema.safeParse(query.asOf);
  if (!parsed.success)
    throw HttpProblem.of(
      "request.invalid_parameter",
      "asOf must be an ISO 8601 instant with an offset",
    );
  return new Date(parsed.data).toISOString();
};

const registerAggregate = (
  app: FastifyInstance,
  options: AuditRoutesOptions,
  aggregate: Aggregate,
) => {
  const { reader } = options;
  const base = `${API_PREFIX}/${aggregate.collection}/:id`;
  const name = pascalName(aggregate);
  const common = { tags: ["Audit"], security: SECURED, params: ID_PARAMS };
  const config = { access: ["audit.read", aggregate.readPermission] as const };
  const problems = problemResponses(400, 401, 403, 404, 503);
  app.get<{ Params: { id: string } }>(
    `${base}/history`,
    {
      config,
      schema: {
        ...common,
        operationId: `get${name}History`,
        summary: "Every event, with actor, positions and hashes",
        response: { 200: jsonResponse("The history", HISTORY_SCHEMA), ...problems },
      },
    },
    async (request) => {
      const history = await reader.history(aggregate, request.params.id, principalOf(request));
      if (E.isLeft(history)) throw problemOfDomainError(history.left);
      return {
        id: request.params.id,
        streamId: aggregate.streamId(request.params.id),
        events: history.right.map(historyEntry),
      };
    },
  );
  app.get<{ Params: { id: string }; Querystring: { asOf?: string } }>(
    `${base}/state`,
    {
      config,
      schema: {
        ...common,
        querystring: AS_OF_QUERY,
        operationId: `get${name}StateAsOf`,
        summary: "The state rebuilt from the events recorded up to asOf",
        response: {
          200: jsonResponse("The state as of the instant", SNAPSHOT_SCHEMA),
          ...problems,
        },
      },
    },
    async (request) => {
      const asOf = asOfOf(request.query);
      const principal = principalOf(request);
      const snapshot =
        asOf === undefined
          ? await reader.current(aggregate, request.params.id, principal)
          : await reader.asOf(aggregate, request.params.id, principal, asOf);
      if (E.isLeft(snapshot)) throw problemOfDomainError(snapshot.left);
      return { ...snapshot.right, asOf: asOf ?? null };
    },
  );
  app.get<{ Params: { id: string } }>(
    `${base}/verify`,
    {
      config,
      schema: {
        ...common,
        operationId: `verify${name}`,
        summary: "Recompute the stream's hash chain",
        response: { 200: jsonResponse("ok, or the first broken link", VERIFY_SCHEMA), ...problems },
      },
    },
    async (request) => {
      const verification = await reader.verify(aggregate, request.params.id, principalOf(request));
      if (E.isLeft(verification)) throw problemOfDomainError(verification.left);
      return verification.right;
    },
  );
};

/**
 * Audit routes per aggregate: `GET …/{id}/history` (every event with version, global position,
 * type, data, occurredAt, recordedAt, actor and hash), `GET …/{id}/state?asOf=` (state from the
 * events recorded up to that instant) and `GET …/{id}/verify` (hash chain check).
 */
export const auditRoutes = fp<AuditRoutesOptions>(
  async (app, options) => {
    for (const aggregate of options.aggregates.all) registerAggregate(app, options, aggregate);
  },
  { name: "claimstream-audit-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
