import type { EventStore } from "@claimstream/eventstore";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { z } from "zod";
import { principalOf } from "../auth/auth-plugin.js";
import { type JsonSchema, jsonResponse, problemResponses } from "../http/json-schema.js";
import { HttpProblem, invalidBody } from "../http/problem.js";
import { limitOf } from "../streams/stream-query.js";
import { type EgressPolicy, refusalMessage } from "../webhooks/egress-policy.js";
import type { WebhookOwner, WebhookRepository } from "../webhooks/webhook-repository.js";
import { CreateWebhookSchema } from "../webhooks/webhook-subscription.js";
import { API_PREFIX } from "./api-prefix.js";
import { SECURED } from "./route-docs.js";
import {
  CREATE_WEBHOOK_BODY,
  DEAD_LETTERS_SCHEMA,
  DELIVERIES_SCHEMA,
  REDELIVER_BODY,
  WEBHOOK_PARAMS,
  WEBHOOK_SCHEMA,
} from "./webhook-docs.js";

export interface WebhookRoutesOptions {
  /** `null` answers 503 (a composition without PostgreSQL). */
  readonly webhooks: WebhookRepository | null;
  readonly store: EventStore;
  /** Where deliveries may connect: a URL whose host it refuses is not registered (422). */
  readonly egress: EgressPolicy;
}

type ById = FastifyRequest<{ Params: { id: string } }>;

const BASE = `${API_PREFIX}/webhooks`;
const tags = ["Integrations"];
const config = { access: ["webhooks.manage", "events.read"] as const };
const RedeliverSchema = z
  .object({
    eventIds: z
      .array(z.string().regex(/^\d{1,15}$/))
      .max(1000)
      .optional(),
  })
  .strict();

const ownerOf = (request: FastifyRequest): WebhookOwner => {
  const principal = principalOf(request);
  return { keyId: principal.id, insurerId: principal.insurerId };
};

const notFound = (id: string) =>
  new HttpProblem(404, "webhook.not_found", "No such webhook", `No webhook ${id}`, { id });

// Only IP literals and `localhost` are refused here: names resolve at delivery (DNS changes).
const checkDestination = (egress: EgressPolicy, url: string): void => {
  const verdict = egress.checkHost(new URL(url).hostname);
  if (verdict.allowed) return;
  throw new HttpProblem(
    422,
    "webhook.destination_not_allowed",
    "Webhook destination not allowed",
    `${refusalMessage(verdict)}: webhooks go to public addresses unless the operator allows more`,
    { destination: verdict.destination, range: verdict.range },
  );
};

/** What a route documents besides its operation id and summary. */
interface RouteDoc {
  readonly params?: JsonSchema;
  readonly body?: JsonSchema;
  readonly response: Readonly<Record<number, JsonSchema>>;
}

const docs = (operationId: string, summary: string, doc: RouteDoc, ...problems: number[]) => ({
  operationId,
  summary,
  tags,
  security: SECURED,
  ...(doc.params === undefined ? {} : { params: doc.params }),
  ...(doc.body === undefined ? {} : { body: doc.body }),
  response: { ...doc.response, ...problemResponses(401, 403, 503, ...problems) },
});

const registerCollection = (
  app: FastifyInstance,
  options: WebhookRoutesOptions,
  repository: () => WebhookRepository,
) => {
  app.post(
    BASE,
    {
      config,
      schema: docs(
        "createWebhook",
        "Subscribe a URL to signed CloudEvent deliveries",
        {
          body: CREATE_WEBHOOK_BODY,
          response: { 201: jsonResponse("Created (the secret is never returned)", WEBHOOK_SCHEMA) },
        },
        400,
        422,
      ),
    },
    async (request, reply) => {
      const parsed = CreateWebhookSchema.safeParse(request.body);
      if (!parsed.success) throw invalidBody(parsed.error);
      checkDestination(options.egress, parsed.data.url);
      const position = parsed.data.after ?? (await options.store.headPosition());
      const created = await repository().create(parsed.data, ownerOf(request), position);
      return reply.code(201).header("location", `${BASE}/${created.id}`).send(created);
    },
  );
  app.get(
    BASE,
    {
      config,
      schema: docs("listWebhooks", "The webhooks of the key's insurer", {
        response: {
          200: jsonResponse("Webhooks", {
            type: "object",
            properties: { webhooks: { type: "array", items: WEBHOOK_SCHEMA } },
          }),
        },
      }),
    },
    async (request) => ({ webhooks: await repository().list(ownerOf(request)) }),
  );
};

