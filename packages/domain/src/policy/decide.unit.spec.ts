import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { pathWithNoise } from "../shared/testing/command-sequences.js";
import {
  checkRunInvariants,
  errorCodeOf,
  errorOf,
  eventsOf,
  given,
} from "../shared/testing/decider-harness.js";
import type { PolicyEvent } from "./events.js";
import { PolicyEventSchema } from "./events.js";
import { policyDecider } from "./index.js";
import { PolicySnapshotSchema } from "./snapshot.js";
import type { IssuedPolicyState, PolicyState } from "./state.js";
import { toPolicySnapshot } from "./terms.js";
import {
  anyPolicyCommandArb,
  cancelPolicy,
  endorsePolicy,
  issuePolicy,
  policyPath,
} from "./testing/policy-fixtures.js";

const issued = (state: PolicyState): IssuedPolicyState => {
  if (state.status === "none") throw new Error("expected an issued policy");
  return state;
};

describe("issuing a policy", () => {
  it("records every fact of the contract, holder in its own object, at the command's time", () => {
    const { type: _type, ...facts } = issuePolicy();
    expect(eventsOf(policyDecider, [], issuePolicy())).toEqual([
      { type: "PolicyIssued", ...facts },
    ]);
  });

  it("starts an issued policy with the issued terms as its current terms", () => {
    const state = issued(given(policyDecider, [issuePolicy()]));
    expect(state.status).toBe("issued");
    expect(state.policyId).toBe("P-1");
    expect(state.currency).toBe("CNY");
    expect(state.holder).toEqual({
      name: "Li Wei",
      email: "li.wei@example.cn",
      phone: "+86 138 0000 0000",
    });
    expect(state.terms).toEqual(state.issuedTerms);
    expect(state.cancelledFrom).toBeNull();
  });

  it("accepts a one-day policy whose end date is its start date", () => {
    const events = eventsOf(policyDecider, [], issuePolicy({ endDate: "2026-01-01" }));
    expect(events).toHaveLength(1);
  });

  it("refuses a second issue of the same policy with policy.already_exists", () => {
    expect(errorCodeOf(policyDecider, [issuePolicy()], issuePolicy())).toBe(
      "policy.already_exists",
    );
  });

  it("refuses a period that ends before it starts with policy.invalid_period", () => {
    const error = errorOf(
      policyDecider,
      [],
      issuePolicy({ startDate: "2026-05-01", endDate: "2026-04-30" }),
    );
    expect(error.code).toBe("policy.invalid_period");
    expect(error.details).toEqual({ startDate: "2026-05-01", endDate: "2026-04-30" });
  });

  it("refuses a premium in another currency than the sum insured with money.currency_mismatch", () => {
    const command = issuePolicy({ writtenPremium: { amount: 5_000, currency: "RUB" } });
    const error = errorOf(policyDecider, [], command);
    expect(error.code).toBe("money.currency_mismatch");
    expect(error.details).toEqual({ expected: "CNY", actual: "RUB" });
  });

  it("refuses a malformed command (negative premium) with validation.invalid_command", () => {
    const command = issuePolicy({ writtenPremium: { amount: -1, currency: "CNY" } });
    const error = errorOf(policyDecider, [], command);
    expect(error.code).toBe("validation.invalid_command");
    expect(error.details?.issues).toEqual([
      { path: "writtenPremium", message: "amount must not be negative" },
    ]);
  });

  it("refuses a peril listed twice with validation.invalid_command", () => {
    const command = issuePolicy({ perils: ["theft", "theft"] });
    expect(errorCodeOf(policyDecider, [], command)).toBe("validation.invalid_command");
  });
});

describe("endorsing a policy", () => {
  it("records the changes from their effective date and applies them to the current terms", () => {
    const events = eventsOf(
      policyDecider,
      [issuePolicy()],
      endorsePolicy({ reason: "Flood cover added" }),
    );
    expect(events).toEqual([
      {
        type: "PolicyEndorsed",
        schemaVersion: 1,
        occurredAt: "2026-04-01T10:00:00.000Z",
        effectiveDate: "2026-04-01",
        changes: { perils: ["collision", "glass", "theft", "flood"] },
        reason: "Flood cover added",
      },
    ]);
    const state = issued(given(policyDecider, [issuePolicy(), endorsePolicy()]));
    expect(state.terms.perils).toEqual(["collision", "glass", "theft", "flood"]);
    expect(state.issuedTerms.perils).toEqual(["collision", "glass", "theft"]);
    expect(state.endorsements).toHaveLength(1);
  });

  it("gives a snapshot with the terms in force on a date before or after the endorsement", () => {
    const state = given(policyDecider, [issuePolicy(), endorsePolicy()]);
    expect(toPolicySnapshot(state, "2026-03-31")?.perils).toEqual(["collision", "glass", "theft"]);
    expect(toPolicySnapshot(state, "2026-04-01")?.perils).toContain("flood");
    expect(toPolicySnapshot(state)?.perils).toContain("flood");
  });

  it("applies a back-dated endorsement before later-effective ones, whenever it was recorded", () => {
    const later = endorsePolicy({
      effectiveDate: "2026-06-01",
      changes: { sumInsured: { amount: 30_000_000, currency: "CNY" } },
    });
    const backDated = endorsePolicy({
      effectiveDate: "2026-02-01",
      changes: { sumInsured: { amount: 25_000_000, currency: "CNY" } },
    });
    const state = issued(given(policyDecider, [issuePolicy(), later, backDated]));
    expect(state.terms.sumInsured.amount).toBe(30_000_000);
    expect(toPolicySnapshot(state, "2026-03-01")?.sumInsured.amount).toBe(25_000_000);
    expect(toPolicySnapshot(state, "2026-01-15")?.sumInsured.amount).toBe(20_000_000);
  });

  it("refuses an effective date outside the policy period with policy.date_outside_period", () => {
    const error = errorOf(
      policyDecider,
      [issuePolicy()],
      endorsePolicy({ effectiveDate: "2027-01-01" }),
    );
    expect(error.code).toBe("policy.date_outside_period");
    expect(error.details).toEqual({
      effectiveDate: "2027-01-01",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
    });
  });

  it("refuses a new sum insured in another currency with money.currency_mismatch", () => {
    const command = endorsePolicy({ changes: { sumInsured: { amount: 1_000, currency: "USD" } } });
    expect(errorCodeOf(policyDecider, [issuePolicy()], command)).toBe("money.currency_mismatch");
  });

  it("refuses an endorsement that changes nothing with validation.invalid_command", () => {
    const command = endorsePolicy({ changes: {} });
    expect(errorCodeOf(policyDecider, [issuePolicy()], command)).toBe("validation.invalid_command");
  });

  it("refuses to endorse a policy that was never issued with policy.not_found", () => {
    expect(errorCodeOf(policyDecider, [], endorsePolicy())).toBe("policy.not_found");
  });
});

