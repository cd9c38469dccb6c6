import {
  foldEvents,
  type PayoutCommand,
  type PayoutEvent,
  payoutDecider,
} from "@claimstream/domain";
import { ERASED, type RecordedEvent } from "@claimstream/eventstore";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  at,
  cny,
  DecidedHistory,
  hoursAfter,
  payoutCommand,
  T0,
} from "../../../test/support/operations-history.js";
import { type DomainEventLike, EventLog } from "../../../test/support/recorded-events.js";
import { buildWholeAndSplit } from "../../../test/support/table-snapshot.js";
import { projectionSchema } from "../../runtime/projection.js";
import { payoutsListProjection } from "./projection.js";
import { listPayouts } from "./queries.js";

interface PayoutScript {
  readonly claimId: string;
  readonly insurerId?: string;
  readonly payee: { readonly kind: "shop" | "policyholder"; readonly id: string };
  readonly costType?: "indemnity" | "expense";
  readonly amount: number;
}

const requestAt = (payoutId: string, occurredAt: string, script: PayoutScript) =>
  payoutCommand("RequestPayout", occurredAt, {
    payoutId,
    claimId: script.claimId,
    insurerId: script.insurerId ?? "ins-a",
    payee: { ...script.payee, name: "Wang Fang", account: "6222 0000 1111" },
    amount: cny(script.amount),
    costType: script.costType ?? "indemnity",
    reason: "settlement",
    requestedBy: "u-1",
  });
const request = (payoutId: string, day: number, script: PayoutScript) =>
  requestAt(payoutId, at(day), script);
const approve = (day: number, hours = 0) =>
  payoutCommand("ApprovePayout", at(day, hours), { approverId: "u-2", approverRole: "admin" });
const issue = (day: number, hours = 0) =>
  payoutCommand("IssuePayout", at(day, hours), { paymentReference: "BANK-1" });

/**
 * PAY-1 (C-1, shop-7) issued, then 20,000 recovered; PAY-2 (C-1, policyholder P-1, expense)
 * failed and retried; PAY-3 (C-2, shop-9) issued then voided as a reversal; PAY-4 (ins-b)
 * rejected, requested at the same instant as PAY-3; PAY-5 (C-2) voided before issue; PAY-6
 * (C-3) only requested.
 */
const buildPayouts = (): DecidedHistory => {
  const h = new DecidedHistory();
  const shop7 = { kind: "shop", id: "shop-7" } as const;
  h.payout(
    "PAY-1",
    request("PAY-1", 0, { claimId: "C-1", payee: shop7, amount: 500_000 }),
    approve(0, 1),
    issue(1),
  );
  h.payout(
    "PAY-2",
    request("PAY-2", 1, {
      claimId: "C-1",
      payee: { kind: "policyholder", id: "P-1" },
      costType: "expense",
      amount: 30_000,
    }),
    approve(1, 1),
    payoutCommand("FailPayout", at(1, 2), { reason: "Account closed" }),
    payoutCommand("RetryPayout", at(1, 3), {}),
  );
  h.payout(
    "PAY-3",
    request("PAY-3", 2, { claimId: "C-2", payee: { kind: "shop", id: "shop-9" }, amount: 100_000 }),
    approve(2, 1),
    issue(2, 2),
    payoutCommand("VoidPayout", at(3), { reason: "Duplicate" }),
  );
  h.payout(
    "PAY-4",
    request("PAY-4", 2, {
      claimId: "C-9",
      insurerId: "ins-b",
      payee: { kind: "policyholder", id: "P-9" },
      amount: 80_000,
    }),
    payoutCommand("RejectPayout", at(2, 4), { rejectedBy: "u-2", reason: "Not covered" }),
  );
  h.payout(
    "PAY-5",
    request("PAY-5", 3, {
      claimId: "C-2",
      payee: { kind: "policyholder", id: "P-2" },
      amount: 5_000,
    }),
    payoutCommand("VoidPayout", at(3, 1), { reason: "Requested by mistake" }),
  );
  h.payout(
    "PAY-1",
    payoutCommand("RecordRecovery", at(5), {
      kind: "subrogation",
      amount: cny(20_000),
      from: "Liable driver's insurer",
    }),
  );
  h.payout(
    "PAY-6",
    request("PAY-6", 6, { claimId: "C-3", payee: shop7, costType: "expense", amount: 12_000 }),
  );
  return h;
};

let database: TestDatabase;
let history: DecidedHistory;

beforeAll(async () => {
  database = await createTestDatabase();
  history = buildPayouts();
  await applyProjection(database.db, payoutsListProjection, history.events);
});

afterAll(() => database.drop());

const ids = (page: { items: readonly { payoutId: string }[] }) => page.items.map((p) => p.payoutId);
const lastPositionOf = (streamId: string) =>
  history.events.filter((e) => e.streamId === streamId).at(-1)?.globalPosition;

