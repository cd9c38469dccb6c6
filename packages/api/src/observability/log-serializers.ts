import type { FastifyRequest } from "fastify";

// Query parameters that carry credentials when a client puts them in the URL by mistake (the
// API reads keys from headers only); their values never reach the logs.
const SECRET_PARAMETER =
  /^(?:api[_-]?key|key|token|access[_-]?token|secret|password|auth(?:orization)?)$/i;

/**
 * The URL with the values of credential-like query parameters replaced by `REDACTED`.
 *
 * @example
 * ```ts
 * redactUrl("/v1/claims?api_key=s3cret&limit=5"); // "/v1/claims?api_key=REDACTED&limit=5"
 * ```
 */
export const redactUrl = (url: string): string => {
  const query = url.indexOf("?");
  if (query === -1) return url;
  const parameters = new URLSearchParams(url.slice(query + 1));
  const secret = [...new Set(parameters.keys())].filter((name) => SECRET_PARAMETER.test(name));
  if (secret.length === 0) return url;
  for (const name of secret) parameters.set(name, "REDACTED");
  return `${url.slice(0, query)}?${parameters.toString()}`;
};

/**
 * The logger's serializers: Fastify's request fields, with credentials in the URL redacted.
 * Headers (where API keys travel) are never logged.
 */
export const LOG_SERIALIZERS = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};
