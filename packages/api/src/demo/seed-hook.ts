import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EventStore } from "@claimstream/eventstore";
import type { Logger } from "pino";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import type { Principal } from "../auth/principal.js";
import type { Clock } from "../clock.js";
import type { CommandService } from "../commands/command-service.js";
import type { Application } from "../composition-root.js";
import { TOKENS } from "../tokens.js";

/**
 * What `seedDemoData(deps)` of `src/demo/seed.ts` receives: the store to write to directly,
 * or the command service to go through the deciders, validation and process manager as the
 * API does (acting as {@link DemoSeedDependencies.principal}).
 */
export interface DemoSeedDependencies {
  readonly store: EventStore;
  readonly commands: CommandService;
  readonly aggregates: AggregateRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** An admin principal recorded as the actor `demo-seed`. */
  readonly principal: Principal;
}

/** What {@link seedDemoDataIfEmpty} did. */
export type SeedOutcome = "seeded" | "store_not_empty" | "disabled" | "no_seed_module";

type SeedModule = { readonly seedDemoData?: (deps: DemoSeedDependencies) => Promise<unknown> };

// Resolved at run time so the API builds and starts before the demo data set exists.
const SEED_MODULE = new URL("./seed.js", import.meta.url);

/**
 * Seeds the demo data set when the event store is empty, by calling `seedDemoData` from
 * `src/demo/seed.ts` when that module exists. `npm start` calls it after migrating.
 *
 * @example
 * ```ts
 * const outcome = await seedDemoDataIfEmpty(application); // "seeded" | "store_not_empty" | …
 * ```
 */
export const seedDemoDataIfEmpty = async (application: Application): Promise<SeedOutcome> => {
  if (!application.config.seedDemoData) return "disabled";
  const store = application.get(TOKENS.eventStore);
  if ((await store.headPosition()) > 0) return "store_not_empty";
  if (!existsSync(fileURLToPath(SEED_MODULE))) return "no_seed_module";
  const module = (await import(SEED_MODULE.href)) as SeedModule;
  if (typeof module.seedDemoData !== "function") return "no_seed_module";
  await module.seedDemoData({
    store,
    commands: application.get(TOKENS.commands),
    aggregates: application.get(TOKENS.aggregates),
    clock: application.get(TOKENS.clock),
    logger: application.get(TOKENS.logger),
    principal: { id: "demo-seed", role: "admin", insurerId: null },
  });
  return "seeded";
};
