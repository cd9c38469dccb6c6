import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import "../http/fastify-augmentation.js";
import { HttpProblem } from "../http/problem.js";
import type { ApiKeyRegistry } from "./api-keys.js";
import { hasPermission } from "./permissions.js";
import type { Principal } from "./principal.js";

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const CHALLENGE = { "www-authenticate": 'Bearer realm="claimstream"' };

/**
 * The key a request presents, from `Authorization: Bearer …` or `X-API-Key`; throws when the
 * two name different keys.
 */
const presentedKey = (request: FastifyRequest): string | undefined => {
  const bearer = request.headers.authorization?.match(BEARER)?.[1];
  const header = request.headers["x-api-key"];
  const apiKey = typeof header === "string" && header !== "" ? header : undefined;
  if (bearer !== undefined && apiKey !== undefined && bearer !== apiKey) {
    throw HttpProblem.of(
      "auth.invalid_credentials",
      "Authorization and X-API-Key name different keys",
      {},
      CHALLENGE,
    );
  }
  return bearer ?? apiKey;
};

const authenticate = (request: FastifyRequest, keys: ApiKeyRegistry): Principal => {
  const key = presentedKey(request);
  if (key === undefined) {
    throw HttpProblem.of(
      "auth.missing_credentials",
      "Send an API key as Authorization: Bearer <key> or X-API-Key",
      {},
      CHALLENGE,
    );
  }
  const principal = keys.authenticate(key);
  if (principal === undefined)
    throw HttpProblem.of("auth.invalid_credentials", "The API key is not known", {}, CHALLENGE);
  return principal;
};

/** A request's credential: the caller it authenticates, or the 401 it earns. */
type Credential = { readonly principal: Principal } | { readonly problem: HttpProblem };

// Resolved once per request: the rate limit and the auth hook both ask.
const credentials = new WeakMap<FastifyRequest, Credential>();

const credentialOf = (request: FastifyRequest, keys: ApiKeyRegistry): Credential => {
  let credential = credentials.get(request);
  if (credential === undefined) {
    try {
      credential = { principal: authenticate(request, keys) };
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      credential = { problem: error };
    }
    credentials.set(request, credential);
  }
  return credential;
};

/**
 * What a request's rate limit is counted against: the resolved credential (the key's id) when
 * the request presents a known key, by whichever header; otherwise the client address, so
 * that guessing keys, or sending a fresh junk header each time, all count against one bucket.
 */
export const rateLimitKeyOf = (request: FastifyRequest, keys: ApiKeyRegistry): string => {
  const credential = credentialOf(request, keys);
  return "principal" in credential ? `key:${credential.principal.id}` : `ip:${request.ip}`;
};

/** How many failed authentications a client address may make per window before 429. */
export interface AuthFailureLimit {
  readonly max: number;
  readonly windowMs: number;
}

const DEFAULT_AUTH_FAILURES: AuthFailureLimit = { max: 30, windowMs: 60_000 };
const MAX_TRACKED_ADDRESSES = 50_000;

/** Failed authentications per client address, in fixed windows. */
class AuthFailures {
  readonly #byAddress = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly limit: AuthFailureLimit) {}

  /** Seconds until the address may try again, or 0 when it may now. */
  blockedFor(address: string, now: number): number {
    if (this.limit.max === 0) return 0;
    const entry = this.#byAddress.get(address);
    if (entry === undefined || entry.resetAt <= now) return 0;
    return entry.count >= this.limit.max ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  record(address: string, now: number): void {
    if (this.limit.max === 0) return;
    const entry = this.#byAddress.get(address);
    if (entry === undefined || entry.resetAt <= now) {
      if (this.#byAddress.size >= MAX_TRACKED_ADDRESSES) this.#byAddress.clear();
      this.#byAddress.set(address, { count: 1, resetAt: now + this.limit.windowMs });
    } else entry.count += 1;
  }
}

/**
 * API-key authentication and role authorisation, per route: a route's `config.access` lists
 * the permissions its caller needs (see `ROLE_PERMISSIONS`); `"public"` or no `access` lets
 * anyone in. Missing or unknown key → 401, a role without the permission → 403. A client
 * address with too many failed authentications in a window gets 429 `request.rate_limited`
 * (with `Retry-After`) until the window ends, whatever key it then presents.
 */
export const authPlugin = fp<{
  readonly keys: ApiKeyRegistry;
  readonly authFailures?: AuthFailureLimit;
}>(
  async (app, { keys, authFailures }) => {
    const failures = new AuthFailures(authFailures ?? DEFAULT_AUTH_FAILURES);
    app.decorateRequest("principal", null);
    // preParsing, not onRequest: the rate limit's hook is a route-level onRequest hook, which
    // runs after every global onRequest hook, so rejected authentications would never count.
    // Still before the body is parsed.
    app.addHook("preParsing", async (request) => {
      const access = request.routeOptions.config.access;
      if (access === undefined || access === "public") return;
      const now = Date.now();
      const wait = failures.blockedFor(request.ip, now);
      if (wait > 0) {
        throw HttpProblem.of(
          "request.rate_limited",
          "Too many failed authentications from this address; wait before trying again",
          {},
          { "retry-after": String(wait) },
        );
      }
      const credential = credentialOf(request, keys);
      if ("problem" in credential) {
        failures.record(request.ip, now);
        throw credential.problem;
      }
      const { principal } = credential;
      const missing = access.filter((permission) => !hasPermission(principal.role, permission));
      if (missing.length > 0) {
        throw HttpProblem.of(
          "auth.forbidden",
          `The role ${principal.role} lacks ${missing.join(", ")}`,
          {
            missing,
          },
        );
      }
      if (request.routeOptions.config.everyInsurer === true && principal.insurerId !== null) {
        throw HttpProblem.of(
          "auth.insurer_forbidden",
          `This operation affects every insurer; a key scoped to ${principal.insurerId} may not run it`,
        );
      }
      request.principal = principal;
    });
  },
  { name: "claimstream-auth", fastify: "5.x", dependencies: ["claimstream-errors"] },
);

/** The authenticated caller of a route that requires access (throws on a public route). */
export const principalOf = (request: FastifyRequest): Principal => {
  if (request.principal === null)
    throw HttpProblem.of("auth.missing_credentials", "This route needs an API key");
  return request.principal;
};
