import {
  type Application,
  composeApplication,
  loadConfig,
  READ_MODEL_PROJECTIONS,
  TOKENS,
} from "@claimstream/api";
import { PostgresEventStore } from "@claimstream/eventstore";
import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { ProjectionRuntime } from "@claimstream/projections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSURERS, RELIABILITY_KEYS } from "../src/api-keys.js";
import { ClaimStoryWriter } from "../src/claim-story-writer.js";
import { recordFigures } from "../src/figures.js";
import { snapshotSchema } from "../src/read-model-snapshot.js";
import { RUN_SEED, seededRandom } from "../src/seeded-random.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase, eventCount, sqlRows } from "../src/test-database.js";
import { startWorker, type WorkerProcess } from "../src/worker-process.js";

const WRITERS = 4;
const EVENT_TYPES = [
  ...new Set(READ_MODEL_PROJECTIONS.flatMap((projection) => projection.eventTypes)),
];
const NAMES = [...READ_MODEL_PROJECTIONS.map((projection) => projection.name), "delivery_audit"];
let database: ScratchDatabase;
let application: Application;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createReliabilityDatabase();
  application = await composeApplication(
    loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent", CLAIMSTREAM_SEED_DEMO: "false" }),
    { apiKeys: RELIABILITY_KEYS, defaultMetrics: false },
  );
  await application.migrate();
});
afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  await application?.close();
  await database?.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const writeUntil = async (target: number, done: { value: boolean }) => {
  const writer = new ClaimStoryWriter(application);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, lane) => {
      for (let story = 0; !done.value; story += 1) {
        const insurer = INSURERS[(lane + story) % 2] as string;
        await writer.writeStory(`w${lane}-${story}`, insurer, story % 3 === 0);
        if ((await eventCount(database.url)) >= target) done.value = true;
      }
    }),
  );
};

/** Kills a random worker whenever the event count crosses the next random threshold. */
const killAtRandomPoints = async (kills: number, target: number, random: () => number) => {
  const thresholds = Array.from({ length: kills }, (_, k) =>
    Math.floor((target * (k + random())) / kills),
  );
  let done = 0;
  const deadline = Date.now() + 1_800_000;
  while (done < kills && Date.now() < deadline) {
    if ((await eventCount(database.url)) < (thresholds[done] ?? 0)) {
      await pause(50);
      continue;
    }
    await pause(random() * 300);
    const victim = Math.floor(random() * workers.length);
    const worker = workers[victim] as WorkerProcess;
    worker.child.kill("SIGKILL");
    await worker.exited;
    done += 1;
    const replacement = startWorker(database.url);
    workers[victim] = replacement;
    // A worker still starting may be killed too: that is one more random point.
    await Promise.race([replacement.started, pause(5000)]);
  }
  return done;
};

const caughtUp = async (names: readonly string[], deadline: number) => {
  const head = await application.get(TOKENS.eventStore).headPosition();
  while (Date.now() < deadline) {
    const rows = await sqlRows<{ name: string; position: string }>(
      database.url,
      "SELECT name, position::text FROM projections.checkpoints WHERE slot = 'live'",
    );
    const positions = new Map(rows.map((row) => [row.name, Number(row.position)]));
    if (names.every((name) => (positions.get(name) ?? -1) >= head)) return;
    await pause(200);
  }
  throw new Error("projections did not catch up");
};

/** A clean rebuild: the same projections under other names, from position 0, undisturbed. */
const cleanRebuild = async () => {
  const clean = READ_MODEL_PROJECTIONS.map((projection) => ({
    ...projection,
    name: `clean_${projection.name}`,
  }));
  const store = await PostgresEventStore.connect({
    connectionString: database.url,
    migrate: false,
  });
  const runtime = new ProjectionRuntime({
    store,
    connectionString: database.url,
    projections: clean,
  });
  const started = Date.now();
  await runtime.start();
  await runtime.waitUntilCaughtUp({ timeoutMs: 900_000 });
  await runtime.stop();
  await store.close();
  return (Date.now() - started) / 1000;
};

describe("projection workers SIGKILLed at random points while events flow", () => {
  it("every read model equals a clean rebuild, and every event was applied exactly once", async () => {
    const { kills, events, workers: count } = SETTINGS.crash;
    const random = seededRandom(RUN_SEED);
    for (let index = 0; index < count; index += 1) workers.push(startWorker(database.url));
    await Promise.all(workers.map((worker) => worker.started));
    const started = Date.now();
    const done = { value: false };
    const [, killed] = await Promise.all([
      writeUntil(events, done),
      killAtRandomPoints(kills, events, random),
    ]);
    const writeSeconds = (Date.now() - started) / 1000;
    const writtenAt = Date.now();
    await caughtUp(NAMES, Date.now() + 1_800_000);
    const catchUpSeconds = (Date.now() - writtenAt) / 1000;
    for (const worker of workers) worker.child.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exited));
    const rebuildSeconds = await cleanRebuild();

    const differing: string[] = [];
    for (const { name } of READ_MODEL_PROJECTIONS) {
      const live = await snapshotSchema(database.url, `rm_${name}`);
      const clean = await snapshotSchema(database.url, `rm_clean_${name}`);
      if (JSON.stringify(live) !== JSON.stringify(clean)) differing.push(name);
    }
    const [delivery] = await sqlRows<{ delivered: string; twice: string; expected: string }>(
      database.url,
      `SELECT (SELECT count(*) FROM rm_delivery_audit.deliveries) AS delivered,
              (SELECT count(*) FROM rm_delivery_audit.deliveries WHERE times <> 1) AS twice,
              (SELECT count(*) FROM eventstore.events WHERE type = ANY($1)) AS expected`,
      [EVENT_TYPES],
    );
    const [parked] = await sqlRows<{ n: string }>(
      database.url,
      "SELECT count(*) AS n FROM projections.parked_events",
    );
    recordFigures("1-projection-crash", {
      seed: RUN_SEED,
      "worker processes": count,
      SIGKILLs: killed,
      "events written": await eventCount(database.url),
      "events the read models read": Number(delivery?.expected),
      "events delivered to the audit projection": Number(delivery?.delivered),
      "events lost": Number(delivery?.expected) - Number(delivery?.delivered),
      "events applied twice": Number(delivery?.twice),
      "read models compared with a clean rebuild": READ_MODEL_PROJECTIONS.length,
      "read models differing": differing.length,
      "parked events": Number(parked?.n),
      "writing with kills (s)": Number(writeSeconds.toFixed(1)),
      "catch-up after the last write (s)": Number(catchUpSeconds.toFixed(1)),
      "clean rebuild (s)": Number(rebuildSeconds.toFixed(1)),
    });
    expect(differing, "read models differing from a clean rebuild").toEqual([]);
    expect(killed).toBe(kills);
    expect(delivery?.delivered).toBe(delivery?.expected);
    expect(delivery?.twice).toBe("0");
    expect(parked?.n).toBe("0");
  }, 3_600_000);
});
