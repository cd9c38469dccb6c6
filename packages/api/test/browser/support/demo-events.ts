import {
  type EventStore,
  MemoryEventStore,
  type NewEvent,
  type RecordedEvent,
} from "@claimstream/eventstore";
import { pino } from "pino";
import { fixedClock } from "../../../src/clock.js";
import { composeApplication } from "../../../src/composition-root.js";
import { loadConfig } from "../../../src/config.js";
import { seedDemoData } from "../../../src/demo/seed.js";
import { buildSeedPlan } from "../../../src/demo/seed-plan.js";
import { TOKENS } from "../../../src/tokens.js";

/** How much demo data: enough for every chart, made in seconds. */
export interface DemoSize {
  readonly policies: number;
  readonly claims: number;
}

/**
 * The demo data set's events, as `seedDemoData` writes them through the API's command service
 * (validation, deciders, process manager), made on an in-memory store: PostgreSQL round trips
 * per command would take the browser test's whole time budget.
 */
export const demoEvents = async (now: string, size: DemoSize): Promise<RecordedEvent[]> => {
  const store = new MemoryEventStore();
  const application = await composeApplication(loadConfig({ LOG_LEVEL: "silent" }), {
    store,
    clock: fixedClock(now),
    logger: pino({ level: "silent" }),
    defaultMetrics: false,
  });
  try {
    await seedDemoData(
      {
        store,
        commands: application.get(TOKENS.commands),
        aggregates: application.get(TOKENS.aggregates),
        clock: application.get(TOKENS.clock),
        logger: application.get(TOKENS.logger),
        principal: { id: "demo-seed", role: "admin", insurerId: null },
      },
      { plan: buildSeedPlan({ now, ...size }) },
    );
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await application.close();
  }
};

const asNewEvent = ({ eventId, type, data, metadata }: RecordedEvent): NewEvent => ({
  eventId,
  type,
  data,
  metadata: {
    occurredAt: metadata.occurredAt,
    schemaVersion: metadata.schemaVersion,
    ...(metadata.correlationId === undefined ? {} : { correlationId: metadata.correlationId }),
    ...(metadata.causationId === undefined ? {} : { causationId: metadata.causationId }),
    ...(metadata.actor === undefined ? {} : { actor: metadata.actor }),
    ...(metadata.tenantId === undefined ? {} : { tenantId: metadata.tenantId }),
  },
});

/**
 * Appends `events` to `store` in their global order, one append per run of consecutive events
 * of one stream, so the projections see the same order as after a real seed.
 */
export const copyEvents = async (events: readonly RecordedEvent[], store: EventStore) => {
  let run: RecordedEvent[] = [];
  const flush = async () => {
    const first = run[0];
    if (first === undefined) return;
    await store.appendToStream(first.streamId, run.map(asNewEvent), {
      expectedVersion: first.streamPosition === 1 ? "no_stream" : first.streamPosition - 1,
    });
    run = [];
  };
  for (const event of events) {
    if (run.length > 0 && run[0]?.streamId !== event.streamId) await flush();
    run.push(event);
  }
  await flush();
};
