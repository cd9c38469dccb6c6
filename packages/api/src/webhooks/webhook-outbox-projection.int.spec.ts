import type { RecordedEvent } from "@claimstream/eventstore";
import fc from "fast-check";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";
import { type OutboxTables, webhookOutboxProjection } from "./webhook-outbox-projection.js";

/** One event of a test history: its stream, and where its insurer may come from. */
interface EventSpec {
  readonly streamId: string;
  readonly streamPosition: number;
  readonly tenantId?: string;
  readonly insurerId?: string;
}

const recorded = (specs: readonly EventSpec[]): RecordedEvent[] =>
  specs.map((spec, index) => ({
    streamId: spec.streamId,
    streamPosition: spec.streamPosition,
    globalPosition: 10 * (index + 1),
    eventId: `event-${index + 1}`,
    type: spec.streamPosition === 1 ? "ClaimRegistered" : "ClaimNoteAdded",
    data: spec.insurerId === undefined ? {} : { insurerId: spec.insurerId },
    metadata: {
      recordedAt: "2026-01-01T00:00:00.000Z",
      occurredAt: "2026-01-01T00:00:00.000Z",
      schemaVersion: 1,
      ...(spec.tenantId === undefined ? {} : { tenantId: spec.tenantId }),
    },
    hash: `hash-${index + 1}`,
    previousHash: null,
  }));

/** The outbox's rows, in a canonical order, as JSON (positions as numbers). */
interface OutboxSnapshot {
  readonly entries: unknown[];
  readonly stream_insurers: unknown[];
}

let database: TestDatabase;
let db: Kysely<OutboxTables>;
let statements = 0;
let schemas = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Kysely<OutboxTables>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }),
    log: (event) => {
      if (event.level === "query") statements += 1;
    },
  });
});

afterAll(async () => {
  await db.destroy();
  await database.drop();
});

const freshSchema = async (): Promise<string> => {
  schemas += 1;
  const schema = `rm_outbox_test_${schemas}`;
  await sql`create schema ${sql.id(schema)}`.execute(db);
  await webhookOutboxProjection.migrate(db as Kysely<unknown>, schema);
  return schema;
};

/** Applies each batch in its own transaction, as the runtime does; the statements it cost. */
const applyBatches = async (
  schema: string,
  batches: readonly (readonly RecordedEvent[])[],
): Promise<number[]> => {
  const { handleBatch } = webhookOutboxProjection;
  if (handleBatch === undefined) throw new Error("the outbox has no handleBatch");
  const costs: number[] = [];
  for (const batch of batches) {
    await db.transaction().execute(async (tx) => {
      const before = statements;
      await handleBatch(batch, { db: tx.withSchema(schema), schema, tx });
      costs.push(statements - before);
    });
  }
  return costs;
};

const applyOneByOne = async (schema: string, events: readonly RecordedEvent[]): Promise<void> => {
  await db.transaction().execute(async (tx) => {
    const ctx = { db: tx.withSchema(schema), schema, tx };
    for (const event of events) await webhookOutboxProjection.handle(event, ctx);
  });
};

const snapshot = async (schema: string): Promise<OutboxSnapshot> => {
  const rows = async (table: string, key: string) => {
    const result = await sql<{ row: unknown }>`
      select to_jsonb(t) as row from ${sql.id(schema, table)} t
      order by ${sql.ref(`t.${key}`)}`.execute(db);
    return result.rows.map(({ row }) => row);
  };
  return {
    entries: await rows("entries", "position"),
    stream_insurers: await rows("stream_insurers", "stream_id"),
  };
};

const splitInto = <T>(items: readonly T[], sizes: readonly number[]): T[][] => {
  const batches: T[][] = [];
  for (let start = 0, turn = 0; start < items.length; turn += 1) {
    const size = sizes[turn % sizes.length] ?? 1;
    batches.push(items.slice(start, start + size));
    start += size;
  }
  return batches;
};

// The rule, written independently of the projection: tenant metadata first, else the insurer
// of the stream's creation event (its `insurerId`, else its tenant) once that event was seen.
const expectedSnapshot = (events: readonly RecordedEvent[]): OutboxSnapshot => {
  const founders = new Map<string, string>();
  const entries = events.map((event) => {
    const tenant = event.metadata.tenantId;
    const founder = (event.data.insurerId as string | undefined) ?? tenant;
    if (event.streamPosition === 1 && founder !== undefined && !founders.has(event.streamId)) {
      founders.set(event.streamId, founder);
    }
    return {
      position: event.globalPosition,
      event_id: event.eventId,
      stream_id: event.streamId,
      stream_position: event.streamPosition,
      category: event.streamId.split("-")[0],
      event_type: event.type,
      insurer_id: tenant ?? founders.get(event.streamId) ?? null,
    };
  });
  const stream_insurers = [...founders]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([stream_id, insurer_id]) => ({ stream_id, insurer_id }));
  return { entries, stream_insurers };
};

