import { READ_MODEL_PROJECTIONS } from "@claimstream/api";
import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, INSURERS } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import {
  claimStepsToSettlement,
  feedback,
  issuePolicy,
  payoutSteps,
  registerClaim,
} from "../src/claim-commands.js";
import { recordFigures } from "../src/figures.js";
import { type Answer, send } from "../src/http-client.js";
import { RUN_SEED, seededRandom } from "../src/seeded-random.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase, eventCount, sqlRows } from "../src/test-database.js";
import { startWorker, type WorkerProcess } from "../src/worker-process.js";

// Three API processes and two projection workers on one database, as a scaled deployment runs:
// claim stories sent round-robin over the APIs (each command to the next process), while
// processes are SIGKILLed and restarted. Nothing may be lost or doubled; a read on another
// process right after a write sees it (the per-process caches stay coherent).

const { stories, lanes, kills } = SETTINGS.multiInstance;
const APIS = 3;
const WORKERS = 2;

let database: ScratchDatabase;
const apis: (ApiProcess | undefined)[] = [];
const workers: (WorkerProcess | undefined)[] = [];
let next = 0;
const tally = { attempts: 0, cut: 0, staleReads: 0, reads: 0 };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const liveApi = (offset = 0): ApiProcess => {
  for (let tries = 0; tries < APIS * 2; tries += 1) {
    const api = apis[(next + offset + tries) % APIS];
    if (api !== undefined && !api.exited()) return api;
  }
  throw new Error("no API process alive");
};

/** Sends a command with its Idempotency-Key to the next API, moving on while none answers. */
const command = async (path: string, body: object, key: string): Promise<Answer> => {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    next += 1;
    let api: ApiProcess;
    try {
      api = liveApi();
    } catch {
      await pause(200);
      continue;
    }
    tally.attempts += 1;
    const answer = await send(api.url, {
      method: "POST",
      path,
      key: ADMIN_KEY,
      body,
      headers: { "idempotency-key": key },
      timeoutMs: 20_000,
    }).catch(() => undefined);
    if (answer !== undefined && answer.status < 300) return answer;
    if (answer !== undefined && answer.status !== 503) {
      throw new Error(`${path}: ${answer.status} ${answer.text}`);
    }
    tally.cut += 1;
    await pause(100);
  }
  throw new Error(`${path}: no API applied it within 120 s`);
};

const get = async (path: string, offset: number): Promise<Answer | undefined> =>
  send(liveApi(offset).url, { method: "GET", path, key: ADMIN_KEY }).catch(() => undefined);

// A read on another process right after the write: it must see at least the written version.
const readBack = async (path: string, version: number): Promise<void> => {
  const answer = await get(path, 1);
  if (answer?.status !== 200) return;
  tally.reads += 1;
  if ((answer.body.version as number) < version) tally.staleReads += 1;
};

const until = async (what: string, done: () => Promise<boolean>, ms = 120_000) => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await pause(200);
  }
};

const story = async (n: number): Promise<void> => {
  const insurer = INSURERS[n % 2] as string;
  const policyId = `P-MI-${n}`;
  const claimId = `C-MI-${n}`;
  const claimPath = `/v1/claims/${claimId}`;
  await command("/v1/policies", issuePolicy(policyId, insurer), `policy-${n}`);
  await command("/v1/claims", registerClaim(claimId, policyId, insurer), `claim-${n}`);
  for (const [step, body] of claimStepsToSettlement.entries()) {
    const applied = await command(`${claimPath}/commands`, body, `claim-${n}-${step}`);
    await readBack(claimPath, applied.body.version as number);
  }
  // The settlement's payout is the process manager's: the request's, or the reactor's when
  // the process that took the settlement died first.
  const payoutPath = `/v1/payouts/sys.settlement.${claimId}.1`;
  await until(`${payoutPath} requested`, async () => (await get(payoutPath, 0))?.status === 200);
  for (const [step, body] of payoutSteps.entries()) {
    await command(`${payoutPath}/commands`, body, `payout-${n}-${step}`);
  }
  await until(
    `${claimId} closed`,
    async () => (await get(claimPath, 0))?.body.state?.status === "closed",
  );
  await command(`${claimPath}/commands`, feedback, `feedback-${n}`);
};

const restart = async (random: () => number): Promise<string> => {
  const victim = Math.floor(random() * (APIS + WORKERS));
  if (victim < APIS) {
    await apis[victim]?.kill();
    apis[victim] = undefined;
    apis[victim] = await startApiProcess(database.url);
    return "api";
  }
  const index = victim - APIS;
  const worker = workers[index];
  worker?.child.kill("SIGKILL");
  await worker?.exited;
  const replacement = startWorker(database.url);
  workers[index] = replacement;
  await Promise.race([replacement.started, pause(10_000)]);
  return "worker";
};

