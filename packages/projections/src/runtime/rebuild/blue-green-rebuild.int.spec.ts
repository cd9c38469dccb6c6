import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRuntimeHarness,
  eventually,
  type RuntimeHarness,
} from "../../../test/support/runtime-harness.js";
import { streamCountProjection } from "../../../test/support/stream-count-projection.mjs";
import { snapshotTables } from "../../../test/support/table-snapshot.js";
import type { RebuildProgress } from "./blue-green-rebuild.js";

describe("blue/green rebuild", () => {
  let harness: RuntimeHarness;
  beforeAll(async () => {
    harness = await createRuntimeHarness();
  });
  afterAll(() => harness.close());

  const schemas = async (): Promise<string[]> => {
    const result = await sql<{ nspname: string }>`
      SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_%' ORDER BY nspname`.execute(
      harness.db,
    );
    return result.rows.map((row) => row.nspname);
  };

  it("builds fresh tables while the live ones keep serving and updating, then swaps in tables equal to the incremental ones", async () => {
    for (let stream = 0; stream < 5; stream += 1)
      await harness.appendCounted(`rebuilt-${stream}`, 20);
    const runtime = await harness.startRuntime({
      projections: [
        streamCountProjection({ name: "rebuilt", delayMs: 1 }),
        streamCountProjection({ name: "reference" }),
      ],
    });
    await runtime.waitUntilCaughtUp();

    const writer = (async () => {
      for (let index = 0; index < 100; index += 1) {
        await harness.appendCounted(`rebuilt-${index % 7}`, 1);
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })();
    const liveTotals: number[] = [];
    const sampler = setInterval(() => {
      void harness.counts("rm_rebuilt").then((counts) => {
        liveTotals.push([...counts.values()].reduce((sum, count) => sum + count, 0));
      });
    }, 20);
    const progress: RebuildProgress[] = [];
    const report = await runtime.rebuild("rebuilt", { onProgress: (step) => progress.push(step) });
    clearInterval(sampler);
    await writer;
    await runtime.waitUntilCaughtUp();

    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((step) => step.eventsApplied)).toEqual(
      [...progress.map((step) => step.eventsApplied)].sort((a, b) => a - b),
    );
    expect(progress[0]).toMatchObject({ reason: "requested", version: 1 });
    expect(report).toMatchObject({ name: "rebuilt", version: 1 });
    // The live tables kept growing while the rebuild ran.
    expect(new Set(liveTotals).size).toBeGreaterThan(1);
    expect(await snapshotTables(harness.db, "rm_rebuilt")).toEqual(
      await snapshotTables(harness.db, "rm_reference"),
    );
    expect(await harness.counts("rm_rebuilt")).toEqual(await harness.trueCounts());
    expect(await schemas()).toEqual(["rm_rebuilt", "rm_reference"]);
  });

  it("rebuilds automatically when a projection's version changes, serving the old tables until the swap", async () => {
    const v1 = streamCountProjection({ name: "versioned", version: 1 });
    const first = await harness.startRuntime({ projections: [v1] });
    await first.waitUntilCaughtUp();
    await first.stop();
    const weights = async (): Promise<number[]> => {
      const result = await sql<{ events: number; weight: number }>`
        SELECT events, weight FROM rm_versioned.stream_counts`.execute(harness.db);
      return result.rows.map((row) => row.weight / row.events);
    };
    expect(new Set(await weights())).toEqual(new Set([1]));

    const v2 = streamCountProjection({
      name: "versioned",
      version: 2,
      weightOf: () => 2,
      delayMs: 1,
    });
    const second = await harness.startRuntime({ projections: [v2] });
    expect(second.status()[0]).toMatchObject({ state: "rebuilding", version: 1 });
    expect(second.status()[0]?.rebuild).toMatchObject({ reason: "version_changed", version: 2 });
    expect(new Set(await weights())).toEqual(new Set([1]));

    await eventually(() => second.status()[0]?.version === 2, 15_000, "the swap");
    expect(new Set(await weights())).toEqual(new Set([2]));
    await second.waitUntilCaughtUp();
    expect(await harness.counts("rm_versioned")).toEqual(await harness.trueCounts());
    const checkpoint = await sql<{ version: number }>`
      SELECT version FROM projections.checkpoints WHERE name = 'versioned'`.execute(harness.db);
    expect(checkpoint.rows).toEqual([{ version: 2 }]);
  });
});
