import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathWithNoise } from "../shared/testing/command-sequences.js";
import {
  checkRunInvariants,
  errorCodeOf,
  errorOf,
  eventsOf,
  given,
} from "../shared/testing/decider-harness.js";
import { PayoutEventSchema } from "./events.js";
import { createPayoutDecider, payoutDecider } from "./index.js";
import type { PayoutState, RequestedPayoutState } from "./state.js";
import {
  anyPayoutCommandArb,
  approvePayout,
  at,
  cny,
  failPayout,
  issuePayout,
  payoutPath,
  po,
  recordRecovery,
  rejectPayout,
  requestPayout,
  retryPayout,
  voidPayout,
} from "./testing/payout-fixtures.js";

const decider = payoutDecider;

const requested = (state: PayoutState): RequestedPayoutState => {
  if (state.status === "none") throw new Error("expected a requested payout");
  return state;
};

const approved = [requestPayout(), approvePayout];
const issued = [...approved, issuePayout];

describe("requesting a payout", () => {
  it("records the claim, payee, amount, cost type, reason and requester", () => {
    const { type: _type, ...facts } = requestPayout();
    expect(eventsOf(decider, [], requestPayout())).toEqual([{ type: "PayoutRequested", ...facts }]);
    const state = requested(given(decider, [requestPayout()]));
    expect(state.status).toBe("requested");
    expect(state.payee.name).toBe("Li Wei");
    expect(state.issuedAmount).toEqual(cny(0));
    expect(state.netPaid).toEqual(cny(0));
  });

  it("refuses to request the same payout twice with payout.already_exists", () => {
    expect(errorCodeOf(decider, [requestPayout()], requestPayout())).toBe("payout.already_exists");
  });

  it("refuses a zero amount with validation.invalid_command", () => {
    expect(errorCodeOf(decider, [], requestPayout({ amount: cny(0) }))).toBe(
      "validation.invalid_command",
    );
  });

  it("refuses any command before the request with payout.not_found", () => {
    expect(errorCodeOf(decider, [], approvePayout)).toBe("payout.not_found");
  });
});

describe("approving a payout", () => {
  it("approves within the approver role's limit", () => {
    expect(eventsOf(decider, [requestPayout()], approvePayout)).toEqual([
      {
        type: "PayoutApproved",
        schemaVersion: 1,
        occurredAt: at(2),
        approverId: "u-2",
        approverRole: "handler",
      },
    ]);
    const state = requested(given(decider, approved));
    expect(state.status).toBe("approved");
    expect(state.approval).toEqual({
      approverId: "u-2",
      approverRole: "handler",
      approvedAt: at(2),
    });
  });

  it("rejects a payout above the approver's limit with payout.approval_limit_exceeded", () => {
    const command = po("ApprovePayout", { approverId: "u-2", approverRole: "adjuster" });
    const error = errorOf(decider, [requestPayout()], command);
    expect(error.code).toBe("payout.approval_limit_exceeded");
    expect(error.details).toEqual({
      limit: cny(2_000_000),
      amount: cny(3_000_000),
      role: "adjuster",
    });
  });

  it("rejects a currency the approver has no limit in with payout.approval_limit_exceeded", () => {
    const history = [requestPayout({ amount: { amount: 100, currency: "EUR" } })];
    const error = errorOf(decider, history, approvePayout);
    expect(error.code).toBe("payout.approval_limit_exceeded");
    expect(error.details).toMatchObject({ limit: null, role: "handler" });
  });

  it("refuses approval by a role that cannot approve with payout.role_cannot_approve", () => {
    const command = po("ApprovePayout", { approverId: "u-2", approverRole: "analyst" });
    expect(errorCodeOf(decider, [requestPayout()], command)).toBe("payout.role_cannot_approve");
  });

  it("refuses approval by the requester with payout.self_approval", () => {
    const command = po("ApprovePayout", { approverId: "u-1", approverRole: "admin" });
    const error = errorOf(decider, [requestPayout()], command);
    expect(error.code).toBe("payout.self_approval");
    expect(error.details).toEqual({ requestedBy: "u-1", approverId: "u-1" });
  });

  it("lets an admin approve any amount", () => {
    const history = [requestPayout({ amount: cny(9_000_000_000) })];
    const command = po("ApprovePayout", { approverId: "u-9", approverRole: "admin" });
    expect(eventsOf(decider, history, command)).toHaveLength(1);
  });

  it("applies the limits it is configured with", () => {
    const strict = createPayoutDecider({ approvalLimits: { handler: [cny(1_000_000)] } });
    expect(errorCodeOf(strict, [requestPayout()], approvePayout)).toBe(
      "payout.approval_limit_exceeded",
    );
    const command = po("ApprovePayout", { approverId: "u-2", approverRole: "admin" });
    expect(errorCodeOf(strict, [requestPayout()], command)).toBe("payout.role_cannot_approve");
  });

  it("refuses to approve twice with payout.invalid_transition", () => {
    const error = errorOf(decider, approved, approvePayout);
    expect(error.code).toBe("payout.invalid_transition");
    expect(error.details).toEqual({ status: "approved", command: "ApprovePayout" });
  });
});

