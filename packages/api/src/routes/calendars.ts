import { JurisdictionSchema } from "@claimstream/domain";
import type { EventStore } from "@claimstream/eventstore";
import { ConcurrencyError } from "@claimstream/eventstore";
import fp from "fastify-plugin";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { principalOf } from "../auth/auth-plugin.js";
import type { CalendarRegistry } from "../calendars/calendar-registry.js";
import { problemOfDomainError } from "../http/domain-error-status.js";
import { jsonResponse, problemResponses } from "../http/json-schema.js";
import { HttpProblem, invalidBody } from "../http/problem.js";
import { API_PREFIX } from "./api-prefix.js";
import { SECURED } from "./route-docs.js";

export interface CalendarRoutesOptions {
  readonly calendars: CalendarRegistry;
  readonly store: EventStore;
}

const DateSchema = z.iso.date();

/** A holiday table extension: a government's next schedule, a contract annex. */
export const CalendarExtensionSchema = z
  .object({
    from: DateSchema,
    to: DateSchema,
    source: z.string().trim().min(1).max(500),
    holidays: z
      .array(z.object({ date: DateSchema, name: z.string().trim().min(1).max(200) }).strict())
      .max(400),
    workingWeekends: z.array(DateSchema).max(200).default([]),
  })
  .strict();

const STATUS_SCHEMA = {
  type: "object",
  properties: {
    jurisdiction: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    source: { type: "string" },
    holidays: { type: "integer" },
    workingWeekends: { type: "integer" },
    extensions: { type: "integer" },
  },
} as const;

const tags = ["Operations"];

/**
 * `GET /v1/calendars` (anyone who reads claims): each jurisdiction's holiday table, its dates
 * and source. `POST /v1/calendars/{jurisdiction}/extensions` (unscoped admins: a calendar
 * serves every insurer): extends a table at run time, recorded as a `CalendarExtended` event;
 * deadlines counted past the old end are counted again by the deadline scheduler.
 */
export const calendarRoutes = fp<CalendarRoutesOptions>(
  async (app, options) => {
    app.get(
      `${API_PREFIX}/calendars`,
      {
        config: { access: ["claims.read"] },
        schema: {
          operationId: "listCalendars",
          summary: "The business calendars deadlines count on",
          tags,
          security: SECURED,
          response: {
            200: jsonResponse("Calendars", {
              type: "object",
              properties: { calendars: { type: "array", items: STATUS_SCHEMA } },
            }),
            ...problemResponses(401, 403),
          },
        },
      },
      async () => ({ calendars: options.calendars.status() }),
    );
    app.post<{ Params: { jurisdiction: string } }>(
      `${API_PREFIX}/calendars/:jurisdiction/extensions`,
      {
        config: { access: ["operations.admin"] },
        schema: {
          operationId: "extendCalendar",
          summary: "Extend a jurisdiction's holiday table (recorded as an event)",
          tags,
          security: SECURED,
          params: {
            type: "object",
            properties: { jurisdiction: { type: "string" } },
            required: ["jurisdiction"],
          },
          response: {
            201: jsonResponse("Extended", STATUS_SCHEMA),
            ...problemResponses(400, 401, 403, 409, 422),
          },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.insurerId !== null) {
          throw HttpProblem.of(
            "auth.insurer_forbidden",
            "A calendar serves every insurer: extend it with an unscoped admin key",
          );
        }
        const jurisdiction = JurisdictionSchema.safeParse(request.params.jurisdiction);
        if (!jurisdiction.success) {
          throw HttpProblem.of("request.invalid_parameter", "Unknown jurisdiction", {
            jurisdictions: JurisdictionSchema.options,
          });
        }
        const extension = CalendarExtensionSchema.safeParse(request.body);
        if (!extension.success) throw invalidBody(extension.error);
        const extended = await options.calendars.extend(
          options.store,
          jurisdiction.data,
          extension.data,
          { id: principal.id, role: principal.role },
        );
        if (E.isLeft(extended)) {
          if (extended.left instanceof ConcurrencyError) {
            throw HttpProblem.of("concurrency.conflict", "Another extension was recorded first");
          }
          throw problemOfDomainError(extended.left);
        }
        return reply.code(201).send(extended.right);
      },
    );
  },
  { name: "claimstream-calendar-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
