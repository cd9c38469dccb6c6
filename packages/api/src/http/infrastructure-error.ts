// Node socket errors and PostgreSQL SQLSTATE classes that mean "the backend is not reachable
// or not accepting work right now", as opposed to a bug.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const POSTGRES_UNAVAILABLE_CLASSES = ["08", "53", "57"];
const MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Cannot use a pool after calling end",
  "Client has encountered a connection error",
  "UnavailableError",
];

const codeOf = (error: object): unknown => (error as { code?: unknown }).code;

/**
 * Is this error the infrastructure being down (database, event store, network) rather than a
 * bug? Such errors answer 503 with `Retry-After`; others answer 500.
 *
 * @example
 * ```ts
 * isInfrastructureError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })); // true
 * ```
 */
export const isInfrastructureError = (error: unknown): boolean => {
  if (typeof error !== "object" || error === null) return false;
  const code = codeOf(error);
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_UNAVAILABLE_CLASSES.includes(code.slice(0, 2)))
      return true;
  }
  const text = `${(error as { name?: unknown }).name ?? ""} ${(error as { message?: unknown }).message ?? ""}`;
  if (MESSAGES.some((message) => text.includes(message))) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isInfrastructureError(cause);
};
