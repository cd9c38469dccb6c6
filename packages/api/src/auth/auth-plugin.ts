import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import "../http/fastify-augmentation.js";
import { HttpProblem } from "../http/problem.js";
import type { ApiKeyRegistry } from "./api-keys.js";
import { hasPermission } from "./permissions.js";
import type { Principal } from "./principal.js";

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const CHALLENGE = { "www-authenticate": 'Bearer realm="claimstream"' };

/** The key a request presents, from `Authorization: Bearer …` or `X-API-Key`. */
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

/**
 * API-key authentication and role authorisation, per route: a route's `config.access` lists
 * the permissions its caller needs (see `ROLE_PERMISSIONS`); `"public"` or no `access` lets
 * anyone in. Missing or unknown key → 401, a role without the permission → 403.
 */
export const authPlugin = fp<{ readonly keys: ApiKeyRegistry }>(
  async (app, { keys }) => {
    app.decorateRequest("principal", null);
    app.addHook("onRequest", async (request) => {
      const access = request.routeOptions.config.access;
      if (access === undefined || access === "public") return;
      const principal = authenticate(request, keys);
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
