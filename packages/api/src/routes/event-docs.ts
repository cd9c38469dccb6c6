import type { JsonSchema } from "../http/json-schema.js";
import { ALL_EVENT_TYPES, EVENT_CATEGORIES } from "../streams/domain-events.js";

const listOf = (values: readonly string[], description: string): JsonSchema => ({
  type: "array",
  items: { type: "string", enum: [...values] },
  description,
});

/** The query of `GET /v1/events` and `GET /v1/events/stream`. */
export const EVENTS_QUERY: JsonSchema = {
  type: "object",
  properties: {
    after: {
      type: "string",
      pattern: "^[0-9]+$",
      description: "Only events after this global position (an event's `id`); default 0",
    },
    limit: {
      type: "string",
      pattern: "^[0-9]+$",
      description: "Page size, 1–1000 (default 100); pages only",
    },
    category: listOf(EVENT_CATEGORIES, "Repeat, or separate with commas; default every category"),
    type: listOf(ALL_EVENT_TYPES, "Event types; repeat, or separate with commas; default all"),
  },
};

/** `Last-Event-ID`: sent by EventSource on reconnect; wins over `after`. */
export const LAST_EVENT_ID_HEADER: JsonSchema = {
  type: "object",
  properties: {
    "last-event-id": {
      type: "string",
      description: "Resume after this event id (global position); wins over `after`",
    },
  },
};

/** A CloudEvents 1.0 envelope of one committed event. */
export const CLOUD_EVENT_SCHEMA: JsonSchema = {
  type: "object",
  required: ["specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"],
  properties: {
    specversion: { type: "string", const: "1.0" },
    id: { type: "string", description: "The event's global position" },
    source: { type: "string", description: "/claimstream/<category>" },
    type: { type: "string", description: "Domain event type" },
    subject: { type: "string", description: "Stream id, e.g. claim-C-1" },
    time: { type: "string", format: "date-time", description: "When it was recorded" },
    datacontenttype: { type: "string", const: "application/json" },
    schemaversion: { type: "integer" },
    data: { type: "object", additionalProperties: true },
  },
};

/** A page of `GET /v1/events`. */
export const EVENT_PAGE_SCHEMA: JsonSchema = {
  type: "object",
  required: ["events", "next", "caughtUp"],
  properties: {
    events: { type: "array", items: CLOUD_EVENT_SCHEMA },
    next: { type: "integer", description: "Pass as `after` for the next page" },
    caughtUp: { type: "boolean", description: "Nothing more was committed when read" },
  },
};
