/** The stable codes of problems the API itself raises (domain codes come from the domain). */
export const API_PROBLEM_CODES = {
  "request.malformed_json": { status: 400, title: "Malformed JSON" },
  "request.empty_body": { status: 400, title: "Empty request body" },
  "request.invalid_header": { status: 400, title: "Invalid header" },
  "request.invalid_parameter": { status: 400, title: "Invalid parameter" },
  "request.invalid": { status: 400, title: "Bad request" },
  "request.not_found": { status: 404, title: "No such route" },
  "projection.not_found": { status: 404, title: "No such projection" },
  "request.body_too_large": { status: 413, title: "Request body too large" },
  "request.unsupported_media_type": { status: 415, title: "Unsupported media type" },
  "request.rate_limited": { status: 429, title: "Too many requests" },
  "validation.invalid_command": { status: 400, title: "Invalid command" },
  "validation.unknown_command": { status: 400, title: "Unknown command type" },
  "validation.id_mismatch": { status: 400, title: "Id does not match the URL" },
  "validation.reserved_id": { status: 422, title: "Id in the system's namespace" },
  "validation.business_time": { status: 422, title: "Business time out of range" },
  "reference.not_found": { status: 422, title: "Referenced record not found" },
  "auth.system_command": { status: 403, title: "Sent by the system only" },
  "auth.missing_credentials": { status: 401, title: "Missing API key" },
  "auth.invalid_credentials": { status: 401, title: "Unknown API key" },
  "auth.forbidden": { status: 403, title: "Forbidden for this role" },
  "auth.actor_mismatch": { status: 403, title: "Acting as someone else" },
  "auth.insurer_forbidden": { status: 403, title: "Outside the key's insurer" },
  "concurrency.precondition_failed": { status: 412, title: "Version precondition failed" },
  "concurrency.conflict": { status: 409, title: "Concurrent write" },
  "idempotency.key_reused": { status: 422, title: "Idempotency key reused" },
  "infrastructure.unavailable": { status: 503, title: "Service unavailable" },
  "internal.error": { status: 500, title: "Internal error" },
} as const satisfies Record<string, { status: number; title: string }>;

/** A problem code the API raises itself. */
export type ApiProblemCode = keyof typeof API_PROBLEM_CODES;

/** The `type` URI of a problem code. */
export const problemType = (code: string): string => `urn:claimstream:problem:${code}`;

const STANDARD_MEMBERS = new Set(["type", "title", "status", "detail", "code", "instance"]);

/** An RFC 9457 problem document, with a stable `code` and optional extension members. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance: string;
  readonly [extension: string]: unknown;
}

/**
 * An error that renders as a problem document; thrown by handlers and hooks, turned into an
 * `application/problem+json` response by the error handler.
 *
 * @example
 * ```ts
 * throw new HttpProblem(404, "claim.not_found", "Claim not found", "No claim C-9");
 * throw HttpProblem.of("auth.forbidden", "An analyst may not register claims");
 * ```
 */
export class HttpProblem extends Error {
  override readonly name = "HttpProblem";

  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
    /** Extra response headers (e.g. `Retry-After`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }

  /** A problem of one of the API's own codes, with its status and title. */
  static of(
    code: ApiProblemCode,
    detail: string,
    extensions: Readonly<Record<string, unknown>> = {},
    headers: Readonly<Record<string, string>> = {},
  ): HttpProblem {
    const { status, title } = API_PROBLEM_CODES[code];
    return new HttpProblem(status, code, title, detail, extensions, headers);
  }

  /** The problem document for a request path. */
  toDocument(instance: string): ProblemDocument {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.statusCode,
      detail: this.detail,
      code: this.code,
      instance,
      ...Object.fromEntries(
        Object.entries(this.extensions).filter(([name]) => !STANDARD_MEMBERS.has(name)),
      ),
    };
  }
}

/** `request.invalid` for a body that does not match its zod schema, with each issue's path. */
export const invalidBody = (error: {
  readonly issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[];
}): HttpProblem =>
  HttpProblem.of("request.invalid", "The body does not match the schema", {
    issues: error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      code: issue.code,
      message: issue.message,
    })),
  });
