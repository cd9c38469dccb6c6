import { statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Application,
  composeApplication,
  loadConfig,
  READ_MODEL_PROJECTIONS,
  TOKENS,
} from "@claimstream/api";
import { type RunningPostgres, startEmbeddedPostgres } from "@claimstream/eventstore";
import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSURERS, RELIABILITY_KEYS } from "../src/api-keys.js";
import { ClaimStoryWriter } from "../src/claim-story-writer.js";
import { runClaimstream } from "../src/cli-process.js";
import { recordFigures } from "../src/figures.js";
import { type SchemaSnapshot, snapshotSchema } from "../src/read-model-snapshot.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase, eventCount, sqlRows } from "../src/test-database.js";

// An operator's disaster recovery: `claimstream backup` of a live database, `claimstream
// restore` into a new cluster (whose transaction counter starts far behind the old one), and
// the service on it: every stream verifies, writes go on, read models equal the originals.

const STORIES = SETTINGS.mode === "full" ? 400 : 30;
const FILE = join(tmpdir(), `rel-backup-${process.pid}.ndjson.gz`);

let source: ScratchDatabase;
let fresh: RunningPostgres | undefined;
const applications: Application[] = [];

const compose = async (url: string): Promise<Application> => {
  const application = await composeApplication(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent", CLAIMSTREAM_SEED_DEMO: "false" }),
    { apiKeys: RELIABILITY_KEYS, defaultMetrics: false },
  );
  applications.push(application);
  await application.migrate();
  return application;
};

const readModels = async (url: string): Promise<Record<string, SchemaSnapshot>> => {
  const snapshots: Record<string, SchemaSnapshot> = {};
  for (const { name } of READ_MODEL_PROJECTIONS) {
    snapshots[name] = await snapshotSchema(url, `rm_${name}`);
  }
  return snapshots;
};

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = Date.now();
  await work();
  return (Date.now() - started) / 1000;
};

beforeAll(async () => {
  source = await createReliabilityDatabase();
});
afterAll(async () => {
  for (const application of applications) await application.close();
  await fresh?.stop();
  await source?.drop();
  await rm(FILE, { force: true });
});

describe("backup and restore into a fresh cluster", () => {
  it("restores a live database: streams verify, writes go on, read models equal the originals", async () => {
    const original = await compose(source.url);
    await original.get(TOKENS.projections)?.start();
    const writer = new ClaimStoryWriter(original);
    for (let story = 0; story < STORIES; story += 1) {
      await writer.writeStory(`bk-${story}`, INSURERS[story % 2] as string, story % 3 === 0);
    }
    await original.get(TOKENS.projections)?.waitUntilCaughtUp({ timeoutMs: 600_000 });
    const events = await eventCount(source.url);
    const before = await readModels(source.url);

    let backup = { code: -1, stdout: "", stderr: "" };
    const backupSeconds = await seconds(async () => {
      backup = await runClaimstream(source.url, ["backup", FILE]);
    });
    expect(backup.code, backup.stderr).toBe(0);
    await original.close();

    fresh = await startEmbeddedPostgres();
    const target = fresh.connectionString;
    let restored = { code: -1, stdout: "", stderr: "" };
    const restoreSeconds = await seconds(async () => {
      restored = await runClaimstream(target, ["restore", FILE]);
    });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/all \d+ streams verify/);
    expect(await eventCount(target)).toBe(events);
    const [offset] = await sqlRows<{ transactions: string }>(
      target,
      "SELECT transactions::text FROM eventstore.position_offset",
    );

    const revived = await compose(target);
    const rebuildSeconds = await seconds(async () => {
      await revived.get(TOKENS.projections)?.start();
      await revived.get(TOKENS.projections)?.waitUntilCaughtUp({ timeoutMs: 600_000 });
    });
    const after = await readModels(target);
    for (const { name } of READ_MODEL_PROJECTIONS) expect(after[name], name).toEqual(before[name]);

    const [head] = await sqlRows<{ head: string }>(
      target,
      "SELECT max(global_position)::text AS head FROM eventstore.events",
    );
    await new ClaimStoryWriter(revived).writeStory("bk-after", INSURERS[0], true);
    const [next] = await sqlRows<{ head: string; n: string }>(
      target,
      `SELECT min(global_position)::text AS head, count(*)::text AS n FROM eventstore.events
       WHERE global_position > $1::bigint`,
      [head?.head],
    );
    expect(Number(next?.n)).toBeGreaterThan(10);

    recordFigures("13-restore", {
      "claim stories": STORIES,
      "events backed up": events,
      "backup bytes (gzip)": statSync(FILE).size,
      "seconds to back up": backupSeconds,
      "seconds to restore and verify": restoreSeconds,
      "seconds until the read models were rebuilt": rebuildSeconds,
      "read models equal to the originals": `${READ_MODEL_PROJECTIONS.length} of ${READ_MODEL_PROJECTIONS.length}`,
      "transactions the fresh cluster was behind (position offset)": Number(offset?.transactions),
      "events written after the restore": Number(next?.n),
    });
  }, 1_800_000);
});
