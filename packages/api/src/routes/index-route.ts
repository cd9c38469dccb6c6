import fp from "fastify-plugin";
import { API_PREFIX } from "./api-prefix.js";

/**
 * `GET /`: where things are. The web dashboard takes this route over when it lands.
 */
export const indexRoute = fp(
  async (app) => {
    app.get("/", { config: { access: "public" }, schema: { hide: true } }, async () => ({
      name: "claimstream",
      api: API_PREFIX,
      docs: "/docs",
      openapi: "/openapi.json",
      health: "/health",
      ready: "/ready",
      metrics: "/metrics",
    }));
  },
  { name: "claimstream-index-route", fastify: "5.x" },
);
