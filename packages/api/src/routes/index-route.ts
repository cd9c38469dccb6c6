import { API_PREFIX } from "./api-prefix.js";

/**
 * What `GET /` answers a client that does not ask for HTML: where things are. Browsers get the
 * dashboard there instead (`dashboardRoutes` in `src/web/`, which owns the route).
 */
export const API_INDEX = {
  name: "claimstream",
  api: API_PREFIX,
  dashboard: "/",
  docs: "/docs",
  openapi: "/openapi.json",
  health: "/health",
  ready: "/ready",
  metrics: "/metrics",
} as const;
