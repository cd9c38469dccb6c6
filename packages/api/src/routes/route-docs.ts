import type { Aggregate } from "../aggregates/aggregate.js";
import type { JsonSchema } from "../http/json-schema.js";

/** `repair-order` → `RepairOrder`, for operation ids. */
export const pascalName = (aggregate: Aggregate): string =>
  aggregate.name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) =>
    letter.toUpperCase(),
  );

/** The OpenAPI tag of an aggregate's routes: `Claims`, `Repair orders` … */
export const tagOf = (aggregate: Aggregate): string =>
  aggregate.label.endsWith("y") ? `${aggregate.label.slice(0, -1)}ies` : `${aggregate.label}s`;

/** Both ways to send an API key. */
export const SECURED: readonly Record<string, readonly string[]>[] = [
  { bearerAuth: [] },
  { apiKeyHeader: [] },
];

/** The `:id` path parameter. */
export const ID_PARAMS: JsonSchema = {
  type: "object",
  properties: {
    id: { type: "string", minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" },
  },
  required: ["id"],
};

/** A stream version and the aggregate's folded state. */
export const SNAPSHOT_SCHEMA: JsonSchema = {
  type: "object",
  required: ["id", "streamId", "version", "state"],
  properties: {
    id: { type: "string" },
    streamId: { type: "string" },
    version: { type: "integer", description: "Stream version, also sent as the ETag" },
    state: {
      type: "object",
      additionalProperties: true,
      description: "State folded from the events",
    },
  },
};

/** What a command answers. */
export const COMMAND_OUTCOME_SCHEMA: JsonSchema = {
  type: "object",
  required: ["id", "streamId", "version", "replayed", "events", "state", "followUps"],
  properties: {
    ...(SNAPSHOT_SCHEMA.properties as object),
    replayed: {
      type: "boolean",
      description: "An Idempotency-Key matched: the first response again",
    },
    events: { type: "array", items: { type: "object", additionalProperties: true } },
    followUps: {
      type: "array",
      description: "Commands the process manager sent in reaction, and how they went",
      items: {
        type: "object",
        properties: {
          aggregate: { type: "string" },
          id: { type: "string" },
          type: { type: "string" },
          causationId: { type: "string" },
          outcome: { type: "string", enum: ["applied", "replayed", "rejected", "failed"] },
          version: { type: "integer" },
          reason: { type: "string" },
        },
      },
    },
  },
};

/** `If-Match` and `Idempotency-Key`. */
export const COMMAND_HEADERS: JsonSchema = {
  type: "object",
  properties: {
    "if-match": {
      type: "string",
      description: 'Expected stream version, e.g. "3" (the ETag); 412 on mismatch',
    },
    "idempotency-key": {
      type: "string",
      description: "Retrying with the same key returns the first response and writes nothing new",
    },
  },
};
