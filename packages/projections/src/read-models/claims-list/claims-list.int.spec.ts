import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import type { ClaimsWorld } from "../../../test/support/claims-world.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  assessAndSettle,
  buildLossScenario,
  claimCommand,
  issuePolicy,
  on,
  openClaim,
} from "../../../test/support/loss-scenario.js";
import { batchSizesArb, randomHistoryArb } from "../../../test/support/random-claims-history.js";
import {
  buildOneByOneAndBatched,
  buildWholeAndSplit,
} from "../../../test/support/table-snapshot.js";
import { claimsListProjection } from "./projection.js";
import { getClaimSummary, listClaims } from "./queries.js";

let database: TestDatabase;
let world: ClaimsWorld;

/**
 * The loss scenario plus three claims: C-7 settled and awaiting payment (a payment deadline
 * open), C-8 with complete documents and its decision deadline paused, and C-9 (ins-c)
 * registered before its policy P-9 is seen.
 */
const buildClaimsListHistory = (): ClaimsWorld => {
  const w = buildLossScenario();
  openClaim(w, "C-7", {
    policyId: "P-1",
    lossDate: "2026-11-01",
    reportedAt: on("2026-11-02"),
    adjusterId: "adj-3",
  });
  w.claim(
    "C-7",
    claimCommand("TriageClaim", on("2026-11-02", 10), {
      sumInsured: { amount: 20_000_000, currency: "CNY" },
      policyStartDate: "2026-01-01",
      priorClaimsLast12Months: 0,
      singleParty: true,
      injuries: false,
      policeReport: true,
    }),
  );
  assessAndSettle(w, "C-7", on("2026-11-04"), on("2026-11-05"), 500_000);
  openClaim(w, "C-8", {
    policyId: "P-2",
    lossDate: "2026-06-10",
    reportedAt: on("2026-11-11"),
    adjusterId: "adj-1",
    line: "motor_liability",
    peril: "third_party_liability",
  });
  w.claim("C-8", claimCommand("RequestDocuments", on("2026-11-11", 10), { documents: ["photos"] }));
  w.claim("C-8", claimCommand("ReceiveDocument", on("2026-11-12"), { document: "photos" }));
  const decision = Object.keys(w.claimState("C-8").deadlines)[0] ?? "";
  w.claim("C-8", claimCommand("PauseDeadline", on("2026-11-13"), { deadlineId: decision }));
  w.claim(
    "C-9",
    claimCommand("RegisterClaim", on("2026-01-05"), {
      claimId: "C-9",
      policyId: "P-9",
      insurerId: "ins-c",
      line: "motor_own_damage",
      jurisdiction: "CN",
      currency: "CNY",
      lossDate: "2026-01-04",
      lossPlace: { country: "CN", region: "Guangdong" },
      peril: "collision",
      description: "Registered from a partner feed before the policy",
      channel: "partner_api",
      reporter: { name: "Chen Jie" },
      insuredObject: {},
    }),
  );
  w.policy("P-9", {
    ...issuePolicy("P-3", {
      occurredAt: on("2026-01-06"),
      insurerId: "ins-c",
      line: "motor_own_damage",
      region: "Guangzhou",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
      perils: ["collision"],
      premium: 1_000_000,
    }),
    policyId: "P-9",
  });
  return w;
};

beforeAll(async () => {
  database = await createTestDatabase();
  world = buildClaimsListHistory();
  await applyProjection(database.db, claimsListProjection, world.events);
});

afterAll(() => database.drop());

const ids = (page: { items: readonly { claimId: string }[] }) => page.items.map((c) => c.claimId);