const registerItem = (app: FastifyInstance, repository: () => WebhookRepository) => {
  const visible = async (request: ById) => {
    const found = await repository().get(request.params.id, ownerOf(request));
    if (found === undefined) throw notFound(request.params.id);
    return found;
  };
  const params = { params: WEBHOOK_PARAMS };
  app.get<{ Params: { id: string } }>(
    `${BASE}/:id`,
    {
      config,
      schema: docs(
        "getWebhook",
        "One webhook and its delivery cursor",
        { ...params, response: { 200: jsonResponse("The webhook", WEBHOOK_SCHEMA) } },
        404,
      ),
    },
    visible,
  );
  app.delete<{ Params: { id: string } }>(
    `${BASE}/:id`,
    {
      config,
      schema: docs(
        "deleteWebhook",
        "Stop deliveries and forget the webhook",
        { ...params, response: { 204: { description: "Deleted" } } },
        404,
      ),
    },
    async (request, reply) => {
      if (!(await repository().delete(request.params.id, ownerOf(request))))
        throw notFound(request.params.id);
      return reply.code(204).send();
    },
  );
  app.get<{ Params: { id: string }; Querystring: { limit?: string } }>(
    `${BASE}/:id/deliveries`,
    {
      config,
      schema: docs(
        "listWebhookDeliveries",
        "The delivery log, newest first",
        { ...params, response: { 200: jsonResponse("Attempts", DELIVERIES_SCHEMA) } },
        400,
        404,
      ),
    },
    async (request) => {
      const webhook = await visible(request);
      const limit = limitOf(request.query.limit, 100, 1000);
      return { deliveries: await repository().deliveries(webhook.id, limit) };
    },
  );
  app.get<{ Params: { id: string } }>(
    `${BASE}/:id/dead-letters`,
    {
      config,
      schema: docs(
        "listWebhookDeadLetters",
        "Events given up on after every retry",
        { ...params, response: { 200: jsonResponse("Dead letters", DEAD_LETTERS_SCHEMA) } },
        404,
      ),
    },
    async (request) => ({
      deadLetters: await repository().deadLetters((await visible(request)).id),
    }),
  );
  app.post<{ Params: { id: string } }>(
    `${BASE}/:id/dead-letters/redeliver`,
    {
      config,
      schema: docs(
        "redeliverWebhookDeadLetters",
        "Send dead letters again (all, or some)",
        {
          ...params,
          body: REDELIVER_BODY,
          response: {
            202: jsonResponse("Requested", {
              type: "object",
              properties: { requested: { type: "integer" } },
            }),
          },
        },
        400,
        404,
      ),
    },
    async (request, reply) => {
      const webhook = await visible(request);
      const parsed = RedeliverSchema.safeParse(request.body ?? {});
      if (!parsed.success) throw invalidBody(parsed.error);
      const ids = parsed.data.eventIds?.map(Number);
      const requested = await repository().requestRedelivery(webhook.id, ids);
      return reply.code(202).send({ requested });
    },
  );
};

/**
 * Webhook routes: `POST/GET /v1/webhooks`, `GET/DELETE /v1/webhooks/{id}`, its delivery log
 * (`…/deliveries`), dead letters (`…/dead-letters`) and their redelivery
 * (`…/dead-letters/redeliver`). A webhook takes the creating key's insurer scope; keys see only
 * their insurer's webhooks; the secret is write-only; a URL the egress policy refuses (a private,
 * loopback or link-local address, `localhost`) answers 422 `webhook.destination_not_allowed`.
 */
export const webhookRoutes = fp<WebhookRoutesOptions>(
  async (app, options) => {
    const repository = () => {
      if (options.webhooks === null)
        throw HttpProblem.of("infrastructure.unavailable", "Webhooks need PostgreSQL");
      return options.webhooks;
    };
    registerCollection(app, options, repository);
    registerItem(app, repository);
  },
  { name: "claimstream-webhook-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
