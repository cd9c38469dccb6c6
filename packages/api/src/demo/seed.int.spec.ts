import {
  claimDecider,
  type DomainError,
  payoutDecider,
  policyDecider,
  repairOrderDecider,
} from "@claimstream/domain";
import {
  createCommandHandler,
  type DomainEventLike,
  type EventStore,
  MemoryEventStore,
} from "@claimstream/eventstore";
import * as E from "fp-ts/lib/Either.js";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { composeApplication } from "../composition-root.js";
import { loadConfig } from "../config.js";
import { TOKENS } from "../tokens.js";
import { seedDemoData } from "./seed.js";
import { applySeedPlan, type SeedCommandHandler } from "./seed-apply.js";
import { applyPlanInMemory, type SeedStreams } from "./seed-memory.js";
import { buildSeedPlan } from "./seed-plan.js";
import { describeSeedFailure, type SeedAggregate } from "./seed-types.js";

const NOW = "2026-11-25T12:00:00.000Z";
// A smaller data set than npm start's (it still holds the whole showcase), for speed.
const plan = buildSeedPlan({ now: NOW, policies: 150, claims: 60 });

const expected = (): SeedStreams => {
  const result = applyPlanInMemory(plan);
  if (E.isLeft(result)) throw new Error(describeSeedFailure(result.left));
  return result.right;
};

/** The store holds exactly the events the in-memory rehearsal produced, stream by stream. */
const expectStoreToHold = async (store: EventStore, streams: SeedStreams): Promise<void> => {
  for (const [stream, events] of streams) {
    const stored: unknown[] = [];
    for await (const event of store.readStream(stream)) stored.push(event.data);
    expect(stored, stream).toEqual(events);
  }
};

describe("seeding the demo data into an event store", () => {
  it("goes through the API's command service and process manager without a refusal", async () => {
    const store = new MemoryEventStore();
    const application = await composeApplication(loadConfig({ LOG_LEVEL: "silent" }), {
      store,
      clock: fixedClock(NOW),
      logger: pino({ level: "silent" }),
      defaultMetrics: false,
    });
    try {
      const report = await seedDemoData(
        {
          store,
          commands: application.get(TOKENS.commands),
          aggregates: application.get(TOKENS.aggregates),
          clock: application.get(TOKENS.clock),
          logger: application.get(TOKENS.logger),
          principal: { id: "demo-seed", role: "admin", insurerId: null },
        },
        { plan },
      );
      expect(report.steps).toBe(plan.length);
      expect(report.commands).toBe(plan.length);
      await expectStoreToHold(store, expected());
    } finally {
      await application.close();
    }
  }, 60_000);

  it("goes through plain command handlers with the process manager run by the seed", async () => {
    const store = new MemoryEventStore();
    const deciders = {
      policy: policyDecider,
      claim: claimDecider,
      "repair-order": repairOrderDecider,
      payout: payoutDecider,
    } as const;
    const handlers = Object.fromEntries(
      Object.entries(deciders).map(([name, decider]) => [
        name,
        createCommandHandler({
          store,
          decider: decider as never,
        }),
      ]),
    ) as Record<
      SeedAggregate,
      ReturnType<typeof createCommandHandler<unknown, DomainEventLike, unknown, DomainError>>
    >;
    const handle: SeedCommandHandler = ({ aggregate, stream }, command, metadata) =>
      handlers[aggregate](stream, command, { metadata });
    const result = await applySeedPlan(plan, { handle });
    if (E.isLeft(result)) throw new Error(describeSeedFailure(result.left));
    expect(result.right.commands).toBeGreaterThan(plan.length);
    await expectStoreToHold(store, expected());
  }, 60_000);
});
