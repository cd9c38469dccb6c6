import { isStorableText } from "@claimstream/eventstore";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { isInfrastructureError } from "./infrastructure-error.js";
import { type ApiProblemCode, HttpProblem } from "./problem.js";

const FASTIFY_CODES: Readonly<Record<string, ApiProblemCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "request.malformed_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "request.empty_body",
  FST_ERR_CTP_BODY_TOO_LARGE: "request.body_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "request.unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "request.invalid_header",
};

const DETAILS: Readonly<Partial<Record<ApiProblemCode, string>>> = {
  "request.malformed_json": "The body is not valid JSON",
  "request.empty_body": "A JSON content type was sent with an empty body",
  "request.unsupported_media_type": "Send JSON with Content-Type: application/json",
  "request.invalid_header": "Content-Length does not match the body",
};

// PostgreSQL stores no NUL character in text or jsonb (SQLSTATE 22021, 22P05): such an id or
// field is the request's fault, not the server's.
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

/** Turns any error into an {@link HttpProblem}: ours as is, Fastify's and the rest mapped. */
export const toProblem = (error: unknown, bodyLimit: number): HttpProblem => {
  if (error instanceof HttpProblem) return error;
  const fastifyError = error as Partial<FastifyError>;
  const mapped =
    typeof fastifyError.code === "string" ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped === "request.body_too_large") {
    return HttpProblem.of(mapped, `The body is larger than ${bodyLimit} bytes`, {
      limit: bodyLimit,
    });
  }
  if (mapped !== undefined)
    return HttpProblem.of(mapped, DETAILS[mapped] ?? String(fastifyError.message));
  // secure-json-parse refusing `__proto__` / `constructor.prototype` keys.
  if (error instanceof SyntaxError) return HttpProblem.of("request.malformed_json", error.message);
  if (typeof fastifyError.code === "string" && UNSTORABLE_TEXT.has(fastifyError.code))
    return HttpProblem.of(
      "request.invalid",
      "The request holds a character that cannot be stored (NUL)",
    );
  if (isInfrastructureError(error)) {
    return HttpProblem.of(
      "infrastructure.unavailable",
      "A backing service is unavailable; retry shortly",
      {},
      {
        "retry-after": "5",
      },
    );
  }
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new HttpProblem(status, "request.invalid", "Bad request", String(fastifyError.message));
  }
  return HttpProblem.of("internal.error", "An unexpected error occurred; it has been logged");
};

/**
 * The first text in a parsed request part that no database can store: a NUL or a lone UTF-16
 * surrogate (JSON allows `"\ud800"`, PostgreSQL's jsonb and text do not). Its path, or
 * `undefined` when every string is storable.
 */
export const unstorableTextIn = (value: unknown): string | undefined => {
  // Iterative: a body may nest 20,000 levels deep, deeper than the call stack allows.
  const pending: [unknown, string][] = [[value, ""]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === "string") {
      if (!isStorableText(item)) return path || "(body)";
    } else if (item !== null && typeof item === "object") {
      for (const [key, inner] of Object.entries(item)) {
        const where = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return where;
        pending.push([inner, where]);
      }
    }
  }
  return undefined;
};

/** Sends a problem as `application/problem+json`. */
export const sendProblem = (reply: FastifyReply, request: FastifyRequest, problem: HttpProblem) =>
  reply
    .code(problem.statusCode)
    .headers(problem.headers)
    .type("application/problem+json")
    .send(problem.toDocument(request.url.split("?")[0] ?? request.url));

/**
 * Renders every error as an RFC 9457 problem with a stable `code`: malformed JSON 400, huge
 * body 413, unsupported media type 415, infrastructure down 503, anything unexpected 500
 * (logged with its stack; the response says nothing more). Unknown routes answer 404.
 */
export const errorHandlerPlugin = fp<{ readonly bodyLimit: number }>(
  async (app, options) => {
    // Text no database can store is the request's fault: 400 before any handler sees it.
    app.addHook("preValidation", async (request) => {
      for (const [part, value] of [
        ["body", request.body],
        ["query", request.query],
        ["params", request.params],
      ] as const) {
        const where = unstorableTextIn(value);
        if (where !== undefined) {
          throw HttpProblem.of(
            "request.invalid",
            `The ${part} holds a character that cannot be stored (NUL or a lone UTF-16 surrogate) at ${where}`,
            { part, path: where },
          );
        }
      }
    });
    app.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error, options.bodyLimit);
      if (problem.statusCode >= 500) request.log.error({ err: error }, problem.detail);
      return sendProblem(reply, request, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        request,
        HttpProblem.of(
          "request.not_found",
          `No route ${request.method} ${request.url.split("?")[0]}`,
        ),
      ),
    );
  },
  { name: "claimstream-errors", fastify: "5.x" },
);