describe("payouts list", () => {
  it("shows an issued payout with its recovery and net paid", async () => {
    const page = await listPayouts(database.db, { claimId: "C-1", status: "issued" });
    expect(page).toEqual({
      items: [
        {
          payoutId: "PAY-1",
          claimId: "C-1",
          insurerId: "ins-a",
          payeeKind: "shop",
          payeeId: "shop-7",
          costType: "indemnity",
          currency: "CNY",
          amount: 500_000,
          status: "issued",
          requestedAt: at(0),
          approvedAt: at(0, 1),
          rejectedAt: null,
          issuedAt: at(1),
          voidedAt: null,
          reversal: null,
          failureCount: 0,
          issuedAmount: 500_000,
          recovered: 20_000,
          netPaid: 480_000,
          lastPosition: lastPositionOf("payout-PAY-1"),
          lastEventAt: at(5),
        },
      ],
      nextCursor: null,
    });
  });

  it("un-pays a reversal, keeps a void before issue apart, and counts failures", async () => {
    const { items } = await listPayouts(database.db, { insurerId: "ins-a" });
    const byId = new Map(items.map((item) => [item.payoutId, item]));
    expect(byId.get("PAY-3")).toMatchObject({
      status: "voided",
      reversal: true,
      issuedAmount: 0,
      netPaid: 0,
      issuedAt: at(2, 2),
      voidedAt: at(3),
    });
    expect(byId.get("PAY-5")).toMatchObject({ status: "voided", reversal: false, issuedAmount: 0 });
    expect(byId.get("PAY-2")).toMatchObject({
      status: "approved",
      failureCount: 1,
      payeeKind: "policyholder",
      payeeId: "P-1",
    });
    for (const item of items) {
      const state = history.payoutState(item.payoutId);
      if (state.status === "none") throw new Error(`no payout ${item.payoutId}`);
      expect(item, item.payoutId).toMatchObject({
        status: state.status,
        issuedAmount: state.issuedAmount.amount,
        recovered: state.recoveriesTotal.amount,
        netPaid: state.netPaid.amount,
        failureCount: state.failures.length,
      });
    }
  });

  it("pages most recently requested first, ties by id, with an opaque cursor", async () => {
    const first = await listPayouts(database.db, { limit: 4 });
    expect(ids(first)).toEqual(["PAY-6", "PAY-5", "PAY-4", "PAY-3"]);
    const second = await listPayouts(database.db, { limit: 4, cursor: first.nextCursor ?? "" });
    expect(ids(second)).toEqual(["PAY-2", "PAY-1"]);
    expect(second.nextCursor).toBeNull();
    await expect(listPayouts(database.db, { cursor: "W1td" })).rejects.toThrow("cursor");
  });

  it("filters by claim, status, payee kind and cost type, within the insurer", async () => {
    const list = async (params: Parameters<typeof listPayouts>[1]) =>
      ids(await listPayouts(database.db, { insurerId: "ins-a", ...params }));
    expect(await list({ claimId: "C-2" })).toEqual(["PAY-5", "PAY-3"]);
    expect(await list({ status: "voided" })).toEqual(["PAY-5", "PAY-3"]);
    expect(await list({ status: ["issued", "approved"] })).toEqual(["PAY-2", "PAY-1"]);
    expect(await list({ payeeKind: "policyholder" })).toEqual(["PAY-5", "PAY-2"]);
    expect(await list({ costType: "expense" })).toEqual(["PAY-6", "PAY-2"]);
    expect(await list({ payeeKind: "shop", costType: "indemnity" })).toEqual(["PAY-3", "PAY-1"]);
    expect(await list({ status: "rejected" })).toEqual([]);
  });

  it("keeps each insurer to its own payouts", async () => {
    expect(ids(await listPayouts(database.db, { insurerId: "ins-b" }))).toEqual(["PAY-4"]);
    expect(ids(await listPayouts(database.db, { insurerId: "ins-c" }))).toEqual([]);
  });

  it("stores no payee name or account, and leaves the payee out once it was erased", async () => {
    const rows = await sql<{ row: unknown }>`
      select to_jsonb(p) as row from rm_payouts_list.payouts p`.execute(database.db);
    const stored = JSON.stringify(rows.rows);
    expect(stored).not.toContain("Wang Fang");
    expect(stored).not.toContain("6222");
    const requested = history.events.find((e) => e.streamId === "payout-PAY-2");
    const log = new EventLog();
    const data = { ...requested?.data, payoutId: "PAY-9", payee: ERASED };
    log.append("payout-PAY-9", [data as unknown as DomainEventLike]);
    const erased = { ...payoutsListProjection, name: "payouts_list_erased" };
    await applyProjection(database.db, erased, log.events);
    const page = await sql<{ payout_id: string; payee_kind: null; payee_id: null }>`
      select payout_id, payee_kind, payee_id from rm_payouts_list_erased.payouts`.execute(
      database.db,
    );
    expect(page.rows).toEqual([{ payout_id: "PAY-9", payee_kind: null, payee_id: null }]);
  });
});

