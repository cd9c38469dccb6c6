import { type DependencyContainer, instanceCachingFactory } from "tsyringe";
import { TOKENS, type Token } from "../tokens.js";
import { WebhookRepository } from "../webhooks/webhook-repository.js";
import { IntegrationWorkers } from "./integration-workers.js";

/**
 * Registers the integration services in the composition root's container: the webhook
 * repository and the background workers (webhook dispatcher, deadline scheduler). Both need
 * PostgreSQL; with an injected store (tests, demos) they resolve to `null`.
 */
export const registerIntegrations = (container: DependencyContainer): void => {
  const get = <T>(token: Token<T>) => container.resolve<T>(token);
  container.register(TOKENS.webhooks, {
    useFactory: instanceCachingFactory(() => {
      const readModels = get(TOKENS.readModels);
      return readModels === null ? null : new WebhookRepository(readModels);
    }),
  });
  container.register(TOKENS.integrationWorkers, {
    useFactory: instanceCachingFactory(() => {
      const pool = get(TOKENS.pool);
      const readModels = get(TOKENS.readModels);
      if (pool === null || readModels === null) return null;
      return new IntegrationWorkers({
        pool,
        readModels,
        store: get(TOKENS.eventStore),
        reader: get(TOKENS.reader),
        commands: get(TOKENS.commands),
        aggregates: get(TOKENS.aggregates),
        calendars: get(TOKENS.calendars),
        clock: get(TOKENS.clock),
        config: get(TOKENS.config).integrations,
        logger: get(TOKENS.logger),
      });
    }),
  });
};