describe("cancelling a policy", () => {
  it("records the first day without cover and the refund", () => {
    const { type: _type, ...facts } = cancelPolicy();
    expect(eventsOf(policyDecider, [issuePolicy()], cancelPolicy())).toEqual([
      { type: "PolicyCancelled", ...facts },
    ]);
    const state = issued(given(policyDecider, [issuePolicy(), cancelPolicy()]));
    expect(state.status).toBe("cancelled");
    expect(state.cancelledFrom).toBe("2026-07-01");
    expect(state.cancellation).toEqual({
      refundPremium: { amount: 100_000, currency: "CNY" },
      reason: "Vehicle sold",
      cancelledAt: "2026-07-01T10:00:00.000Z",
    });
    expect(toPolicySnapshot(state)?.cancelledFrom).toBe("2026-07-01");
  });

  it("cancels without a refund", () => {
    const state = issued(
      given(policyDecider, [issuePolicy(), cancelPolicy({ refundPremium: undefined })]),
    );
    expect(state.cancellation?.refundPremium).toBeNull();
  });

  it("refuses a cancellation date outside the policy period with policy.date_outside_period", () => {
    const command = cancelPolicy({ cancelledFrom: "2025-12-31" });
    expect(errorCodeOf(policyDecider, [issuePolicy()], command)).toBe("policy.date_outside_period");
  });

  it("refuses a refund above the written premium with policy.refund_exceeds_premium", () => {
    const command = cancelPolicy({ refundPremium: { amount: 365_001, currency: "CNY" } });
    expect(errorCodeOf(policyDecider, [issuePolicy()], command)).toBe(
      "policy.refund_exceeds_premium",
    );
  });

  it("refuses a refund in another currency with money.currency_mismatch", () => {
    const command = cancelPolicy({ refundPremium: { amount: 100, currency: "RUB" } });
    expect(errorCodeOf(policyDecider, [issuePolicy()], command)).toBe("money.currency_mismatch");
  });

  it("refuses to cancel a policy that was never issued with policy.not_found", () => {
    expect(errorCodeOf(policyDecider, [], cancelPolicy())).toBe("policy.not_found");
  });

  it("refuses to endorse or cancel a cancelled policy with policy.invalid_transition", () => {
    const history = [issuePolicy(), cancelPolicy()];
    const endorse = errorOf(policyDecider, history, endorsePolicy());
    expect(endorse.code).toBe("policy.invalid_transition");
    expect(endorse.details).toEqual({ status: "cancelled", command: "EndorsePolicy" });
    expect(errorOf(policyDecider, history, cancelPolicy()).details).toEqual({
      status: "cancelled",
      command: "CancelPolicy",
    });
  });
});

describe("the policy snapshot and evolve", () => {
  it("has no snapshot before the policy is issued", () => {
    expect(toPolicySnapshot(policyDecider.initialState)).toBeUndefined();
  });

  it("gives a snapshot that satisfies the snapshot schema", () => {
    const state = given(policyDecider, [issuePolicy(), endorsePolicy()]);
    expect(PolicySnapshotSchema.safeParse(toPolicySnapshot(state)).success).toBe(true);
  });

  it("leaves the empty state as it is for an event that needs an issued policy", () => {
    const [event] = eventsOf(policyDecider, [issuePolicy()], cancelPolicy()) as [PolicyEvent];
    expect(policyDecider.evolve(policyDecider.initialState, event)).toEqual({ status: "none" });
  });

  it("property: any command sequence keeps decide and evolve total, rejections change nothing and events are valid", () => {
    fc.assert(
      fc.property(pathWithNoise(policyPath, anyPolicyCommandArb), (commands) => {
        const { steps } = checkRunInvariants(policyDecider, PolicyEventSchema, commands);
        for (const step of steps) {
          if (E.isRight(step.result)) expect(step.result.right.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