// Batch 1 founds P-1 (by `insurerId`) and C-1 (by tenant), uses P-1 later in the batch, and
// holds C-2 (founded without any insurer) and C-3 (whose creation event is never seen).
const FIRST_BATCH = [
  { streamId: "policy-P-1", streamPosition: 1, insurerId: "ins-a" },
  { streamId: "claim-C-1", streamPosition: 1, tenantId: "ins-b" },
  { streamId: "policy-P-1", streamPosition: 2 },
  { streamId: "claim-C-2", streamPosition: 1 },
  { streamId: "claim-C-2", streamPosition: 2 },
  { streamId: "claim-C-3", streamPosition: 4 },
] as const;
// Batch 2 uses C-1 (founded in batch 1), tags P-1 with another tenant, and founds R-1 whose
// `insurerId` differs from its creation event's tenant.
const SECOND_BATCH = [
  { streamId: "claim-C-1", streamPosition: 2 },
  { streamId: "policy-P-1", streamPosition: 3, tenantId: "ins-c" },
  { streamId: "payout-R-1", streamPosition: 1, insurerId: "ins-d", tenantId: "ins-e" },
  { streamId: "payout-R-1", streamPosition: 2 },
] as const;
const SCRIPTED = recorded([...FIRST_BATCH, ...SECOND_BATCH]);
const [FIRST, SECOND] = splitInto(SCRIPTED, [FIRST_BATCH.length, SECOND_BATCH.length]);

describe("webhook outbox projection, set-based", () => {
  it("gives each entry its tenant, else its stream's insurer, else null, across batches", async () => {
    const schema = await freshSchema();
    await applyBatches(schema, [FIRST ?? [], SECOND ?? []]);
    const { entries, stream_insurers } = await snapshot(schema);
    expect(entries.map((entry) => (entry as { insurer_id: unknown }).insurer_id)).toEqual([
      "ins-a", // P-1's creation event: its insurerId
      "ins-b", // C-1's creation event: its tenant
      "ins-a", // P-1 founded earlier in the same batch
      null, // C-2 founded with no insurer
      null, // C-2 later: still no insurer
      null, // C-3's creation event never seen
      "ins-b", // C-1 founded in the previous batch
      "ins-c", // the tenant wins over P-1's insurer
      "ins-e", // the tenant wins over R-1's insurerId
      "ins-d", // R-1's insurer is its creation event's insurerId
    ]);
    expect(stream_insurers).toEqual([
      { stream_id: "claim-C-1", insurer_id: "ins-b" },
      { stream_id: "payout-R-1", insurer_id: "ins-d" },
      { stream_id: "policy-P-1", insurer_id: "ins-a" },
    ]);
  });

  it("builds the same tables in batches as one event at a time", async () => {
    const [batched, oneByOne] = [await freshSchema(), await freshSchema()];
    await applyBatches(batched, [FIRST ?? [], SECOND ?? []]);
    await applyOneByOne(oneByOne, SCRIPTED);
    expect(await snapshot(batched)).toEqual(await snapshot(oneByOne));
    expect(await snapshot(batched)).toEqual(expectedSnapshot(SCRIPTED));
  });

  it("leaves the tables unchanged when a batch is applied again", async () => {
    const schema = await freshSchema();
    await applyBatches(schema, [FIRST ?? [], SECOND ?? []]);
    const once = await snapshot(schema);
    await applyBatches(schema, [SCRIPTED, SECOND ?? []]);
    expect(await snapshot(schema)).toEqual(once);
  });

  it("writes a batch of 2,000 events in two statements", async () => {
    const specs = Array.from({ length: 2_000 }, (_, index): EventSpec => {
      const stream = index % 500;
      return {
        streamId: `claim-${stream}`,
        streamPosition: Math.floor(index / 500) + 1,
        ...(index % 3 === 0 ? { tenantId: `ins-${stream % 7}` } : {}),
        ...(index < 500 ? { insurerId: `ins-${stream % 5}` } : {}),
      };
    });
    const events = recorded(specs);
    const schema = await freshSchema();
    expect(await applyBatches(schema, [events])).toEqual([2]);
    expect(await snapshot(schema)).toEqual(expectedSnapshot(events));
  });

  it("builds the same tables from any batch split, re-applied or not, as one event at a time (property)", async () => {
    const specArb = fc.record({
      stream: fc.integer({ min: 0, max: 5 }),
      tenantId: fc.option(fc.constantFrom("ins-a", "ins-b"), { nil: undefined }),
      insurerId: fc.option(fc.constantFrom("ins-a", "ins-c"), { nil: undefined }),
    });
    const historyArb = fc
      .tuple(
        fc.array(specArb, { minLength: 1, maxLength: 40 }),
        // Streams whose creation event came before the history starts.
        fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
      )
      .map(([steps, olderStreams]) => {
        const versions = new Map(olderStreams.map((stream) => [stream, 3]));
        return recorded(
          steps.map(({ stream, tenantId, insurerId }): EventSpec => {
            const streamPosition = (versions.get(stream) ?? 0) + 1;
            versions.set(stream, streamPosition);
            return { streamId: `claim-S-${stream}`, streamPosition, tenantId, insurerId };
          }),
        );
      });
    const sizesArb = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(historyArb, sizesArb, fc.nat(), async (events, sizes, replayFrom) => {
        const [batched, oneByOne] = [await freshSchema(), await freshSchema()];
        await applyBatches(batched, splitInto(events, sizes));
        // A batch applied again (a crash before its checkpoint) changes nothing.
        await applyBatches(batched, [events.slice(replayFrom % events.length)]);
        await applyOneByOne(oneByOne, events);
        const expected = expectedSnapshot(events);
        expect(await snapshot(oneByOne)).toEqual(expected);
        expect(await snapshot(batched)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