/** A payout's lifecycle after its request, in order; a random history keeps some steps. */
const LIFECYCLE: readonly ((occurredAt: string) => PayoutCommand)[] = [
  (t) => payoutCommand("RejectPayout", t, { rejectedBy: "u-2", reason: "No" }),
  (t) => payoutCommand("ApprovePayout", t, { approverId: "u-2", approverRole: "admin" }),
  (t) => payoutCommand("FailPayout", t, { reason: "Bounced" }),
  (t) => payoutCommand("RetryPayout", t, {}),
  (t) => payoutCommand("IssuePayout", t, { paymentReference: "BANK-2" }),
  (t) => payoutCommand("RecordRecovery", t, { kind: "salvage", amount: cny(1_000), from: "Buyer" }),
  (t) => payoutCommand("VoidPayout", t, { reason: "Reversed" }),
];

const payoutPlanArb = fc.record({
  insurer: fc.constantFrom("ins-a", "ins-b"),
  payee: fc.constantFrom("shop", "policyholder"),
  costType: fc.constantFrom("indemnity", "expense"),
  amount: fc.integer({ min: 1, max: 90 }).map((n) => n * 10_000),
  // A rejection one time in four, each other step three times in four.
  keep: fc.tuple(
    fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    ...LIFECYCLE.slice(1).map(() => fc.integer({ min: 0, max: 3 }).map((n) => n > 0)),
  ),
  gaps: fc.array(fc.integer({ min: 1, max: 48 }), {
    minLength: LIFECYCLE.length + 1,
    maxLength: LIFECYCLE.length + 1,
  }),
});

/** One to four payouts walking their lifecycle, interleaved by business time. */
const randomPayoutHistoryArb = fc
  .array(payoutPlanArb, { minLength: 1, maxLength: 4 })
  .map((plans): RecordedEvent[] => {
    const steps = plans.flatMap((plan, n) => {
      const id = `PAY-${n}`;
      const payee = { kind: plan.payee, id: plan.payee === "shop" ? "shop-1" : "P-1" };
      const script = {
        claimId: `C-${n % 2}`,
        insurerId: plan.insurer,
        payee,
        costType: plan.costType,
        amount: plan.amount,
      };
      let hours = 0;
      const commands = [(t: string) => requestAt(id, t, script), ...LIFECYCLE];
      return commands.flatMap((build, index) => {
        hours += plan.gaps[index] ?? 1;
        const kept = index === 0 || plan.keep[index - 1] === true;
        return kept ? [{ id, hours, build }] : [];
      });
    });
    const h = new DecidedHistory();
    steps.sort((a, b) => a.hours - b.hours || a.id.localeCompare(b.id));
    for (const { id, hours, build } of steps) h.payouts.tryDecide(id, build(hoursAfter(T0, hours)));
    return h.events;
  });

let runs = 0;

/** Applies `events` into a fresh schema and reads back each payout's status and amounts. */
const projectedPayouts = async (events: readonly RecordedEvent[]) => {
  runs += 1;
  const projection = { ...payoutsListProjection, name: `payouts_folded_${runs}` };
  await applyProjection(database.db, projection, events);
  const schema = projectionSchema(projection.name);
  const rows = await sql<{ id: string; status: string; issued: string; recovered: string }>`
    select payout_id as id, status, issued_amount as issued, recovered
    from ${sql.table(`${schema}.payouts`)} order by 1`.execute(database.db);
  await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
  return rows.rows.map((row) => ({
    id: row.id,
    status: row.status,
    issued: Number(row.issued),
    recovered: Number(row.recovered),
  }));
};

/** Each payout's status and amounts folded by the domain's own decider. */
const foldedPayouts = (events: readonly RecordedEvent[]) =>
  [...new Set(events.map((e) => e.streamId))]
    .map((streamId) => {
      const stream = events.filter((e) => e.streamId === streamId).map((e) => e.data);
      const state = foldEvents(payoutDecider, stream as unknown as PayoutEvent[]);
      if (state.status === "none") throw new Error(`${streamId} never requested`);
      return {
        id: state.payoutId,
        status: state.status,
        issued: state.issuedAmount.amount,
        recovered: state.recoveriesTotal.amount,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));

describe("payouts list on random histories", () => {
  it("shows the status and amounts the Payout aggregate folds to (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomPayoutHistoryArb, async (events) => {
        expect(await projectedPayouts(events)).toEqual(foldedPayouts(events));
      }),
      { numRuns: 25 },
    );
  });

  it("builds the same table whether events arrive in one go or in two parts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomPayoutHistoryArb.chain((events) =>
          fc.tuple(fc.constant(events), fc.nat({ max: events.length })),
        ),
        async ([events, splitAt]) => {
          const { whole, split } = await buildWholeAndSplit(
            database.db,
            payoutsListProjection,
            events,
            splitAt,
          );
          expect(split).toEqual(whole);
        },
      ),
      { numRuns: 20 },
    );
  });
});
