import type { FastifyRequest } from "fastify";
import { HttpProblem } from "./problem.js";

/** The `ETag` of a stream version: a strong tag of the version number, e.g. `"3"`. */
export const etagOf = (version: number): string => `"${version}"`;

const TAG = /^(?:W\/)?"(\d{1,15})"$|^(\d{1,15})$/;

const single = (value: string | string[] | undefined, name: string): string | undefined => {
  if (Array.isArray(value)) throw HttpProblem.of("request.invalid_header", `Send ${name} once`);
  return value === undefined || value.trim() === "" ? undefined : value.trim();
};

/**
 * The expected stream version from `If-Match: "<version>"`; `undefined` when absent or `*`
 * (any existing version). Anything else is a 400 `request.invalid_header`.
 *
 * @example
 * ```ts
 * expectedVersionOf(request); // If-Match: "3" → 3
 * ```
 */
export const expectedVersionOf = (request: FastifyRequest): number | undefined => {
  const header = single(request.headers["if-match"], "If-Match");
  if (header === undefined || header === "*") return undefined;
  const match = header.match(TAG);
  if (match === null) {
    throw HttpProblem.of(
      "request.invalid_header",
      'If-Match must be one stream version, e.g. "3" (see the ETag)',
    );
  }
  return Number(match[1] ?? match[2]);
};

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header (1–200 visible ASCII characters), or `undefined`. */
export const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const key = single(request.headers["idempotency-key"], "Idempotency-Key");
  if (key !== undefined && !KEY.test(key)) {
    throw HttpProblem.of(
      "request.invalid_header",
      "Idempotency-Key must be 1–200 visible ASCII characters",
    );
  }
  return key;
};
