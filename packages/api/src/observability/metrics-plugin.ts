import fp from "fastify-plugin";
import type { ApiMetrics } from "./metrics.js";

/** Times every request into {@link ApiMetrics} by method, route pattern (not raw URL) and status. */
export const metricsPlugin = fp<{ readonly metrics: ApiMetrics }>(
  async (app, { metrics }) => {
    app.addHook("onResponse", async (request, reply) => {
      const route = request.routeOptions.url ?? "unmatched";
      metrics.requestServed(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    });
  },
  { name: "claimstream-metrics", fastify: "5.x" },
);
