import * as E from "fp-ts/lib/Either.js";
import { applySeedPlan, type SeedCommandHandler } from "./seed-apply.js";
import type { DemoSeedDependencies } from "./seed-hook.js";
import { applyPlanInMemory } from "./seed-memory.js";
import { buildSeedPlan } from "./seed-plan.js";
import { type SeedFigures, summarizeSeed } from "./seed-summary.js";
import { describeSeedFailure, type SeedPlan, type SeedStepFailure } from "./seed-types.js";

/** Seeding stopped at a refused command: a bug in the plan (or in what it was applied to). */
export class SeedFailedError extends Error {
  override readonly name = "SeedFailedError";

  constructor(readonly failure: SeedStepFailure) {
    super(describeSeedFailure(failure));
  }
}

/** A refusal the API reports outside the domain's errors (validation, authorisation…). */
class SeedCommandRejected extends Error {
  override readonly name = "SeedCommandRejected";

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Choices beyond the API's dependencies (tests, a fixed demo). */
export interface SeedDemoOptions {
  /** Business "now" of the data set; defaults to `deps.clock.now()`. */
  readonly now?: string;
  readonly seed?: number;
  /** A plan built beforehand (e.g. a smaller one in tests). */
  readonly plan?: SeedPlan;
}

/** What was seeded. */
export interface SeedReport {
  readonly steps: number;
  /** Commands sent, the process manager's included. */
  readonly commands: number;
  readonly figures: SeedFigures;
}

// The API's command service validates, decides, appends and runs the process manager; a
// follow-up it rejects is only logged there, so it is turned into a refusal here.
const viaCommandService =
  (deps: DemoSeedDependencies): SeedCommandHandler =>
  async ({ aggregate, id }, command, metadata) => {
    const result = await deps.commands.execute({
      aggregate: deps.aggregates.byName(aggregate),
      target: { mode: "command", id },
      body: command,
      principal: deps.principal,
      correlationId: metadata.correlationId,
    });
    if (E.isLeft(result)) {
      const rejection = result.left;
      return E.left(
        rejection.kind === "domain"
          ? rejection.error
          : new SeedCommandRejected(rejection.code, rejection.message),
      );
    }
    const failed = result.right.followUps.find(
      (followUp) => followUp.outcome === "rejected" || followUp.outcome === "failed",
    );
    return failed
      ? E.left(
          new SeedCommandRejected(
            failed.reason ?? failed.outcome,
            `process manager ${failed.type} on ${failed.aggregate} ${failed.id} was ${failed.outcome}`,
          ),
        )
      : E.right({ events: result.right.events });
  };

/**
 * Loads the demo data set through the API's command service (validation, deciders, event
 * store, process manager), as `npm start` does on an empty store via `seedDemoDataIfEmpty`.
 * The plan is first rehearsed in memory, so a bug in it never leaves a half-seeded store.
 * Throws {@link SeedFailedError} with the step index and the refusal when a command is
 * refused; infrastructure faults propagate as they are.
 *
 * @example
 * ```ts
 * const report = await seedDemoData(deps); // deps: see DemoSeedDependencies in seed-hook.ts
 * report.figures.claims.byStatus; // { closed: 238, in_assessment: 18, … }
 * ```
 */
export const seedDemoData = async (
  deps: DemoSeedDependencies,
  options: SeedDemoOptions = {},
): Promise<SeedReport> => {
  const now = options.now ?? deps.clock.now();
  const plan = options.plan ?? buildSeedPlan({ now, seed: options.seed });
  const rehearsal = applyPlanInMemory(plan);
  if (E.isLeft(rehearsal)) throw new SeedFailedError(rehearsal.left);
  const figures = summarizeSeed(rehearsal.right);
  deps.logger.info(`seeding demo data as of ${now}: ${plan.length} steps`);
  const applied = await applySeedPlan(plan, {
    handle: viaCommandService(deps),
    runProcessManager: false,
    log: (line) => deps.logger.info(line),
  });
  if (E.isLeft(applied)) throw new SeedFailedError(applied.left);
  deps.logger.info(
    { claims: figures.claims.byStatus, repairOrders: figures.repairOrders.byStatus },
    `seeded ${figures.policies.total} policies, ${figures.claims.total} claims, ${figures.repairOrders.total} repair orders, ${figures.payouts.total} payouts (${figures.events} events)`,
  );
  return { steps: plan.length, commands: applied.right.commands, figures };
};
