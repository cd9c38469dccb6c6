import { InvalidCursorError } from "@claimstream/projections";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { toCsv, wantsCsv } from "./csv.js";
import { HttpProblem } from "./problem.js";

/** The read-model database, or 503 when this composition has none (an in-memory store). */
export const requireReadModels = (db: Kysely<unknown> | null): Kysely<unknown> => {
  if (db === null) {
    throw HttpProblem.of(
      "infrastructure.unavailable",
      "Read models live in PostgreSQL; this server runs without it",
    );
  }
  return db;
};

/** Query parameters parsed by a zod schema; 400 `request.invalid_parameter` with the issues. */
export const parseQuery = <Q extends z.ZodType>(schema: Q, query: unknown): z.output<Q> => {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    code: issue.code,
    message: issue.message,
  }));
  throw HttpProblem.of("request.invalid_parameter", "Invalid query parameters", { issues });
};

/** Runs a read-model query; a cursor it did not issue answers 400. */
export const runQuery = async <R>(query: () => Promise<R>): Promise<R> => {
  try {
    return await query();
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw HttpProblem.of("request.invalid_parameter", "Unknown cursor");
    throw error;
  }
};

/** Sends rows as CSV when the caller asks for `text/csv`, else `json` as JSON. */
export const sendRowsOrJson = (
  request: FastifyRequest,
  reply: FastifyReply,
  rows: readonly object[],
  json: unknown,
) =>
  wantsCsv(request) ? reply.type("text/csv; charset=utf-8").send(toCsv(rows)) : reply.send(json);
