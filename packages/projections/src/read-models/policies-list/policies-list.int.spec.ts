import type { Jurisdiction, Policy } from "@claimstream/domain";
import { ERASED } from "@claimstream/eventstore";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { ClaimsWorld } from "../../../test/support/claims-world.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import { type DomainEventLike, EventLog } from "../../../test/support/recorded-events.js";
import { issuePolicy, on } from "../../../test/support/scenario-commands.js";
import { buildWholeAndSplit } from "../../../test/support/table-snapshot.js";
import { policiesListProjection } from "./projection.js";
import { listPolicies } from "./queries.js";

interface PolicyScript {
  readonly insurerId: string;
  readonly line: "motor_own_damage" | "motor_liability";
  readonly jurisdiction: Jurisdiction;
  readonly issuedAt: string;
}

/** `IssuePolicy` for a 2026 policy, holder "Li Wei", premium 1,000,000. */
const issueCommand = (
  policyId: string,
  script: PolicyScript,
): Policy.PolicyCommandOf<"IssuePolicy"> => ({
  ...issuePolicy("P-1", {
    occurredAt: script.issuedAt,
    insurerId: script.insurerId,
    line: script.line,
    region: "Shanghai",
    startDate: "2026-01-01",
    endDate: "2026-12-31",
    perils: ["collision"],
    premium: 1_000_000,
  }),
  policyId,
  policyNumber: `CN-${policyId}`,
  jurisdiction: script.jurisdiction,
});

const endorse = (occurredAt: string, amount: number): Policy.PolicyCommandOf<"EndorsePolicy"> => ({
  type: "EndorsePolicy",
  schemaVersion: 1,
  occurredAt,
  effectiveDate: occurredAt.slice(0, 10),
  changes: { sumInsured: { amount, currency: "CNY" } },
});

const cancel = (
  occurredAt: string,
  cancelledFrom: string,
): Policy.PolicyCommandOf<"CancelPolicy"> => ({
  type: "CancelPolicy",
  schemaVersion: 1,
  occurredAt,
  cancelledFrom,
  reason: "Vehicle sold",
});

/**
 * Five policies: P-1 (ins-a) endorsed twice; P-2 (ins-a, motor liability) cancelled from
 * 1 July; P-3 (ins-b, US-CA) and P-4 (ins-a, RU) issued at the same instant; P-5 (ins-a).
 */
const buildPolicies = (): ClaimsWorld => {
  const world = new ClaimsWorld();
  const motor = { insurerId: "ins-a", line: "motor_own_damage", jurisdiction: "CN" } as const;
  world.policy("P-1", issueCommand("P-1", { ...motor, issuedAt: on("2026-01-05") }));
  world.policy(
    "P-2",
    issueCommand("P-2", { ...motor, line: "motor_liability", issuedAt: on("2026-02-10") }),
  );
  world.policy("P-1", endorse(on("2026-02-15"), 25_000_000));
  world.policy(
    "P-3",
    issueCommand("P-3", {
      ...motor,
      insurerId: "ins-b",
      jurisdiction: "US-CA",
      issuedAt: on("2026-03-01"),
    }),
  );
  world.policy(
    "P-4",
    issueCommand("P-4", { ...motor, jurisdiction: "RU", issuedAt: on("2026-03-01") }),
  );
  world.policy("P-5", issueCommand("P-5", { ...motor, issuedAt: on("2026-04-01") }));
  world.policy("P-1", endorse(on("2026-05-01"), 30_000_000));
  world.policy("P-2", cancel(on("2026-06-20"), "2026-07-01"));
  return world;
};

let database: TestDatabase;
let world: ClaimsWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  world = buildPolicies();
  await applyProjection(database.db, policiesListProjection, world.events);
});

afterAll(() => database.drop());

const ids = (page: { items: readonly { policyId: string }[] }) => page.items.map((p) => p.policyId);
const lastPositionOf = (streamId: string) =>
  world.events.filter((e) => e.streamId === streamId).at(-1)?.globalPosition;

