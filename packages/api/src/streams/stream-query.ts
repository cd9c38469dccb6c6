import type { FastifyRequest } from "fastify";
import { HttpProblem } from "../http/problem.js";

const POSITION = /^\d{1,15}$/;

/** A global position from a query parameter or header; `undefined` when absent. */
export const positionOf = (value: unknown, name: string): number | undefined => {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || !POSITION.test(value)) {
    throw HttpProblem.of(
      "request.invalid_parameter",
      `${name} must be a global position (a non-negative whole number, the id of an event)`,
      { parameter: name },
    );
  }
  return Number(value);
};

/**
 * Where a stream starts: after `Last-Event-ID` when the client reconnects (EventSource sends it,
 * with the original URL), else after `?after=`, else from the beginning (0).
 *
 * @example
 * ```ts
 * startPositionOf(request); // 1042 for "Last-Event-ID: 1042"
 * ```
 */
export const startPositionOf = (request: FastifyRequest<{ Querystring: { after?: string } }>) =>
  positionOf(request.headers["last-event-id"], "Last-Event-ID") ??
  positionOf(request.query.after, "after") ??
  0;

/** `?limit=` of a page: 1 to `max`, `fallback` when absent. */
export const limitOf = (value: unknown, fallback: number, max: number): number => {
  if (value === undefined || value === "") return fallback;
  const limit = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= max)) {
    throw HttpProblem.of("request.invalid_parameter", `limit must be between 1 and ${max}`, {
      parameter: "limit",
    });
  }
  return limit;
};
