/**
 * `@claimstream/api`: the Fastify server, the composition root (tsyringe), the `claimstream`
 * CLI and the domain demo. `npm start` runs {@link runStart}; embedders compose and serve:
 *
 * @example
 * ```ts
 * import { buildServer, composeApplication, loadConfig } from "@claimstream/api";
 * const application = await composeApplication(loadConfig(process.env));
 * await application.migrate();
 * const server = await buildServer(application);
 * await server.listen({ host: "127.0.0.1", port: 3000 });
 * ```
 *
 * @packageDocumentation
 */
export type { ActorField, Aggregate, AggregateName, AnyCommand } from "./aggregates/aggregate.js";
export {
  type AggregateRegistry,
  createAggregateRegistry,
  DEFAULT_DECIDER_CONFIGS,
  type DeciderConfigs,
} from "./aggregates/aggregates.js";
export {
  type AnalyticsContext,
  type AnalyticsEndpoint,
  defineEndpoint,
} from "./analytics/analytics-endpoint.js";
export { ANALYTICS_ENDPOINTS } from "./analytics/endpoints.js";
export { asyncApiDocument } from "./asyncapi/asyncapi-document.js";
export { ApiKeyRegistry, keyIdOf } from "./auth/api-keys.js";
export {
  hasPermission,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
} from "./auth/permissions.js";
export { PROCESS_MANAGER_ACTOR, type Principal } from "./auth/principal.js";
export { type CliIo, EXIT, processIo } from "./cli/cli-io.js";
export { type ImportReport, importCommands } from "./cli/import-commands.js";
export { type Environment, runCli } from "./cli/run-cli.js";
export { type RunningApi, runStart, startApi } from "./cli/start.js";
export { type Clock, fixedClock, systemClock } from "./clock.js";
export { type CommandRejection, describeRejection } from "./commands/command-rejection.js";
export {
  type CommandOutcome,
  type CommandRequest,
  CommandService,
  type CommandServiceDependencies,
} from "./commands/command-service.js";
export type { FollowUp } from "./commands/follow-up.js";
export type { CommandTarget } from "./commands/prepare-command.js";
export {
  type Application,
  type CompositionOverrides,
  composeApplication,
  type MigrationReport,
} from "./composition-root.js";
export {
  type ApiKeyConfig,
  ApiKeyConfigSchema,
  type AppConfig,
  ConfigError,
  EnvironmentSchema,
  loadConfig,
} from "./config.js";
export { runClaimDemo } from "./demo/claim-demo.js";
export {
  type DemoSeedDependencies,
  type SeedOutcome,
  seedDemoDataIfEmpty,
} from "./demo/seed-hook.js";
export { toCsv } from "./http/csv.js";
export { DOMAIN_ERROR_STATUS, problemOfDomainError } from "./http/domain-error-status.js";
export type { RouteAccess } from "./http/fastify-augmentation.js";
export {
  API_PROBLEM_CODES,
  type ApiProblemCode,
  HttpProblem,
  type ProblemDocument,
} from "./http/problem.js";
export {
  type IntegrationConfig,
  IntegrationEnvironmentSchema,
  loadIntegrationConfig,
} from "./integration-config.js";
export { ApiMetrics } from "./observability/metrics.js";
export { READ_MODEL_PROJECTIONS } from "./read-models/read-model-projections.js";
export {
  AggregateReader,
  type AggregateReaderOptions,
  type AggregateSnapshot,
} from "./reads/aggregate-reader.js";
export type { StateCacheOptions } from "./reads/state-cache.js";
export type { ReadinessCheck } from "./routes/operations.js";
export { DEADLINE_SCHEDULER, DeadlineScheduler } from "./scheduler/deadline-scheduler.js";
export { type SlaConfig, SlaConfigSchema } from "./scheduler/sla-config.js";
export { deciderConfigsFor, slaDeadlineRules } from "./scheduler/sla-deadline-rules.js";
export { buildServer } from "./server.js";
export { type CloudEvent, toCloudEvent } from "./streams/cloud-event.js";
export { TOKENS, type Token } from "./tokens.js";
export { API_VERSION } from "./version.js";
export { webhookOutboxProjection } from "./webhooks/webhook-outbox-projection.js";
export {
  type SignedDelivery,
  signWebhook,
  verifyWebhookSignature,
} from "./webhooks/webhook-signature.js";
export { IntegrationWorkers } from "./workers/integration-workers.js";
