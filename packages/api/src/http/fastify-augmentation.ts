import type { Permission } from "../auth/permissions.js";
import type { Principal } from "../auth/principal.js";

/**
 * Who may call a route: `"public"`, or the permissions the caller's role must all hold (an
 * empty list: any valid key). Routes of our own route groups always say; routes without it
 * (the docs UI's static files) are public.
 */
export type RouteAccess = "public" | readonly Permission[];

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * `true`: the route affects every insurer (rebuilding shared read models), so only a key
     * scoped to no insurer may call it; a scoped key answers 403 `auth.insurer_forbidden`.
     */
    everyInsurer?: boolean;
  }
  interface FastifyRequest {
    /** The authenticated caller; `null` on public routes. */
    principal: Principal | null;
  }
}
