import type { RecordedEvent } from "@claimstream/eventstore";
import fc from "fast-check";
import { ClaimsWorld } from "./claims-world.js";
import { claimCommand, issuePolicy, on, payoutCommand, vinOf } from "./scenario-commands.js";

/** One random action on the claims system; refused actions simply add no events. */
export interface HistoryStep {
  readonly op: number;
  readonly claim: number;
  readonly amount: number;
  readonly expense: boolean;
  readonly days: number;
}

const CLAIMS = 4;

// How often each action (index into ACTIONS) is drawn: mostly the money-moving ones.
const WEIGHTS = [12, 5, 16, 10, 10, 12, 5, 8, 6, 4, 1, 3];

const opArb = fc.oneof(...WEIGHTS.map((weight, op) => ({ arbitrary: fc.constant(op), weight })));

const stepArb: fc.Arbitrary<HistoryStep> = fc.record({
  op: opArb,
  claim: fc.nat({ max: CLAIMS - 1 }),
  amount: fc.integer({ min: 1, max: 50 }).map((n) => n * 10_000),
  expense: fc.boolean(),
  days: fc.nat({ max: 6 }),
});

const cny = (amount: number) => ({ amount, currency: "CNY" });

const dateAfter = (days: number): string =>
  new Date(Date.UTC(2026, 0, 5) + days * 86_400_000).toISOString().slice(0, 10);

interface Cursor {
  readonly at: string;
  readonly claimId: string;
  readonly step: HistoryStep;
  readonly index: number;
}

const pay = (world: ClaimsWorld, payoutId: string, at: string): void => {
  world.attempt(
    "payout",
    payoutId,
    payoutCommand("ApprovePayout", at, {
      approverId: "u-fin",
      approverRole: "finance_manager",
    }),
  );
  world.attempt("payout", payoutId, payoutCommand("IssuePayout", at, { paymentReference: "r" }));
};

const settlementPayouts = (world: ClaimsWorld, claimId: string): string[] =>
  [1, 2, 3]
    .map((n) => `${claimId}-settlement-${n}`)
    .filter((id) => world.payoutState(id).status !== "none");

