import { randomUUID } from "node:crypto";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { authPlugin, rateLimitKeyOf } from "./auth/auth-plugin.js";
import { FOLLOW_UPS } from "./commands/follow-up-reactor.js";
import type { Application } from "./composition-root.js";
import { errorHandlerPlugin } from "./http/error-handler.js";
import { HttpProblem } from "./http/problem.js";
import { calendarWarning } from "./observability/calendar-horizon.js";
import { metricsPlugin } from "./observability/metrics-plugin.js";
import { keyringWarning } from "./privacy/keyring.js";
import { analyticsRoutes } from "./routes/analytics.js";
import { asyncApiRoutes } from "./routes/asyncapi.js";
import { auditRoutes } from "./routes/audit.js";
import { calendarRoutes } from "./routes/calendars.js";
import { claimsListRoutes } from "./routes/claims-list.js";
import { commandRoutes } from "./routes/commands.js";
import { docsRoutes } from "./routes/docs.js";
import { eventRoutes } from "./routes/events.js";
import { operationRoutes, type ReadinessCheck } from "./routes/operations.js";
import { projectionRoutes } from "./routes/projections.js";
import { recordListRoutes } from "./routes/record-lists.js";
import { recordRoutes } from "./routes/records.js";
import { subjectRoutes } from "./routes/subjects.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { TOKENS } from "./tokens.js";
import { API_VERSION } from "./version.js";
import { dashboardRoutes } from "./web/dashboard-routes.js";
import { EgressPolicy } from "./webhooks/egress-policy.js";

// Ready: the event store answers and no projection is stalled (catching up is fine: reads
// are then behind, not wrong).
const readinessChecks = (application: Application): ReadinessCheck[] => {
  const store = application.get(TOKENS.eventStore);
  const projections = application.get(TOKENS.projections);
  const clock = application.get(TOKENS.clock);
  const checks: ReadinessCheck[] = [
    { name: "eventStore", check: async () => void (await store.headPosition()) },
    // Never makes the service unready: personal data is encrypted either way, but its keys
    // should be wrapped by a KEK held outside the database (ADR 0003).
    { name: "keyring", check: async () => keyringWarning(store, application.get(TOKENS.keyring)) },
    // Never makes the service unready: warns while a holiday table ends within 60 days.
    // (The same horizon is the gauge claimstream_calendar_table_days_left.)
    {
      name: "calendars",
      check: async () => calendarWarning(clock, application.get(TOKENS.calendars).lookup),
    },
  ];
  if (projections !== null) {
    checks.push({
      name: "projections",
      check: async () => {
        const stalled = projections.status().filter((status) => status.state === "stalled");
        if (stalled.length > 0)
          throw new Error(`stalled: ${stalled.map((status) => status.name).join(", ")}`);
      },
    });
    // Never makes the service unready: a follow-up the domain refused waits for an operator.
    checks.push({
      name: "followUps",
      check: async () => {
        const parked = projections.status().find((status) => status.name === FOLLOW_UPS)?.parked;
        return parked === undefined || parked === 0
          ? undefined
          : `${parked} follow-up(s) parked: claimstream projections parked ${FOLLOW_UPS}`;
      },
    });
  }
  return checks;
};

const registerCrossCutting = async (app: FastifyInstance, application: Application) => {
  const config = application.get(TOKENS.config);
  await app.register(errorHandlerPlugin, { bodyLimit: config.bodyLimit });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  });
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => rateLimitKeyOf(request, application.get(TOKENS.apiKeys)),
      errorResponseBuilder: (_request, context) =>
        HttpProblem.of(
          "request.rate_limited",
          `At most ${context.max} requests per minute`,
          {},
          {
            "retry-after": String(Math.ceil(context.ttl / 1000)),
          },
        ),
    });
  }
  await app.register(metricsPlugin, { metrics: application.get(TOKENS.metrics) });
  await app.register(authPlugin, {
    keys: application.get(TOKENS.apiKeys),
    authFailures: { max: config.authFailuresPerMinute, windowMs: 60_000 },
  });
};

/**
 * Builds the Fastify server from a composed {@link Application}: cross-cutting plugins (problem
 * errors, security headers, rate limit, metrics, API-key auth), the OpenAPI generator, then one
 * plugin per route group. Request bodies are validated by the domain's zod schemas in the
 * handlers; route JSON schemas (generated from them) document the API and are not re-checked.
 *
 * @example
 * ```ts
 * const app = await buildServer(await composeApplication(config));
 * await app.listen({ host: config.host, port: config.port });
 * ```
 */
export const buildServer = async (
  application: Application,
  extraChecks: readonly ReadinessCheck[] = [],
): Promise<FastifyInstance> => {
  const config = application.get(TOKENS.config);
  const app = Fastify({
    loggerInstance: application.get(TOKENS.logger) as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Request lines only when debugging; errors are always logged by the error handler.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== "debug" && config.logLevel !== "trace",
    }),
  });
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeContentTypeParser("text/plain");
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  await registerCrossCutting(app, application);
  const aggregates = application.get(TOKENS.aggregates);
  await app.register(docsRoutes, { version: API_VERSION, aggregates: aggregates.all });
  const reader = application.get(TOKENS.reader);
  await app.register(dashboardRoutes);
  const projections = application.get(TOKENS.projections);
  const readModels = application.get(TOKENS.readModels);
  const metrics = application.get(TOKENS.metrics);
  if (projections !== null) metrics.include(projections.registry);
  await app.register(operationRoutes, {
    metrics,
    checks: [...readinessChecks(application), ...extraChecks],
  });
  await app.register(commandRoutes, { commands: application.get(TOKENS.commands), aggregates });
  await app.register(claimsListRoutes, { readModels });
  await app.register(recordListRoutes, { readModels });
  await app.register(recordRoutes, { reader, aggregates });
  await app.register(auditRoutes, { reader, aggregates });
  await app.register(analyticsRoutes, { readModels, clock: application.get(TOKENS.clock) });
  await app.register(projectionRoutes, { projections, logger: application.get(TOKENS.logger) });
  await app.register(calendarRoutes, {
    calendars: application.get(TOKENS.calendars),
    store: application.get(TOKENS.eventStore),
  });
  await app.register(subjectRoutes, {
    reader,
    aggregates,
    logger: application.get(TOKENS.logger),
  });
  await app.register(eventRoutes, {
    store: application.get(TOKENS.eventStore),
    reader,
    settings: application.config.integrations.sse,
    logger: application.get(TOKENS.logger),
  });
  await app.register(webhookRoutes, {
    webhooks: application.get(TOKENS.webhooks),
    store: application.get(TOKENS.eventStore),
    egress: new EgressPolicy(application.config.integrations.webhooks.egress),
  });
  await app.register(asyncApiRoutes, { version: API_VERSION });
  return app;
};
