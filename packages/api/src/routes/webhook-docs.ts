import { type JsonSchema, jsonSchemaOf } from "../http/json-schema.js";
import { CreateWebhookSchema } from "../webhooks/webhook-subscription.js";

/** The body of `POST /v1/webhooks`, from its zod schema. */
export const CREATE_WEBHOOK_BODY: JsonSchema = jsonSchemaOf(CreateWebhookSchema);

/** A subscription as shown (never its secret). */
export const WEBHOOK_SCHEMA: JsonSchema = {
  type: "object",
  required: ["id", "url", "insurerId", "categories", "types", "position"],
  properties: {
    id: { type: "string" },
    url: { type: "string", format: "uri" },
    insurerId: { type: ["string", "null"], description: "From the creating key's scope" },
    categories: { type: "array", items: { type: "string" } },
    types: { type: "array", items: { type: "string" } },
    description: { type: ["string", "null"] },
    createdBy: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    position: { type: "integer", description: "Delivered or dead-lettered up to here" },
    failingAttempts: { type: "integer" },
    nextAttemptAt: { type: ["string", "null"], format: "date-time" },
    lastError: { type: ["string", "null"] },
  },
};

/** `:id`. */
export const WEBHOOK_PARAMS: JsonSchema = {
  type: "object",
  properties: { id: { type: "string", maxLength: 100 } },
  required: ["id"],
};

/** The delivery log. */
export const DELIVERIES_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    deliveries: {
      type: "array",
      items: {
        type: "object",
        properties: {
          eventId: { type: "string" },
          eventType: { type: "string" },
          attempt: { type: "integer" },
          outcome: { type: "string", enum: ["delivered", "failed", "dead_lettered"] },
          redelivery: { type: "boolean" },
          httpStatus: { type: ["integer", "null"] },
          error: { type: ["string", "null"] },
          durationMs: { type: "integer" },
          attemptedAt: { type: "string", format: "date-time" },
        },
      },
    },
  },
};

/** The dead letters. */
export const DEAD_LETTERS_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    deadLetters: {
      type: "array",
      items: {
        type: "object",
        properties: {
          eventId: { type: "string" },
          eventType: { type: "string" },
          subject: { type: "string" },
          attempts: { type: "integer" },
          lastError: { type: "string" },
          deadAt: { type: "string", format: "date-time" },
          redeliveryRequestedAt: { type: ["string", "null"], format: "date-time" },
        },
      },
    },
  },
};

/** The optional body of a redelivery request. */
export const REDELIVER_BODY: JsonSchema = {
  type: "object",
  properties: {
    eventIds: {
      type: "array",
      items: { type: "string", pattern: "^[0-9]+$" },
      description: "Dead letters to send again; default all",
    },
  },
};