const ACTIONS: readonly ((world: ClaimsWorld, c: Cursor) => void)[] = [
  (world, { at, claimId, step }) => {
    const policyId = step.claim % 2 === 0 ? "P-1" : "P-2";
    world.attempt(
      "claim",
      claimId,
      claimCommand("RegisterClaim", at, {
        claimId,
        policyId,
        insurerId: "ins-a",
        line: "motor_own_damage",
        jurisdiction: "CN",
        currency: "CNY",
        lossDate: at.slice(0, 10),
        lossPlace: { country: "CN", region: "Shanghai" },
        peril: "collision",
        description: "Random loss",
        channel: "web",
        reporter: { name: "Someone" },
        insuredObject: { vin: vinOf(policyId) },
      }),
    );
    if (world.policyState(policyId).status !== "none") {
      world.attempt(
        "claim",
        claimId,
        claimCommand("VerifyCoverage", at, {
          policy: world.snapshot(policyId),
        }),
      );
    }
    world.attempt("claim", claimId, claimCommand("AssignAdjuster", at, { adjusterId: "adj-0" }));
  },
  (world, { at, claimId, step }) =>
    world.attempt(
      "claim",
      claimId,
      claimCommand("AssignAdjuster", at, {
        adjusterId: `adj-${step.amount % 3}`,
      }),
    ),
  (world, { at, claimId, step }) =>
    world.attempt(
      "claim",
      claimId,
      claimCommand("SetReserve", at, {
        costType: step.expense ? "expense" : "indemnity",
        balance: cny(step.amount),
      }),
    ),
  (world, { at, claimId, step }) => {
    world.attempt(
      "claim",
      claimId,
      claimCommand("AssessDamage", at, {
        lines: [{ kind: "part", description: "Parts", amount: cny(step.amount) }],
      }),
    );
    world.attempt(
      "claim",
      claimId,
      claimCommand("AgreeSettlement", at, {
        amount: cny(step.amount),
        method: "cash",
      }),
    );
  },
  (world, { at, claimId, step, index }) => {
    const payoutId = `${claimId}-fee-${index}`;
    world.attempt(
      "payout",
      payoutId,
      payoutCommand("RequestPayout", at, {
        payoutId,
        claimId,
        insurerId: "ins-a",
        payee: { kind: "shop", id: "shop-1", name: "Shop" },
        amount: cny(step.amount),
        costType: step.expense ? "expense" : "indemnity",
        reason: "fee",
        requestedBy: "u-1",
      }),
    );
    if (step.days % 2 === 0) pay(world, payoutId, at);
  },
  (world, { at, claimId }) => {
    for (const id of settlementPayouts(world, claimId)) pay(world, id, at);
  },
  (world, { at, claimId }) => {
    const id = settlementPayouts(world, claimId).at(-1);
    if (id !== undefined) {
      world.attempt("payout", id, payoutCommand("VoidPayout", at, { reason: "Reversed" }));
    }
  },
  (world, { at, claimId, step }) => {
    const id = settlementPayouts(world, claimId)[0];
    if (step.expense || id === undefined) {
      world.attempt(
        "claim",
        claimId,
        claimCommand("RecordRecovery", at, {
          kind: "salvage",
          amount: cny(step.amount),
        }),
      );
    } else {
      world.attempt(
        "payout",
        id,
        payoutCommand("RecordRecovery", at, {
          kind: "subrogation",
          amount: cny(step.amount),
          from: "Other insurer",
        }),
      );
    }
  },
  (world, { at, claimId }) =>
    world.attempt("claim", claimId, claimCommand("CloseClaim", at, { outcome: "withdrawn" })),
  (world, { at, claimId }) =>
    world.attempt("claim", claimId, claimCommand("ReopenClaim", at, { reason: "New facts" })),
  (world, { at, step }) =>
    world.attempt("policy", step.claim % 2 === 0 ? "P-1" : "P-2", {
      type: "CancelPolicy",
      schemaVersion: 1,
      occurredAt: at,
      cancelledFrom: new Date(Date.parse(at) + 30 * 86_400_000).toISOString().slice(0, 10),
    }),
  (world, { at, claimId, step }) =>
    world.attempt(
      "claim",
      claimId,
      claimCommand("TriageClaim", at, {
        sumInsured: cny(20_000_000),
        policyStartDate: "2026-01-01",
        priorClaimsLast12Months: step.amount % 4,
        singleParty: step.expense,
        injuries: false,
        policeReport: !step.expense,
      }),
    ),
];

/** Runs random steps against a fresh world holding two policies; returns the events. */
export const buildRandomHistory = (steps: readonly HistoryStep[]): readonly RecordedEvent[] => {
  const world = new ClaimsWorld();
  for (const [policyId, premium] of [
    ["P-1", 36_500_000],
    ["P-2", 7_300_000],
  ] as const) {
    world.policy(
      policyId,
      issuePolicy(policyId, {
        occurredAt: on("2025-12-01"),
        insurerId: "ins-a",
        line: "motor_own_damage",
        region: policyId === "P-1" ? "Shanghai" : "Beijing",
        startDate: "2026-01-01",
        endDate: "2026-12-31",
        perils: ["collision"],
        premium,
      }),
    );
  }
  let day = 0;
  steps.forEach((step, index) => {
    day += step.days;
    const at = on(dateAfter(day), 9 + (index % 12));
    ACTIONS[step.op]?.(world, { at, claimId: `C-${step.claim}`, step, index });
  });
  return world.events;
};

/** A random claims history (15–45 steps) and a split point inside it. */
export const randomHistoryArb: fc.Arbitrary<{
  readonly events: readonly RecordedEvent[];
  readonly splitAt: number;
}> = fc
  .tuple(fc.array(stepArb, { minLength: 15, maxLength: 45 }), fc.nat({ max: 1000 }))
  .map(([steps, permille]) => {
    const events = buildRandomHistory(steps);
    return { events, splitAt: Math.floor((permille * events.length) / 1000) };
  });

/**
 * Sizes of consecutive batches (used in turn, cycling): mostly 1–3 events so that batch edges
 * fall between every kind of related events (a payout issued apart from its claim's events, a
 * policy apart from its claims), sometimes up to 80.
 */
export const batchSizesArb: fc.Arbitrary<readonly number[]> = fc.array(
  fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 80 }), weight: 1 },
  ),
  { minLength: 1, maxLength: 12 },
);
