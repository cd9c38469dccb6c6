import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, scopedKey } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { cny, day, requestPayout } from "../src/claim-commands.js";
import { settledClaim } from "../src/claim-setup.js";
import { recordFigures } from "../src/figures.js";
import { type Answer, send } from "../src/http-client.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase } from "../src/test-database.js";

// A finance desk's payment run: many approved payouts of one claim issued at the same moment.
// Each issue records a payment on the same claim stream, so their follow-ups collide; every
// one of them must land (no follow-up dropped after a few lost races).

const INSURER = "north-star";
const CLAIM = "C-RUN";
const AMOUNT = 10_000;

let database: ScratchDatabase;
let api: ApiProcess;

const post = (path: string, body: object, key = ADMIN_KEY): Promise<Answer> =>
  send(api.url, { method: "POST", path, key, body, timeoutMs: 60_000 });

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url);
  await settledClaim(api.url, CLAIM, "P-RUN", INSURER);
  const reserve = await post(`/v1/claims/${CLAIM}/commands`, {
    type: "SetReserve",
    costType: "expense",
    balance: cny(AMOUNT * SETTINGS.paymentRun.payouts),
    occurredAt: day(9),
  });
  expect(reserve.status, reserve.text).toBe(200);
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

describe("payment run", () => {
  it("records every payment when a claim's payouts are issued at once", async () => {
    const { payouts } = SETTINGS.paymentRun;
    const ids = Array.from({ length: payouts }, (_, i) => `PO-RUN-${i}`);
    for (const id of ids) {
      const requested = await post("/v1/payouts", {
        ...requestPayout(id, CLAIM, INSURER, "P-RUN"),
        amount: cny(AMOUNT),
        occurredAt: day(9, 1),
      });
      expect(requested.status, requested.text).toBe(201);
      const approved = await post(
        `/v1/payouts/${id}/commands`,
        { type: "ApprovePayout", occurredAt: day(9, 2) },
        scopedKey("finance", INSURER),
      );
      expect(approved.status, approved.text).toBe(200);
    }
    const started = Date.now();
    const issued = await Promise.all(
      ids.map((id) =>
        post(
          `/v1/payouts/${id}/commands`,
          { type: "IssuePayout", occurredAt: day(10), paymentReference: `RUN-${id}` },
          scopedKey("finance", INSURER),
        ),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(issued.map((answer) => answer.status)).toEqual(ids.map(() => 200));
    // Each issue's answer reports its RecordPayment: applied by the request, or found applied
    // (`replayed`) when the durable reactor got there first. Never rejected, never failed.
    const followUpOutcomes = issued.map(
      (answer) =>
        (answer.body.followUps as { type: string; outcome: string }[]).find(
          (followUp) => followUp.type === "RecordPayment",
        )?.outcome,
    );
    const recordedByFollowUp = followUpOutcomes.filter(
      (outcome) => outcome === "applied" || outcome === "replayed",
    ).length;
    const history = await send(api.url, {
      method: "GET",
      path: `/v1/claims/${CLAIM}/history`,
      key: ADMIN_KEY,
    });
    const recorded = (history.body.events as { type: string; data: { payoutId?: string } }[])
      .filter((event) => event.type === "ClaimPaymentRecorded")
      .map((event) => event.data.payoutId);
    expect(recorded.filter((id) => id !== undefined && ids.includes(id)).sort()).toEqual(
      [...ids].sort(),
    );
    expect(recordedByFollowUp).toBe(payouts);
    recordFigures("11-payment-run", {
      "payouts issued at once": payouts,
      "payments recorded on the claim": recorded.filter((id) => ids.includes(id ?? "")).length,
      "RecordPayment applied by the request / found applied by the reactor first": `${
        followUpOutcomes.filter((outcome) => outcome === "applied").length
      } / ${followUpOutcomes.filter((outcome) => outcome === "replayed").length}`,
      "seconds for the run": seconds,
    });
  }, 300_000);
});
