import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AnyCommand } from "../../src/aggregates/aggregate.js";
import type { FollowUpTables } from "../../src/commands/follow-up-reactor.js";
import { ProcessManagerRunner } from "../../src/commands/process-manager-runner.js";
import { TOKENS } from "../../src/tokens.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  agreeCashSettlement,
  assessDamage,
  assignAdjuster,
  day,
  INSURER,
  issuePolicy,
  registerClaim,
  requestPayout,
  setReserve,
  verifyCoverage,
} from "../support/fixtures.js";
import { httpClient } from "../support/http-client.js";
import {
  type IntegrationApp,
  movableClock,
  startIntegrationApp,
} from "../support/integration-app.js";
import { KEYS } from "../support/test-app.js";

// The process manager's follow-ups survive the request that caused them: a checkpointed
// reactor over $all sends them (once) whatever became of the request.

let database: TestDatabase;
let api: IntegrationApp;
let db: Kysely<FollowUpTables>;
const clock = movableClock("2026-03-20T12:00:00.000Z");
const { call, send } = httpClient(() => api.url);

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startIntegrationApp(database.url, { clock });
  db = new Kysely<FollowUpTables>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }),
  });
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await db?.destroy();
  await api?.stop();
  await database?.drop();
});

interface HistoryEvent {
  readonly eventId: string;
  readonly type: string;
  readonly causationId: string | null;
  readonly actor: { readonly id: string } | null;
}

const history = async (collection: string, id: string): Promise<HistoryEvent[]> => {
  const answer = await call(KEYS.auditor, "GET", `/v1/${collection}/${id}/history`);
  return answer.status === 200 ? (answer.body.events as HistoryEvent[]) : [];
};

const eventually = async (what: string, done: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within 15 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const caughtUp = () => api.application.get(TOKENS.projections)?.waitUntilCaughtUp();

const followUpsOf = (causes: readonly string[]) =>
  db
    .withSchema("rm_follow_ups")
    .selectFrom("follow_ups")
    .select(["cause_event_id", "command_type", "outcome"])
    .where("cause_event_id", "in", causes)
    .orderBy("cause_position")
    .execute();

const settle = async (claimId: string, policyId: string): Promise<string> => {
  expect((await call(KEYS.admin, "POST", "/v1/policies", issuePolicy(policyId))).status).toBe(201);
  const registered = await call(KEYS.admin, "POST", "/v1/claims", registerClaim(claimId, policyId));
  expect(registered.status).toBe(201);
  for (const body of [verifyCoverage(policyId), assignAdjuster, setReserve, assessDamage]) {
    await send(KEYS.admin, "claims", claimId, body);
  }
  await send(KEYS.admin, "claims", claimId, agreeCashSettlement);
  return `sys.settlement.${claimId}.1`;
};

const payOut = async (payoutId: string) => {
  await send(KEYS.finance, "payouts", payoutId, { type: "ApprovePayout" });
  await send(KEYS.finance, "payouts", payoutId, {
    type: "IssuePayout",
    paymentReference: `BANK-${payoutId}`,
  });
};

const count = (events: readonly HistoryEvent[], type: string) =>
  events.filter((event) => event.type === type).length;

describe("durable follow-ups", () => {
  it("sends the follow-ups a dead request never sent, each once, caused by their event", async () => {
    // The request's process ends right after its command commits: its follow-ups never run.
    vi.spyOn(ProcessManagerRunner.prototype, "react").mockResolvedValue([]);
    const payoutId = await settle("C-FU-1", "P-FU-1");
    await eventually(
      "the settlement payout",
      async () => (await history("payouts", payoutId)).length > 0,
    );
    const payout = await history("payouts", payoutId);
    const claim = await history("claims", "C-FU-1");
    const settled = claim.find((event) => event.type === "SettlementAgreed");
    expect(payout[0]).toMatchObject({
      type: "PayoutRequested",
      causationId: settled?.eventId,
      actor: { id: "process-manager" },
    });

    await payOut(payoutId);
    await eventually("the claim closed", async () =>
      (await history("claims", "C-FU-1")).some((event) => event.type === "ClaimClosed"),
    );
    await caughtUp();
    const final = await history("claims", "C-FU-1");
    expect(count(final, "ClaimPaymentRecorded")).toBe(1);
    expect(count(final, "ClaimClosed")).toBe(1);
    expect(count(await history("payouts", payoutId), "PayoutRequested")).toBe(1);
    const causes = [...final, ...(await history("payouts", payoutId))].map((e) => e.eventId);
    expect(await followUpsOf(causes)).toEqual([
      { cause_event_id: settled?.eventId, command_type: "RequestPayout", outcome: "applied" },
      expect.objectContaining({ command_type: "RecordPayment", outcome: "applied" }),
      expect.objectContaining({ command_type: "CloseClaim", outcome: "applied" }),
    ]);
  });

  it("replays what the request already sent: nothing is doubled", async () => {
    const payoutId = await settle("C-FU-2", "P-FU-2");
    await payOut(payoutId);
    await caughtUp();
    const claim = await history("claims", "C-FU-2");
    expect(count(claim, "ClaimPaymentRecorded")).toBe(1);
    expect(count(claim, "ClaimClosed")).toBe(1);
    const payout = await history("payouts", payoutId);
    expect(count(payout, "PayoutRequested")).toBe(1);
    const rows = await followUpsOf([...claim, ...payout].map((event) => event.eventId));
    expect(rows.map((row) => [row.command_type, row.outcome])).toEqual([
      ["RequestPayout", "replayed"],
      ["RecordPayment", "replayed"],
      ["CloseClaim", "replayed"],
    ]);
  });

  it("parks a follow-up the domain refuses and warns on /ready", async () => {
    // A payout issued for a claim the store does not hold (say, an import gone wrong).
    const store = api.application.get(TOKENS.eventStore);
    const payouts = api.application.get(TOKENS.aggregates).byName("payout");
    const commands: AnyCommand[] = [
      { ...requestPayout("PO-ORPHAN", "C-MISSING"), requestedBy: "handler-1" },
      { type: "ApprovePayout", occurredAt: day(8), approverId: "fin-1", approverRole: "finance" },
      { type: "IssuePayout", occurredAt: day(9), paymentReference: "BANK-ORPHAN" },
    ];
    let state = payouts.decider.initialState;
    for (const [index, command] of commands.entries()) {
      const decided = payouts.decider.decide({ schemaVersion: 1, ...command }, state);
      if (decided._tag === "Left") throw new Error(decided.left.code);
      await store.appendToStream(
        "payout-PO-ORPHAN",
        decided.right.map((event) => ({
          type: event.type,
          data: event as never,
          metadata: { tenantId: INSURER },
        })),
        { expectedVersion: index },
      );
      state = decided.right.reduce(payouts.decider.evolve, state);
    }
    await eventually("the follow-up parked", async () => {
      const ready = await call(KEYS.admin, "GET", "/ready");
      return JSON.stringify(ready.body.warnings ?? []).includes("follow-up(s) parked");
    });
    const parked = await api.application.get(TOKENS.projections)?.listParked("follow_ups");
    expect(parked).toEqual([
      expect.objectContaining({
        streamId: "payout-PO-ORPHAN",
        type: "PayoutIssued",
        error: expect.stringContaining("claim.not_found"),
      }),
    ]);
    const ready = await call(KEYS.admin, "GET", "/ready");
    expect(ready.status).toBe(200);
  });
});