describe("rejecting a payout", () => {
  it("rejects a requested payout for good", () => {
    const state = requested(given(decider, [requestPayout(), rejectPayout]));
    expect(state.status).toBe("rejected");
    expect(state.rejection).toEqual({
      rejectedBy: "u-2",
      reason: "Bank account missing",
      rejectedAt: at(2),
    });
    expect(errorCodeOf(decider, [requestPayout(), rejectPayout], approvePayout)).toBe(
      "payout.invalid_transition",
    );
  });

  it("refuses to reject an approved payout with payout.invalid_transition", () => {
    expect(errorCodeOf(decider, approved, rejectPayout)).toBe("payout.invalid_transition");
  });
});

describe("issuing a payout", () => {
  it("issues an approved payout for its amount and counts it as paid", () => {
    expect(eventsOf(decider, approved, issuePayout)).toEqual([
      {
        type: "PayoutIssued",
        schemaVersion: 1,
        occurredAt: at(24),
        paymentReference: "BANK-REF-001",
        amount: cny(3_000_000),
      },
    ]);
    const state = requested(given(decider, issued));
    expect(state.issuedAmount).toEqual(cny(3_000_000));
    expect(state.netPaid).toEqual(cny(3_000_000));
    expect(state.paymentReference).toBe("BANK-REF-001");
  });

  it("refuses to issue a payout that is not approved with payout.invalid_transition", () => {
    expect(errorCodeOf(decider, [requestPayout()], issuePayout)).toBe("payout.invalid_transition");
  });

  it("records a failed payment and retries it back to approved", () => {
    const failed = requested(given(decider, [...approved, failPayout]));
    expect(failed.status).toBe("failed");
    expect(failed.failures).toEqual([{ reason: "Account closed", failedAt: at(24) }]);
    const retried = requested(given(decider, [...approved, failPayout, retryPayout]));
    expect(retried.status).toBe("approved");
    expect(eventsOf(decider, [...approved, failPayout, retryPayout], issuePayout)).toHaveLength(1);
  });

  it("refuses to retry a payout that has not failed with payout.invalid_transition", () => {
    expect(errorCodeOf(decider, approved, retryPayout)).toBe("payout.invalid_transition");
  });

  it("refuses to fail an issued payout with payout.invalid_transition", () => {
    expect(errorCodeOf(decider, issued, failPayout)).toBe("payout.invalid_transition");
  });
});

describe("voiding a payout", () => {
  it("voids a payout before issue without a reversal", () => {
    expect(eventsOf(decider, [...approved, failPayout], voidPayout)).toEqual([
      {
        type: "PayoutVoided",
        schemaVersion: 1,
        occurredAt: at(48),
        reason: "Duplicate payment",
        reversal: false,
      },
    ]);
  });

  it("voids an issued payout as a reversal, so nothing stays paid", () => {
    expect(eventsOf(decider, issued, voidPayout)[0]).toMatchObject({ reversal: true });
    const state = requested(given(decider, [...issued, voidPayout]));
    expect(state.status).toBe("voided");
    expect(state.issuedAmount).toEqual(cny(0));
    expect(state.netPaid).toEqual(cny(0));
  });

  it("refuses to reverse a payout that has recoveries with payout.reversal_after_recovery", () => {
    expect(errorCodeOf(decider, [...issued, recordRecovery()], voidPayout)).toBe(
      "payout.reversal_after_recovery",
    );
  });

  it("refuses to void a voided payout with payout.invalid_transition", () => {
    expect(errorCodeOf(decider, [requestPayout(), voidPayout], voidPayout)).toBe(
      "payout.invalid_transition",
    );
  });
});