describe("claims list", () => {
  it("summarises a settled, paid, recovered and closed claim", async () => {
    const lastEvent = world.events.filter((e) => e.streamId === "claim-C-1").at(-1);
    expect(await getClaimSummary(database.db, "C-1", { insurerId: "ins-a" })).toEqual({
      claimId: "C-1",
      insurerId: "ins-a",
      policyId: "P-1",
      line: "motor_own_damage",
      jurisdiction: "CN",
      region: "Shanghai",
      lossRegion: "Shanghai",
      lossDate: "2026-02-10",
      status: "closed",
      adjusterId: "adj-1",
      reportedAt: on("2026-02-11"),
      settledAt: on("2026-02-25"),
      closedAt: on("2026-04-02"),
      closeOutcome: "paid",
      currency: "CNY",
      reserveIndemnity: 0,
      reserveExpense: 0,
      reserve: 0,
      paidIndemnity: 4_800_000,
      paidExpense: 150_000,
      recovered: 1_000_000,
      incurred: 3_950_000,
      fastTrack: false,
      fraudReview: false,
      openDeadlines: 0,
      nextDeadlineDue: null,
      reopenCount: 0,
      lastPosition: lastEvent?.globalPosition, // the recovery, recorded after closing
      lastEventAt: on("2026-04-15"),
      deadlines: [
        {
          deadlineId: "cn.payment_10d-1",
          kind: "payment",
          status: "met",
          dueAt: "2026-03-07T23:59:59.999Z",
        },
      ],
    });
  });

  it("un-pays a payout voided as a reversal and keeps the open reserve in incurred", async () => {
    const c3 = await getClaimSummary(database.db, "C-3");
    expect(c3).toMatchObject({
      status: "in_assessment",
      region: "Beijing",
      paidExpense: 300_000, // 300,000 + 100,000 issued, the 100,000 reversed
      reserveIndemnity: 1_000_000,
      reserve: 1_000_000,
      incurred: 1_300_000,
    });
  });

  it("follows the claim aggregate's status, adjuster, flags, reopens and deadlines", async () => {
    for (const claimId of ["C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8", "C-9"]) {
      const state = world.claimState(claimId);
      const deadlines = Object.values(state.deadlines);
      const running = deadlines.filter((d) => d.status === "open").map((d) => d.dueAt);
      const summary = await getClaimSummary(database.db, claimId);
      expect(summary, claimId).toMatchObject({
        status: state.status,
        adjusterId: state.adjusterId,
        fastTrack: state.fastTrack,
        fraudReview: state.fraudReview,
        reopenCount: state.reopenCount,
        reserveIndemnity: state.reserves?.indemnity.amount,
        reserveExpense: state.reserves?.expense.amount,
        recovered: state.recovered?.amount,
        openDeadlines: deadlines.filter((d) => d.status === "open" || d.status === "paused").length,
        nextDeadlineDue: running.length === 0 ? null : running.sort()[0],
      });
    }
  });

  it("counts open and paused deadlines, with the next due among the running ones", async () => {
    const c7 = await getClaimSummary(database.db, "C-7");
    expect(c7).toMatchObject({ status: "settled", openDeadlines: 1 });
    expect(c7?.nextDeadlineDue).toBe(world.claimState("C-7").deadlines["cn.payment_10d-1"]?.dueAt);
    const c8 = await getClaimSummary(database.db, "C-8");
    expect(c8).toMatchObject({ openDeadlines: 1, nextDeadlineDue: null });
    expect(c8?.deadlines.map((d) => d.status)).toEqual(["paused"]);
  });

  it("gives a claim its policy's region even when the policy is seen after the claim", async () => {
    expect(await getClaimSummary(database.db, "C-9")).toMatchObject({
      region: "Guangzhou",
      lossRegion: "Guangdong",
      status: "registered",
    });
  });

  it("counts a reopen and clears the closing date until the claim closes again", async () => {
    expect(await getClaimSummary(database.db, "C-6")).toMatchObject({
      status: "closed",
      reopenCount: 1,
      closedAt: on("2026-10-05"),
      closeOutcome: "withdrawn",
      incurred: 0,
    });
  });

  it("pages newest report first with a stable cursor", async () => {
    const first = await listClaims(database.db, { limit: 3 });
    expect(ids(first)).toEqual(["C-8", "C-7", "C-6"]);
    const second = await listClaims(database.db, { limit: 3, cursor: first.nextCursor ?? "" });
    expect(ids(second)).toEqual(["C-5", "C-4", "C-2"]);
    const third = await listClaims(database.db, { limit: 3, cursor: second.nextCursor ?? "" });
    expect(ids(third)).toEqual(["C-3", "C-1", "C-9"]);
    expect(third.nextCursor).toBeNull();
    await expect(listClaims(database.db, { cursor: "not-ours" })).rejects.toThrow("cursor");
  });

  it("filters by status, adjuster, line and report dates", async () => {
    const list = async (params: Parameters<typeof listClaims>[1]) =>
      ids(await listClaims(database.db, { insurerId: "ins-a", ...params }));
    expect(await list({ status: "closed" })).toEqual(["C-6", "C-5", "C-2", "C-1"]);
    expect(await list({ status: ["settled", "registered"] })).toEqual(["C-7"]);
    expect(await list({ adjusterId: "adj-2" })).toEqual(["C-4", "C-2"]);
    expect(await list({ line: "motor_liability" })).toEqual(["C-8", "C-3"]);
    expect(await list({ reportedFrom: "2026-04-21", reportedTo: "2026-07-16" })).toEqual([
      "C-4",
      "C-2",
      "C-3",
    ]);
  });

  it("keeps each insurer to its own claims", async () => {
    expect(ids(await listClaims(database.db, { insurerId: "ins-c" }))).toEqual(["C-9"]);
    expect(ids(await listClaims(database.db, { insurerId: "ins-b" }))).toEqual([]);
    expect(await getClaimSummary(database.db, "C-1", { insurerId: "ins-b" })).toBeUndefined();
    expect(await getClaimSummary(database.db, "C-404")).toBeUndefined();
  });

  it("builds the same tables whether events arrive in one go or in two parts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomHistoryArb, async ({ events, splitAt }) => {
        const { whole, split } = await buildWholeAndSplit(
          database.db,
          claimsListProjection,
          events,
          splitAt,
        );
        expect(split).toEqual(whole);
      }),
      { numRuns: 10 },
    );
  });

  it("builds the same tables from batches of any size as from one event at a time (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomHistoryArb, batchSizesArb, async ({ events }, sizes) => {
        const { oneByOne, batched } = await buildOneByOneAndBatched(
          database.db,
          claimsListProjection,
          events,
          sizes,
        );
        expect(batched).toEqual(oneByOne);
      }),
      { numRuns: 25 },
    );
  });
});
