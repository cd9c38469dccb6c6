import { settlementPayoutId } from "@claimstream/domain";
import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import {
  holderOf,
  openRepairOrder,
  payoutSteps,
  repairStepsToHandover,
} from "../src/claim-commands.js";
import { settledClaim } from "../src/claim-setup.js";
import { runClaimstream } from "../src/cli-process.js";
import { recordFigures } from "../src/figures.js";
import { type Answer, send } from "../src/http-client.js";
import { readModelRowsContaining } from "../src/read-model-scan.js";
import { readSse } from "../src/sse-reader.js";
import { createReliabilityDatabase, sqlRows } from "../src/test-database.js";
import { LOOPBACK_RECEIVERS, startWebhookReceiver } from "../src/webhook-receiver.js";

const INSURER = "pacific-mutual";
const ERASED = { erased: true };
let database: ScratchDatabase;
let api: ApiProcess;

const get = (path: string): Promise<Answer> =>
  send(api.url, { method: "GET", path, key: ADMIN_KEY });

/** A policy, a claim settled in cash and its payout to the policyholder, issued. */
const holderWithPaidClaim = async (name: string) => {
  await settledClaim(api.url, `C-${name}`, `P-${name}`, INSURER);
  const claim = await get(`/v1/claims/C-${name}/history`);
  const payoutId = settlementPayoutId(`C-${name}`, 1);
  expect(
    (await get(`/v1/payouts/${payoutId}`)).status,
    JSON.stringify(claim.body).slice(0, 200),
  ).toBe(200);
  for (const body of payoutSteps) {
    const answer = await send(api.url, {
      method: "POST",
      path: `/v1/payouts/${payoutId}/commands`,
      key: ADMIN_KEY,
      body,
    });
    expect(answer.status, answer.text).toBe(200);
  }
  return payoutId;
};

/** A repair order on the claim, through to the handover signed by the policyholder. */
const handedOverRepair = async (name: string) => {
  const repairOrderId = `RO-${name}`;
  const opened = await send(api.url, {
    method: "POST",
    path: "/v1/repair-orders",
    key: ADMIN_KEY,
    body: openRepairOrder(repairOrderId, `C-${name}`, INSURER),
  });
  expect(opened.status, opened.text).toBe(201);
  for (const body of repairStepsToHandover(holderOf(`P-${name}`).name)) {
    const answer = await send(api.url, {
      method: "POST",
      path: `/v1/repair-orders/${repairOrderId}/commands`,
      key: ADMIN_KEY,
      body,
    });
    expect(answer.status, answer.text).toBe(200);
  }
  return repairOrderId;
};

