import type { EventStore } from "@claimstream/eventstore";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Logger } from "pino";
import { principalOf } from "../auth/auth-plugin.js";
import { jsonResponse, problemResponses } from "../http/json-schema.js";
import { HttpProblem } from "../http/problem.js";
import type { IntegrationConfig } from "../integration-config.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import { readEventPage } from "../streams/event-page.js";
import { eventSelectionOf } from "../streams/event-selection.js";
import { streamEvents } from "../streams/event-stream.js";
import { InsurerVisibility } from "../streams/insurer-visibility.js";
import { SseConnection } from "../streams/sse-connection.js";
import { limitOf, positionOf, startPositionOf } from "../streams/stream-query.js";
import { API_PREFIX } from "./api-prefix.js";
import { EVENT_PAGE_SCHEMA, EVENTS_QUERY, LAST_EVENT_ID_HEADER } from "./event-docs.js";
import { SECURED } from "./route-docs.js";

export interface EventRoutesOptions {
  readonly store: EventStore;
  readonly reader: AggregateReader;
  readonly settings: IntegrationConfig["sse"];
  readonly logger: Logger;
}

type EventsRequest = FastifyRequest<{
  Querystring: { after?: string; limit?: string; category?: unknown; type?: unknown };
}>;

const config = { access: ["events.read"] as const };
const tags = ["Integrations"];

const openStream = (
  request: EventsRequest,
  reply: FastifyReply,
  settings: EventRoutesOptions["settings"],
) => {
  reply.hijack();
  const headers = Object.fromEntries(
    Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined),
  );
  reply.raw.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
    "x-request-id": request.id,
  });
  reply.raw.write("retry: 2000\n\n");
  return new SseConnection(reply.raw, settings);
};

/**
 * The integrator event routes: `GET /v1/events/stream` (Server-Sent Events, CloudEvents 1.0
 * envelopes in global order, resumable with `Last-Event-ID`) and `GET /v1/events` (the same as
 * pages of JSON with a `next` cursor). Both filter by `category` and `type` and never carry
 * another insurer's event to a scoped key. On close the server ends every open stream, so
 * clients reconnect and resume.
 */
export const eventRoutes = fp<EventRoutesOptions>(
  async (app, options) => {
    const visibility = new InsurerVisibility(options.reader);
    const open = new Set<SseConnection>();
    const perKey = new Map<string, number>();
    app.addHook("preClose", async () => {
      for (const connection of open) connection.close("server_closing");
    });
    app.get(
      `${API_PREFIX}/events/stream`,
      {
        config,
        schema: {
          operationId: "streamEvents",
          summary: "Follow committed events live (Server-Sent Events, CloudEvents JSON)",
          tags,
          security: SECURED,
          querystring: EVENTS_QUERY,
          headers: LAST_EVENT_ID_HEADER,
          response: {
            200: {
              description:
                "An endless text/event-stream: `id: <position>` and `data: <CloudEvent JSON>` per event, `: heartbeat` comments in between",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            ...problemResponses(400, 401, 403, 503),
          },
        },
      },
      async (request: EventsRequest, reply) => {
        const principal = principalOf(request);
        const selection = eventSelectionOf(request.query);
        const after = startPositionOf(request);
        if (open.size >= options.settings.maxStreams) {
          throw HttpProblem.of(
            "infrastructure.unavailable",
            `This server already serves ${open.size} streams; retry shortly`,
            {},
            { "retry-after": "5" },
          );
        }
        const held = perKey.get(principal.id) ?? 0;
        if (held >= options.settings.maxStreamsPerKey) {
          throw HttpProblem.of(
            "request.rate_limited",
            `This key already holds ${held} event streams; close one or retry later`,
            { maxStreamsPerKey: options.settings.maxStreamsPerKey },
            { "retry-after": "5" },
          );
        }
        const connection = openStream(request, reply, options.settings);
        open.add(connection);
        perKey.set(principal.id, held + 1);
        void connection.ended.then((end) => {
          open.delete(connection);
          const left = (perKey.get(principal.id) ?? 1) - 1;
          if (left > 0) perKey.set(principal.id, left);
          else perKey.delete(principal.id);
          if (end === "slow_client")
            options.logger.warn({ key: principal.id }, "event stream dropped: client too slow");
        });
        streamEvents({
          store: options.store,
          connection,
          selection,
          after,
          insurerScope: principal.insurerId,
          visibility,
        }).catch((error: unknown) => {
          options.logger.warn({ err: error }, "event stream failed; the client will resume");
          connection.close("server_closing");
        });
      },
    );
    app.get(
      `${API_PREFIX}/events`,
      {
        config,
        schema: {
          operationId: "listEvents",
          summary: "Committed events after a position, as pages of CloudEvents JSON",
          tags,
          security: SECURED,
          querystring: EVENTS_QUERY,
          response: {
            200: jsonResponse("Events and the cursor to continue from", EVENT_PAGE_SCHEMA),
            ...problemResponses(400, 401, 403, 503),
          },
        },
      },
      async (request: EventsRequest) =>
        readEventPage({
          store: options.store,
          selection: eventSelectionOf(request.query),
          after: positionOf(request.query.after, "after") ?? 0,
          limit: limitOf(request.query.limit, 100, 1000),
          insurerScope: principalOf(request).insurerId,
          visibility,
        }),
    );
  },
  { name: "claimstream-event-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
