import type { RecordedEvent } from "@claimstream/eventstore";
import fc from "fast-check";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";
import { operationsHistoryArb } from "../../test/support/operations-history-arbitrary.js";
import { type Projection, projectionSchema } from "../runtime/projection.js";
import { adjusterWorkloadProjection } from "./adjuster-workload/projection.js";
import { customerProjection } from "./customer/projection.js";
import { insurerScorecardProjection } from "./insurer-scorecard/projection.js";
import { shopWorkloadProjection } from "./shop-workload/projection.js";
import { slaComplianceProjection } from "./sla-compliance/projection.js";
import { timeToSettleProjection } from "./time-to-settle/projection.js";

const PROJECTIONS: readonly Projection<never>[] = [
  adjusterWorkloadProjection,
  timeToSettleProjection,
  slaComplianceProjection,
  insurerScorecardProjection,
  shopWorkloadProjection,
  customerProjection,
] as unknown as Projection<never>[];

/** Every row of every table of the projection's schema, as sorted JSON text per table. */
const contents = async (db: Kysely<unknown>, projection: Projection<never>) => {
  const schema = projectionSchema(projection.name);
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = ${schema} order by 1
  `.execute(db);
  const dump: Record<string, string[]> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`
      select to_jsonb(t)::text as row from ${sql.id(schema, table_name)} t order by 1
    `.execute(db);
    dump[table_name] = rows.rows.map((r) => r.row);
  }
  return dump;
};

const reset = async (db: Kysely<unknown>) => {
  for (const projection of PROJECTIONS) {
    await sql`drop schema if exists ${sql.id(projectionSchema(projection.name))} cascade`.execute(
      db,
    );
  }
};

const applyAll = async (db: Kysely<unknown>, parts: readonly (readonly RecordedEvent[])[]) => {
  for (const projection of PROJECTIONS) {
    for (const part of parts) await applyProjection(db, projection, part);
  }
};

describe("operations read models", () => {
  let rebuilt: TestDatabase;
  let incremental: TestDatabase;

  beforeAll(async () => {
    [rebuilt, incremental] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(() => Promise.all([rebuilt.drop(), incremental.drop()]));

  it("rebuilding from scratch gives exactly the tables built in two parts", async () => {
    await fc.assert(
      fc.asyncProperty(
        operationsHistoryArb(3).chain((events) =>
          fc.tuple(fc.constant(events), fc.nat({ max: events.length })),
        ),
        async ([events, split]) => {
          await Promise.all([reset(rebuilt.db), reset(incremental.db)]);
          await Promise.all([
            applyAll(rebuilt.db, [events]),
            applyAll(incremental.db, [events.slice(0, split), events.slice(split)]),
          ]);
          for (const projection of PROJECTIONS) {
            expect(await contents(incremental.db, projection)).toEqual(
              await contents(rebuilt.db, projection),
            );
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