const waitForProjections = async () => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const statuses = (await get("/v1/projections")).body.projections as {
      state: string;
      lagEvents?: number;
    }[];
    if (statuses.every((status) => status.state === "running" && status.lagEvents === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("projections did not catch up");
};

const rebuiltSince = async (name: string, since: Date) => {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const [row] = await sqlRows<{ at: Date | null }>(
      database.url,
      "SELECT last_rebuilt_at AS at FROM projections.checkpoints WHERE name = $1 AND slot = 'live'",
      [name],
    );
    if (row?.at != null && row.at >= since) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not rebuilt`);
};

/**
 * A webhook registered after forgetting, from position 0, on a receiver on 127.0.0.1: its
 * deliveries must carry the erased fields. `undefined` when the API has no webhooks.
 */
const webhookDeliveriesAfterForgetting = async (personal: readonly string[]) => {
  const receiver = await startWebhookReceiver();
  try {
    const created = await send(api.url, {
      method: "POST",
      path: "/v1/webhooks",
      key: ADMIN_KEY,
      body: {
        url: receiver.url,
        secret: "whsec-reliability-0123456789",
        categories: ["policy"],
        after: 0,
      },
    });
    if (created.status === 404) return "not covered: no webhook route";
    expect(created.status, created.text).toBe(201);
    const delivered = await receiver.waitFor(
      (body) => body.includes(holderOf("P-KEEP").name),
      30_000,
    );
    expect(delivered, "no webhook delivery arrived").toBe(true);
    const all = receiver.bodies.join("\n");
    for (const needle of personal) expect(all).not.toContain(needle);
    expect(all).toContain('"holder":{"erased":true}');
    return "yes";
  } finally {
    await receiver.close();
  }
};

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url, LOOPBACK_RECEIVERS);
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

describe("crypto-shredding a policyholder", () => {
  it("erases their personal fields in history, state, SSE, webhooks and read models while hashes still verify", async () => {
    const erasedPayout = await holderWithPaidClaim("ERASE");
    const keptPayout = await holderWithPaidClaim("KEEP");
    const erasedRepair = await handedOverRepair("ERASE");
    const keptRepair = await handedOverRepair("KEEP");
    const personal = [holderOf("P-ERASE").name, holderOf("P-ERASE").email];
    const streams = [
      ["policies", "P-ERASE"],
      ["claims", "C-ERASE"],
      ["payouts", erasedPayout],
      ["repair-orders", erasedRepair],
    ] as const;

    // At rest the personal fields are ciphertext from the start.
    const plainAtRest = await sqlRows<{ n: string }>(
      database.url,
      "SELECT count(*) AS n FROM eventstore.events WHERE strpos(data::text, $1) > 0 OR strpos(data::text, $2) > 0",
      personal,
    );
    expect(plainAtRest[0]?.n).toBe("0");
    expect((await get("/v1/policies/P-ERASE")).body.state.holder.name).toBe(personal[0]);
    const hashesBefore = await Promise.all(
      streams.map(async ([collection, id]) =>
        ((await get(`/v1/${collection}/${id}/history`)).body.events as { hash: string }[]).map(
          (event) => event.hash,
        ),
      ),
    );

    const forget = await send(api.url, {
      method: "POST",
      path: "/v1/subjects/policyholder-P-ERASE/forget",
      key: ADMIN_KEY,
    });
    expect(forget.status, forget.text).toBe(200);

    const policyHistory = (await get("/v1/policies/P-ERASE/history")).body.events as {
      data: Record<string, unknown>;
    }[];
    expect(policyHistory[0]?.data.holder).toEqual(ERASED);
    expect((await get("/v1/policies/P-ERASE")).body.state.holder).toEqual(ERASED);
    expect(
      (await get(`/v1/policies/P-ERASE/state?asOf=${encodeURIComponent(new Date().toISOString())}`))
        .body.state.holder,
    ).toEqual(ERASED);
    const claimHistory = (await get("/v1/claims/C-ERASE/history")).body.events as {
      data: Record<string, unknown>;
    }[];
    expect(claimHistory[0]?.data.reporter).toEqual(ERASED);
    expect((await get("/v1/claims/C-ERASE")).body.state.facts.reporter).toEqual(ERASED);
    const payoutHistory = (await get(`/v1/payouts/${erasedPayout}/history`)).body.events as {
      data: Record<string, unknown>;
    }[];
    expect(payoutHistory[0]?.data.payee).toEqual(ERASED);
    expect((await get(`/v1/payouts/${erasedPayout}`)).body.state.payee).toEqual(ERASED);
    const repairHistory = (await get(`/v1/repair-orders/${erasedRepair}/history`)).body.events as {
      type: string;
      data: Record<string, unknown>;
    }[];
    const handover = repairHistory.find((event) => event.type === "VehicleHandedOver");
    expect(handover?.data.signedBy).toEqual(ERASED);
    expect((await get(`/v1/repair-orders/${erasedRepair}`)).body.state.handover.signedBy).toEqual(
      ERASED,
    );
    const cli = await runClaimstream(database.url, ["history", "policy-P-ERASE"]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('"holder":{"erased":true}');
    for (const needle of personal) expect(cli.stdout).not.toContain(needle);

    // Hashes cover the ciphertext: nothing about the chain changed.
    for (const [index, [collection, id]] of streams.entries()) {
      const verify = await get(`/v1/${collection}/${id}/verify`);
      expect(verify.body.ok, `${collection}/${id}`).toBe(true);
      const hashes = (
        (await get(`/v1/${collection}/${id}/history`)).body.events as { hash: string }[]
      ).map((e) => e.hash);
      expect(hashes).toEqual(hashesBefore[index]);
    }
    // Another policyholder is untouched.
    expect((await get("/v1/policies/P-KEEP")).body.state.holder.name).toBe(holderOf("P-KEEP").name);
    expect((await get(`/v1/payouts/${keptPayout}`)).body.state.payee.name).toBe(
      holderOf("P-KEEP").name,
    );
    expect((await get(`/v1/repair-orders/${keptRepair}`)).body.state.handover.signedBy).toBe(
      holderOf("P-KEEP").name,
    );

    const webhooks = await webhookDeliveriesAfterForgetting(personal);

    // SSE (when the integrator stream is there): the replay shows the erased fields.
    const sse = await readSse(`${api.url}/v1/events/stream?category=policy`, ADMIN_KEY, (events) =>
      JSON.stringify(events).includes("P-KEEP"),
    );
    const sseText = JSON.stringify(sse ?? []);
    if (sse !== undefined) {
      for (const needle of personal) expect(sseText).not.toContain(needle);
      expect(sseText).toContain(holderOf("P-KEEP").name);
    }

    // Read models never held personal fields; a rebuild reads the payee as erased.
    await waitForProjections();
    expect(await readModelRowsContaining(database.url, personal)).toEqual([]);
    const requestedAt = new Date();
    const rebuild = await send(api.url, {
      method: "POST",
      path: "/v1/projections/insurer_scorecard/rebuild",
      key: ADMIN_KEY,
    });
    expect(rebuild.status).toBe(202);
    await rebuiltSince("insurer_scorecard", requestedAt);
    const payees = await sqlRows<{ payout_id: string; payee_kind: string | null }>(
      database.url,
      "SELECT payout_id, payee_kind FROM rm_insurer_scorecard.payouts WHERE payout_id = ANY($1)",
      [[erasedPayout, keptPayout]],
    );
    const kinds = Object.fromEntries(payees.map((row) => [row.payout_id, row.payee_kind]));
    expect(kinds).toEqual({ [erasedPayout]: null, [keptPayout]: "policyholder" });
    await waitForProjections();
    const parked = await sqlRows<{ n: string }>(
      database.url,
      "SELECT count(*) AS n FROM projections.parked_events",
    );
    expect(parked[0]?.n).toBe("0");

    recordFigures("7-crypto-shredding", {
      "personal fields in clear at rest (before forgetting)": 0,
      "erased in history (policy holder, claim reporter, payout payee, handover signer)": 4,
      "erased in state (current and asOf)": "yes",
      "erased in CLI history": "yes",
      "erased in SSE replay": sse === undefined ? "not covered: no SSE route" : "yes",
      "erased in webhook deliveries made after forgetting": webhooks,
      "read-model rows holding personal fields": 0,
      "scorecard payee after rebuild": "erased (payee_kind null)",
      "hash chains after forgetting": "verify, hashes unchanged",
      "other policyholder": "readable",
      "parked events": 0,
    });
  });
});
