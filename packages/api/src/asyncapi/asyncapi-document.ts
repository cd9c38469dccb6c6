import { z } from "zod";
import { CLOUD_EVENT_SCHEMA } from "../routes/event-docs.js";
import { cloudEventSource } from "../streams/cloud-event.js";
import { EVENT_CATEGORIES, EVENT_SCHEMAS } from "../streams/domain-events.js";
import { SIGNATURE_SCHEME } from "../webhooks/webhook-signature.js";

type Json = { readonly [key: string]: unknown };

const typeOf = (schema: z.ZodObject): string => (schema.shape.type as z.ZodLiteral<string>).value;

// AsyncAPI 3's default schema format is a superset of JSON Schema draft-07.
const dataSchemaOf = (schema: z.ZodObject): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-7",
    io: "output",
    unrepresentable: "any",
  });
  return rest;
};

const envelopeOf = (category: string, type: string, name: string): Json => {
  const properties = CLOUD_EVENT_SCHEMA.properties as Record<string, Json>;
  return {
    ...CLOUD_EVENT_SCHEMA,
    properties: {
      ...properties,
      type: { type: "string", const: type },
      source: { type: "string", const: cloudEventSource(category) },
      data: { $ref: `#/components/schemas/${name}` },
    },
  };
};

// `repair-order` → `RepairOrder`: component names qualify the type by its category, since a
// few types (`SupplementRequested`) exist in two categories.
const pascal = (category: string): string =>
  category.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) =>
    letter.toUpperCase(),
  );

const messagesOf = () =>
  EVENT_CATEGORIES.flatMap((category) =>
    EVENT_SCHEMAS[category].map((schema) => {
      const type = typeOf(schema);
      return { category, type, name: `${pascal(category)}.${type}`, schema };
    }),
  );

// The webhook headers, told in the channel's description (messages are shared with SSE).
const WEBHOOK_DESCRIPTION = [
  "POSTs to each webhook's URL, structured mode (`application/cloudevents+json`).",
  `Headers: \`X-Signature: ${SIGNATURE_SCHEME}=<hex HMAC-SHA256 of "<X-Signature-Timestamp>.<raw body>", keyed with the webhook's secret>\`,`,
  "`X-Signature-Timestamp` (Unix seconds), `X-Webhook-Id`, `X-Webhook-Delivery` (`<webhook id>:<event id>`, the same on every retry: deduplicate on it), `X-Webhook-Attempt`.",
].join(" ");

const channel = (address: string | null, description: string, refs: Json) => ({
  address,
  description,
  messages: refs,
});

/**
 * The AsyncAPI 3.0 document of the integrator streams, generated from the domain's zod event
 * schemas: one message per event type (a CloudEvents envelope whose `data` is the event), sent
 * on the SSE stream (`/v1/events/stream`) and to webhooks (signed POSTs to each subscriber's
 * URL). Served at `GET /asyncapi.json`.
 *
 * @example
 * ```ts
 * const document = asyncApiDocument({ version: "0.1.0", host: "localhost:3000" });
 * document.asyncapi; // "3.0.0"
 * ```
 */
export const asyncApiDocument = (options: { readonly version: string; readonly host: string }) => {
  const messages = messagesOf();
  const components = Object.fromEntries(
    messages.map(({ category, type, name }) => [
      name,
      {
        name: type,
        title: `${type} (${category})`,
        summary: `${type} on a ${category} stream`,
        contentType: "application/json",
        payload: envelopeOf(category, type, name),
      },
    ]),
  );
  const refs = () =>
    Object.fromEntries(
      messages.map(({ name }) => [name, { $ref: `#/components/messages/${name}` }]),
    );
  const operationMessages = (channelName: string) =>
    messages.map(({ name }) => ({ $ref: `#/channels/${channelName}/messages/${name}` }));
  return {
    asyncapi: "3.0.0",
    info: {
      title: "claimstream integrator events",
      version: options.version,
      description:
        'Committed domain events in global order as CloudEvents 1.0 JSON (`id` = global position). Personal fields of a forgotten data subject read `{ "erased": true }`. See docs/integrators.md.',
    },
    defaultContentType: "application/json",
    servers: {
      api: {
        host: options.host,
        protocol: "http",
        description: "The claimstream API (Authorization: Bearer <key> or X-API-Key)",
        security: [
          { $ref: "#/components/securitySchemes/bearer" },
          { $ref: "#/components/securitySchemes/apiKey" },
        ],
      },
    },
    channels: {
      eventStream: channel(
        "/v1/events/stream",
        "Server-Sent Events: `id: <position>` and `data: <CloudEvent>` per event; filters `category` and `type`; resume with `Last-Event-ID`; `: heartbeat` comments.",
        refs(),
      ),
      webhook: channel(null, WEBHOOK_DESCRIPTION, refs()),
    },
    operations: {
      streamEvents: {
        action: "send",
        channel: { $ref: "#/channels/eventStream" },
        summary: "Each committed event the key may see, in global order",
        messages: operationMessages("eventStream"),
      },
      deliverWebhook: {
        action: "send",
        channel: { $ref: "#/channels/webhook" },
        summary: "At least once, in order per webhook; retried with backoff, then dead-lettered",
        messages: operationMessages("webhook"),
        bindings: { http: { method: "POST", bindingVersion: "0.3.0" } },
      },
    },
    components: {
      schemas: Object.fromEntries(messages.map(({ name, schema }) => [name, dataSchemaOf(schema)])),
      messages: components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer <API key>" },
        apiKey: { type: "httpApiKey", in: "header", name: "X-API-Key" },
      },
    },
  };
};