describe("policies list", () => {
  it("shows a cancelled policy with its terms, cancellation and last event", async () => {
    const page = await listPolicies(database.db, { status: "cancelled" });
    expect(page).toEqual({
      items: [
        {
          policyId: "P-2",
          insurerId: "ins-a",
          policyNumber: "CN-P-2",
          line: "motor_liability",
          jurisdiction: "CN",
          region: "Shanghai",
          currency: "CNY",
          startDate: "2026-01-01",
          endDate: "2026-12-31",
          writtenPremium: 1_000_000,
          status: "cancelled",
          issuedAt: on("2026-02-10"),
          cancelledFrom: "2026-07-01",
          cancelledAt: on("2026-06-20"),
          endorsementCount: 0,
          lastPosition: lastPositionOf("policy-P-2"),
          lastEventAt: on("2026-06-20"),
        },
      ],
      nextCursor: null,
    });
  });

  it("counts endorsements and follows the Policy aggregate's status", async () => {
    const { items } = await listPolicies(database.db);
    for (const item of items) {
      const state = world.policyState(item.policyId);
      if (state.status === "none") throw new Error(`no policy ${item.policyId}`);
      expect(item, item.policyId).toMatchObject({
        status: state.status,
        endorsementCount: state.endorsements.length,
        cancelledFrom: state.cancelledFrom,
        writtenPremium: state.writtenPremium.amount,
      });
    }
    expect(items.find((p) => p.policyId === "P-1")).toMatchObject({
      endorsementCount: 2,
      lastEventAt: on("2026-05-01"),
      lastPosition: lastPositionOf("policy-P-1"),
    });
  });

  it("pages most recently issued first, ties by policy id, with an opaque cursor", async () => {
    const first = await listPolicies(database.db, { limit: 2 });
    expect(ids(first)).toEqual(["P-5", "P-4"]);
    const second = await listPolicies(database.db, { limit: 2, cursor: first.nextCursor ?? "" });
    expect(ids(second)).toEqual(["P-3", "P-2"]);
    const third = await listPolicies(database.db, { limit: 2, cursor: second.nextCursor ?? "" });
    expect(ids(third)).toEqual(["P-1"]);
    expect(third.nextCursor).toBeNull();
    await expect(listPolicies(database.db, { cursor: "not-ours" })).rejects.toThrow("cursor");
  });

  it("filters by status, line and jurisdiction, and pages within a filter", async () => {
    const list = async (params: Parameters<typeof listPolicies>[1]) =>
      ids(await listPolicies(database.db, { insurerId: "ins-a", ...params }));
    expect(await list({ status: "issued" })).toEqual(["P-5", "P-4", "P-1"]);
    expect(await list({ status: ["issued", "cancelled"] })).toEqual(["P-5", "P-4", "P-2", "P-1"]);
    expect(await list({ line: "motor_liability" })).toEqual(["P-2"]);
    expect(await list({ jurisdiction: "RU" })).toEqual(["P-4"]);
    expect(await list({ jurisdiction: "US-CA" })).toEqual([]);
    const first = await listPolicies(database.db, {
      insurerId: "ins-a",
      status: "issued",
      limit: 2,
    });
    const rest = await listPolicies(database.db, {
      insurerId: "ins-a",
      status: "issued",
      limit: 2,
      cursor: first.nextCursor ?? "",
    });
    expect([...ids(first), "|", ...ids(rest)]).toEqual(["P-5", "P-4", "|", "P-1"]);
  });

  it("keeps each insurer to its own policies", async () => {
    expect(ids(await listPolicies(database.db, { insurerId: "ins-b" }))).toEqual(["P-3"]);
    expect(ids(await listPolicies(database.db, { insurerId: "ins-c" }))).toEqual([]);
  });

  it("stores no holder data, and projects a policy whose holder was erased", async () => {
    const rows = await sql<{ row: unknown }>`
      select to_jsonb(p) as row from rm_policies_list.policies p`.execute(database.db);
    expect(JSON.stringify(rows.rows)).not.toContain("Li Wei");
    const issued = world.events.find((e) => e.streamId === "policy-P-5");
    const log = new EventLog();
    const data = { ...issued?.data, policyId: "P-9", holder: ERASED };
    log.append("policy-P-9", [data as unknown as DomainEventLike]);
    const erased = { ...policiesListProjection, name: "policies_list_erased" };
    await applyProjection(database.db, erased, log.events);
    const stored = await sql<{ policy_id: string; status: string }>`
      select policy_id, status from rm_policies_list_erased.policies`.execute(database.db);
    expect(stored.rows).toEqual([{ policy_id: "P-9", status: "issued" }]);
  });
});

const LINES = ["motor_own_damage", "motor_liability"] as const;
const JURISDICTIONS = ["CN", "RU", "US-CA"] as const;

/** One random action on one of four policies; refused ones add no events. */
const policyStepArb = fc.record({
  op: fc.constantFrom("issue", "issue", "endorse", "cancel"),
  policy: fc.nat({ max: 3 }),
  insurer: fc.constantFrom("ins-a", "ins-b"),
  line: fc.constantFrom(...LINES),
  jurisdiction: fc.constantFrom(...JURISDICTIONS),
  days: fc.nat({ max: 10 }),
});

const randomPolicyHistoryArb = fc
  .tuple(fc.array(policyStepArb, { minLength: 5, maxLength: 30 }), fc.nat({ max: 1000 }))
  .map(([steps, permille]) => {
    const history = new ClaimsWorld();
    let day = 0;
    steps.forEach((step, index) => {
      day += step.days;
      const at = new Date(Date.UTC(2026, 0, 2, 9 + (index % 12)) + day * 86_400_000).toISOString();
      const id = `P-${step.policy}`;
      const command =
        step.op === "issue"
          ? issueCommand(id, {
              insurerId: step.insurer,
              line: step.line,
              jurisdiction: step.jurisdiction,
              issuedAt: at,
            })
          : step.op === "endorse"
            ? endorse(at, 20_000_000 + index)
            : cancel(at, at.slice(0, 10));
      history.attempt("policy", id, command);
    });
    const events = history.events;
    return { events, splitAt: Math.floor((permille * events.length) / 1000) };
  });

describe("policies list rebuild", () => {
  it("builds the same table whether events arrive in one go or in two parts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(randomPolicyHistoryArb, async ({ events, splitAt }) => {
        const { whole, split } = await buildWholeAndSplit(
          database.db,
          policiesListProjection,
          events,
          splitAt,
        );
        expect(split).toEqual(whole);
      }),
      { numRuns: 15 },
    );
  });
});
