import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRuntimeHarness,
  eventually,
  type RuntimeHarness,
} from "../../../test/support/runtime-harness.js";
import { streamCountProjection } from "../../../test/support/stream-count-projection.mjs";
import type { ProjectionRuntime } from "../projection-runtime.js";

const holds = (runtime: ProjectionRuntime): boolean => runtime.status()[0]?.leaseHeld === true;

describe("projection lease", () => {
  let harness: RuntimeHarness;
  beforeAll(async () => {
    harness = await createRuntimeHarness();
  });
  afterAll(() => harness.close());

  it("lets exactly one of two runtimes run a projection; the other takes over when it stops", async () => {
    const appliedBy = { first: 0, second: 0 };
    const first = await harness.startRuntime({
      projections: [
        streamCountProjection({ name: "leased", onEvent: () => (appliedBy.first += 1) }),
      ],
    });
    const second = await harness.startRuntime({
      projections: [
        streamCountProjection({ name: "leased", onEvent: () => (appliedBy.second += 1) }),
      ],
    });
    expect([holds(first), holds(second)]).toEqual([true, false]);
    expect(second.status()[0]?.state).toBe("standby");

    await harness.appendCounted("leased-a", 15);
    await first.waitUntilCaughtUp();
    expect(appliedBy).toEqual({ first: 15, second: 0 });

    await first.stop();
    await eventually(() => holds(second), 5000, "the standby to take over");
    await harness.appendCounted("leased-a", 10);
    await second.waitUntilCaughtUp();
    expect(appliedBy).toEqual({ first: 15, second: 10 });
    expect(await harness.counts("rm_leased")).toEqual(await harness.trueCounts());
  });

  it("when the holder's lease session drops, exactly one runtime takes the projection on, applying no event twice", async () => {
    const projection = () => streamCountProjection({ name: "leased_kill", delayMs: 2 });
    const doomed = await harness.startRuntime({ projections: [projection()], batchSize: 5 });
    const standby = await harness.startRuntime({ projections: [projection()], batchSize: 5 });
    expect([holds(doomed), holds(standby)]).toEqual([true, false]);
    const writer = harness.appendCounted("leased-kill", 60);
    await eventually(
      async () => ((await harness.counts("rm_leased_kill")).get("leased-kill") ?? 0) > 10,
    );

    // The holder's lease session ends (a network blip): PostgreSQL frees the lock, and the
    // holder, still alive, races the standby for it.
    const leaseHolder = async (): Promise<number | undefined> => {
      const result = await sql<{ pid: number }>`
        SELECT l.pid FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.classid::bigint = ((hashtextextended('claimstream.projection:leased_kill', 0) >> 32) & 4294967295)
          AND l.objid::bigint = (hashtextextended('claimstream.projection:leased_kill', 0) & 4294967295)`.execute(
        harness.db,
      );
      return result.rows[0]?.pid;
    };
    const killedPid = await leaseHolder();
    await sql`SELECT pg_terminate_backend(${killedPid}::int)`.execute(harness.db);
    await eventually(
      async () => {
        const pid = await leaseHolder();
        return pid !== undefined && pid !== killedPid;
      },
      5000,
      "a new lease session",
    );
    await eventually(() => holds(doomed) !== holds(standby), 5000, "exactly one holder");
    const [holder, other] = holds(doomed) ? [doomed, standby] : [standby, doomed];
    await eventually(() => other.status()[0]?.state === "standby", 5000, "the other to stand by");

    await writer;
    await holder.waitUntilCaughtUp();
    expect(await holder.listParked("leased_kill")).toEqual([]);
    expect(await harness.counts("rm_leased_kill")).toEqual(await harness.trueCounts());
  });
});
