import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { settledClaim } from "../src/claim-setup.js";
import { runClaimstream } from "../src/cli-process.js";
import { recordFigures } from "../src/figures.js";
import { send } from "../src/http-client.js";
import { createReliabilityDatabase } from "../src/test-database.js";

let database: ScratchDatabase;
let api: ApiProcess;

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url);
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

/** One way to alter a stored event behind the store's back, and where verify must point. */
interface Tamper {
  readonly name: string;
  readonly position: number;
  readonly reason: string;
  readonly sql: string;
}

// The events table refuses UPDATE and DELETE by trigger; a superuser can switch triggers off
// for the session, which is what an attacker (or a careless DBA) with that access would do.
const TAMPERS: readonly Tamper[] = [
  {
    name: "reserve amount rewritten",
    position: 4,
    reason: "hash_mismatch",
    sql: `UPDATE eventstore.events SET data = jsonb_set(data, '{balance,amount}', '1')
          WHERE stream_id = $1 AND stream_position = 4`,
  },
  {
    name: "actor in the metadata replaced",
    position: 3,
    reason: "hash_mismatch",
    sql: `UPDATE eventstore.events SET metadata = jsonb_set(metadata, '{actor,id}', '"someone-else"')
          WHERE stream_id = $1 AND stream_position = 3`,
  },
  {
    name: "an event deleted from the middle",
    position: 2,
    reason: "position_gap",
    sql: "DELETE FROM eventstore.events WHERE stream_id = $1 AND stream_position = 2",
  },
  {
    name: "an event's hash recomputed to hide an edit",
    position: 5,
    reason: "hash_mismatch",
    sql: `UPDATE eventstore.events SET data = jsonb_set(data, '{documents}', '["nothing"]'),
          hash = encode(sha256('forged'::bytea), 'hex') WHERE stream_id = $1 AND stream_position = 5`,
  },
  {
    name: "the recorded time moved",
    position: 6,
    reason: "hash_mismatch",
    sql: `UPDATE eventstore.events SET recorded_at = recorded_at - interval '1 day'
          WHERE stream_id = $1 AND stream_position = 6`,
  },
];

const tamper = async (streamId: string, statement: string) => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    const result = await client.query(statement, [streamId]);
    if (result.rowCount !== 1) throw new Error(`tamper touched ${result.rowCount} rows`);
  } finally {
    await client.end();
  }
};

describe("tamper detection", () => {
  it("verify (API and CLI) names the broken stream and position of every altered event", async () => {
    await settledClaim(api.url, "C-INTACT", "P-INTACT", "north-star");
    const findings: Record<string, string> = {};
    for (const [index, { name, position, reason, sql }] of TAMPERS.entries()) {
      const claim = `C-TAMPER-${index}`;
      const streamId = `claim-${claim}`;
      await settledClaim(api.url, claim, `P-TAMPER-${index}`, "north-star");
      const before = await send(api.url, {
        method: "GET",
        path: `/v1/claims/${claim}/verify`,
        key: ADMIN_KEY,
      });
      expect(before.body.ok, name).toBe(true);
      await tamper(streamId, sql);

      const verify = await send(api.url, {
        method: "GET",
        path: `/v1/claims/${claim}/verify`,
        key: ADMIN_KEY,
      });
      expect(verify.status).toBe(200);
      expect(verify.body, name).toMatchObject({ ok: false, streamId, position, reason });
      const cli = await runClaimstream(database.url, ["verify", streamId]);
      expect(cli.code, name).toBe(1);
      expect(cli.stderr, name).toContain(
        `stream ${streamId}: broken at position ${position} (${reason})`,
      );
      findings[name] =
        `API and CLI: ${streamId} broken at ${verify.body.position} (${verify.body.reason})`;
    }
    const intact = await runClaimstream(database.url, ["verify", "claim-C-INTACT"]);
    expect(intact.code).toBe(0);
    const intactApi = await send(api.url, {
      method: "GET",
      path: "/v1/claims/C-INTACT/verify",
      key: ADMIN_KEY,
    });
    expect(intactApi.body.ok).toBe(true);
    recordFigures("6-tamper-detection", {
      "tampered streams": TAMPERS.length,
      "detected by the API": TAMPERS.length,
      "detected by the CLI (exit 1)": TAMPERS.length,
      "untouched stream": "verifies (API ok, CLI exit 0)",
      ...findings,
    });
  });
});