beforeAll(async () => {
  database = await createReliabilityDatabase();
  // The first process migrates alone; the others start on the migrated database together.
  apis.push(await startApiProcess(database.url));
  apis.push(...(await Promise.all([startApiProcess(database.url), startApiProcess(database.url)])));
  for (let index = 0; index < WORKERS; index += 1) workers.push(startWorker(database.url));
  await Promise.all(workers.map((worker) => worker?.started));
});
afterAll(async () => {
  for (const worker of workers) worker?.child.kill("SIGKILL");
  await Promise.all(apis.map((api) => api?.stop()));
  await database?.drop();
});

const perStream = async (type: string, like: string) =>
  sqlRows<{ stream_id: string; n: string }>(
    database.url,
    `SELECT stream_id, count(*)::text AS n FROM eventstore.events
     WHERE type = $1 AND stream_id LIKE $2 GROUP BY stream_id`,
    [type, like],
  );

describe("three API processes and two projection workers on one database", () => {
  it("loses and doubles nothing under SIGKILLs, and every process reads what another wrote", async () => {
    const random = seededRandom(RUN_SEED + 6);
    const started = Date.now();
    // The kills come one after another (each process restarted before the next kill) while
    // the lanes play stories: at least `stories`, and more until every kill has landed.
    let chaosDone = false;
    let written = 0;
    const killed: string[] = [];
    const chaos = (async () => {
      for (let kill = 0; kill < kills; kill += 1) {
        await pause(500 + random() * 1_000);
        killed.push(await restart(random));
      }
    })().finally(() => {
      chaosDone = true;
    });
    const load = Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let n = lane; n < stories || !chaosDone; n += lanes) {
          await story(n);
          written += 1;
        }
      }),
    );
    await Promise.all([load, chaos]);
    const seconds = (Date.now() - started) / 1000;

    // Every story's business facts exactly once.
    const once = async (type: string, like: string) => {
      const rows = await perStream(type, like);
      return { streams: rows.length, doubled: rows.filter((row) => Number(row.n) !== 1).length };
    };
    const closed = await once("ClaimClosed", "claim-C-MI-%");
    const paid = await once("ClaimPaymentRecorded", "claim-C-MI-%");
    const requested = await once("PayoutRequested", "payout-sys.settlement.C-MI-%");
    const feedbacks = await once("FeedbackRecorded", "claim-C-MI-%");
    // Every story is the same commands: every claim (and payout) stream must hold the same
    // sequence of event types, or a command was lost or applied twice somewhere.
    const shapes = async (like: string) =>
      new Set(
        (
          await sqlRows<{ types: string }>(
            database.url,
            `SELECT string_agg(type, ',' ORDER BY stream_position) AS types FROM eventstore.events
             WHERE stream_id LIKE $1 GROUP BY stream_id`,
            [like],
          )
        ).map((row) => row.types),
      ).size;
    const claimShapes = await shapes("claim-C-MI-%");
    const payoutShapes = await shapes("payout-sys.settlement.C-MI-%");

    // The read models, wherever they were built, caught up with the log.
    const head = await eventCount(database.url);
    await until(
      "projections caught up",
      async () => {
        const rows = await sqlRows<{ name: string; applied: string }>(
          database.url,
          `SELECT c.name, (SELECT max(global_position) FROM eventstore.events) <= c.position AS applied
           FROM projections.checkpoints c WHERE c.slot = 'live'`,
        );
        const live = new Map(rows.map((row) => [row.name, String(row.applied) === "true"]));
        return READ_MODEL_PROJECTIONS.every((projection) => live.get(projection.name) === true);
      },
      300_000,
    );
    const [listed] = await sqlRows<{ n: string }>(
      database.url,
      "SELECT count(*)::text AS n FROM rm_claims_list.claims WHERE claim_id LIKE 'C-MI-%' AND status = 'closed'",
    );

    recordFigures("15-multi-instance", {
      "API processes / projection workers": `${APIS} / ${WORKERS}`,
      "claim stories": written,
      "SIGKILLs (api, worker)": `${killed.filter((k) => k === "api").length}, ${killed.filter((k) => k === "worker").length}`,
      "command attempts (cut by a kill, retried elsewhere)": `${tally.attempts} (${tally.cut})`,
      "events written": head,
      "claims closed once / payments once / payouts once": `${closed.streams} / ${paid.streams} / ${requested.streams}`,
      "business facts doubled":
        closed.doubled + paid.doubled + requested.doubled + feedbacks.doubled,
      "distinct event sequences of the claim / payout streams": `${claimShapes} / ${payoutShapes}`,
      "reads on another process right after a write (stale)": `${tally.reads} (${tally.staleReads})`,
      "closed claims in the claims list read model": Number(listed?.n),
      seconds,
    });
    for (const fact of [closed, paid, requested, feedbacks]) {
      expect(fact).toEqual({ streams: written, doubled: 0 });
    }
    expect([claimShapes, payoutShapes]).toEqual([1, 1]);
    expect(tally.staleReads).toBe(0);
    expect(Number(listed?.n)).toBe(written);
    expect(written).toBeGreaterThanOrEqual(stories);
    expect(killed).toHaveLength(kills);
  }, 1_800_000);
});