describe("recoveries", () => {
  it("records subrogation and salvage recoveries, which reduce the net paid", () => {
    expect(eventsOf(decider, issued, recordRecovery())).toEqual([
      {
        type: "RecoveryRecorded",
        schemaVersion: 1,
        occurredAt: at(200),
        kind: "subrogation",
        amount: cny(500_000),
        from: "Third-party insurer",
      },
    ]);
    const state = requested(given(decider, payoutPath));
    expect(state.recoveries.map((r) => r.kind)).toEqual(["subrogation", "salvage"]);
    expect(state.recoveriesTotal).toEqual(cny(700_000));
    expect(state.netPaid).toEqual(cny(2_300_000));
  });

  it("allows recoveries up to exactly the amount paid", () => {
    const state = requested(given(decider, [...issued, recordRecovery(3_000_000)]));
    expect(state.netPaid).toEqual(cny(0));
  });

  it("refuses recoveries beyond the amount paid with payout.recovery_exceeds_paid", () => {
    const error = errorOf(
      decider,
      [...issued, recordRecovery(2_000_000)],
      recordRecovery(1_000_001),
    );
    expect(error.code).toBe("payout.recovery_exceeds_paid");
    expect(error.details).toEqual({
      issuedAmount: cny(3_000_000),
      recoveriesTotal: cny(2_000_000),
      amount: cny(1_000_001),
    });
  });

  it("refuses a recovery before the payout is issued with payout.invalid_transition", () => {
    expect(errorCodeOf(decider, approved, recordRecovery())).toBe("payout.invalid_transition");
  });

  it("refuses a recovery in another currency with money.currency_mismatch", () => {
    const command = po("RecordRecovery", {
      kind: "salvage",
      amount: { amount: 10, currency: "RUB" },
      from: "Scrapyard",
    });
    expect(errorCodeOf(decider, issued, command)).toBe("money.currency_mismatch");
  });
});

describe("payout properties", () => {
  it("leaves the empty state as it is for an event that needs a requested payout", () => {
    const [event] = eventsOf(decider, [requestPayout()], approvePayout);
    expect(event && decider.evolve(decider.initialState, event)).toEqual({ status: "none" });
  });

  it("property: any command sequence keeps decide and evolve total, rejections change nothing and events are valid", () => {
    fc.assert(
      fc.property(pathWithNoise(payoutPath, anyPayoutCommandArb), (commands) => {
        checkRunInvariants(decider, PayoutEventSchema, commands);
      }),
      { numRuns: 300 },
    );
  });

  it("property: net paid never exceeds the approved amount and recoveries never exceed what was issued", () => {
    fc.assert(
      fc.property(pathWithNoise(payoutPath, anyPayoutCommandArb), (commands) => {
        const { steps } = checkRunInvariants(decider, PayoutEventSchema, commands);
        for (const { after } of steps) {
          if (after.status === "none") continue;
          expect(after.issuedAmount.amount).toBeLessThanOrEqual(after.amount.amount);
          if (after.issuedAmount.amount > 0) expect(after.approval).not.toBeNull();
          expect(after.recoveriesTotal.amount).toBeLessThanOrEqual(after.issuedAmount.amount);
          expect(after.netPaid.amount).toBe(
            after.issuedAmount.amount - after.recoveriesTotal.amount,
          );
          expect(after.netPaid.amount).toBeGreaterThanOrEqual(0);
          expect(after.netPaid.amount).toBeLessThanOrEqual(after.amount.amount);
        }
      }),
      { numRuns: 300 },
    );
  });
});
