import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import * as E from "fp-ts/lib/Either.js";
import type { Aggregate } from "../aggregates/aggregate.js";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import { principalOf } from "../auth/auth-plugin.js";
import type { CommandOutcome, CommandService } from "../commands/command-service.js";
import type { CommandTarget } from "../commands/prepare-command.js";
import { commandBodySchema, jsonResponse, problemResponses } from "../http/json-schema.js";
import { etagOf, expectedVersionOf, idempotencyKeyOf } from "../http/preconditions.js";
import { problemOfRejection } from "../http/rejection-problem.js";
import { API_PREFIX } from "./api-prefix.js";
import {
  COMMAND_HEADERS,
  COMMAND_OUTCOME_SCHEMA,
  ID_PARAMS,
  pascalName,
  SECURED,
  tagOf,
} from "./route-docs.js";

export interface CommandRoutesOptions {
  readonly commands: CommandService;
  readonly aggregates: AggregateRegistry;
}

const COMMAND_PROBLEMS = problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 503);

const reply201or200 = (
  reply: FastifyReply,
  aggregate: Aggregate,
  outcome: CommandOutcome,
  created: boolean,
) => {
  reply.header("etag", etagOf(outcome.version));
  if (outcome.replayed) reply.header("idempotent-replayed", "true");
  if (created)
    reply.header(
      "location",
      `${API_PREFIX}/${aggregate.collection}/${encodeURIComponent(outcome.id)}`,
    );
  return reply.code(created ? 201 : 200).send(outcome);
};

const handle = async (
  request: FastifyRequest,
  reply: FastifyReply,
  options: CommandRoutesOptions,
  aggregate: Aggregate,
  target: CommandTarget,
) => {
  const ifMatch = expectedVersionOf(request);
  const idempotencyKey = idempotencyKeyOf(request);
  const result = await options.commands.execute({
    aggregate,
    target,
    body: request.body,
    principal: principalOf(request),
    ...(ifMatch === undefined ? {} : { ifMatch }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    correlationId: request.id,
  });
  if (E.isLeft(result)) throw problemOfRejection(result.left);
  return reply201or200(reply, aggregate, result.right, target.mode === "create");
};

const registerAggregate = (
  app: FastifyInstance,
  options: CommandRoutesOptions,
  aggregate: Aggregate,
) => {
  const name = pascalName(aggregate);
  const tags = [tagOf(aggregate)];
  app.post(
    `${API_PREFIX}/${aggregate.collection}`,
    {
      config: { access: [aggregate.permissionOf(aggregate.createCommandType)] },
      schema: {
        operationId: `create${name}`,
        summary: `${aggregate.createCommandType}: create a ${aggregate.label.toLowerCase()}`,
        tags,
        security: SECURED,
        headers: COMMAND_HEADERS,
        body: commandBodySchema(aggregate, "create"),
        response: {
          201: jsonResponse("Created; ETag is the stream version", COMMAND_OUTCOME_SCHEMA),
          ...COMMAND_PROBLEMS,
        },
      },
    },
    (request, reply) => handle(request, reply, options, aggregate, { mode: "create" }),
  );
  app.post<{ Params: { id: string } }>(
    `${API_PREFIX}/${aggregate.collection}/:id/commands`,
    {
      config: { access: [] },
      schema: {
        operationId: `send${name}Command`,
        summary: `Send any ${aggregate.label.toLowerCase()} command: ${aggregate.commandTypes.join(", ")}`,
        tags,
        security: SECURED,
        params: ID_PARAMS,
        headers: COMMAND_HEADERS,
        body: commandBodySchema(aggregate, "command"),
        response: {
          200: jsonResponse("Applied; ETag is the new stream version", COMMAND_OUTCOME_SCHEMA),
          ...COMMAND_PROBLEMS,
        },
      },
    },
    (request, reply) =>
      handle(request, reply, options, aggregate, { mode: "command", id: request.params.id }),
  );
};

/**
 * Command routes of every aggregate: `POST /v1/{collection}` (the creation command; 201 with
 * `Location` and `ETag`) and `POST /v1/{collection}/{id}/commands` (any command of the
 * aggregate, by `type`). `If-Match` and `Idempotency-Key` apply to both.
 */
export const commandRoutes = fp<CommandRoutesOptions>(
  async (app, options) => {
    for (const aggregate of options.aggregates.all) registerAggregate(app, options, aggregate);
  },
  { name: "claimstream-command-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
