import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { ClaimCommand } from "./claim/commands.js";
import { claimDecider } from "./claim/decide.js";
import type { ClaimEvent } from "./claim/events.js";
import { run, toSettlement } from "./claim/testing/claim-fixtures.js";
import type { PayoutCommand } from "./payout/commands.js";
import type { PayoutEvent } from "./payout/events.js";
import { payoutDecider } from "./payout/index.js";
import {
  claimGuardOf,
  PROCESS_MANAGER_TRIGGERS,
  type ProcessCommand,
  reactToEvent,
} from "./process-manager.js";
import { foldEvents } from "./shared/decider.js";

/** A tiny in-memory world: streams of claim and payout events, and the process manager between them. */
const world = () => {
  const claims = new Map<string, ClaimEvent[]>();
  const payouts = new Map<string, PayoutEvent[]>();
  const sent: ProcessCommand[] = [];

  const dispatch = (out: ProcessCommand): void => {
    sent.push(out);
    if (out.aggregate === "claim") claim(out.id, out.command);
    else payout(out.id, out.command);
  };
  // Every event that causes commands is a declared trigger: the durable reactor reads only those.
  const reacted = (type: string, outs: readonly ProcessCommand[]): void => {
    if (outs.length > 0) expect(PROCESS_MANAGER_TRIGGERS).toContain(type);
    outs.forEach(dispatch);
  };
  const claim = (id: string, command: ClaimCommand): void => {
    const history = claims.get(id) ?? [];
    const result = claimDecider.decide(command, foldEvents(claimDecider, history));
    if (E.isLeft(result)) throw new Error(result.left.code);
    for (const event of result.right) {
      history.push(event);
      claims.set(id, history);
      const state = foldEvents(claimDecider, history);
      reacted(event.type, reactToEvent({ aggregate: "claim", id, event, state }));
    }
  };
  const payout = (id: string, command: PayoutCommand): void => {
    const history = payouts.get(id) ?? [];
    // As the API does: the claim's guard first, then the payout command.
    const guard = claimGuardOf(command, foldEvents(payoutDecider, history));
    if (guard !== undefined) claim(guard.id, guard.command);
    const result = payoutDecider.decide(command, foldEvents(payoutDecider, history));
    if (E.isLeft(result)) throw new Error(result.left.code);
    for (const event of result.right) {
      history.push(event);
      payouts.set(id, history);
      const state = foldEvents(payoutDecider, history);
      reacted(event.type, reactToEvent({ aggregate: "payout", id, event, state }));
    }
  };
  return { claims, payouts, sent, claim, payout };
};

describe("process manager", () => {
  it("turns a cash settlement into a payout request, records the issued payout on the claim and closes it", () => {
    const w = world();
    for (const command of toSettlement(280_000)) w.claim("C-1", command);

    const requested = w.sent.find((s) => s.aggregate === "payout");
    expect(requested?.command.type).toBe("RequestPayout");
    const payoutId = requested!.id;
    expect(w.payouts.get(payoutId)?.[0]?.type).toBe("PayoutRequested");

    const at = "2026-03-06T10:00:00.000Z";
    w.payout(payoutId, {
      type: "ApprovePayout",
      schemaVersion: 1,
      occurredAt: at,
      approverId: "fin-1",
      approverRole: "finance",
    });
    w.payout(payoutId, {
      type: "IssuePayout",
      schemaVersion: 1,
      occurredAt: at,
      paymentReference: "BANK-1",
    });

    const claim = foldEvents(claimDecider, w.claims.get("C-1")!);
    expect(claim.paid?.indemnity).toEqual({ amount: 280_000, currency: "CNY" });
    expect(claim.status).toBe("closed");
    expect(claim.closedOutcome).toBe("paid");
  });

  it("takes a payout voided after issue back from the claim's paid total", () => {
    const w = world();
    for (const command of toSettlement(280_000).slice(0, -1)) w.claim("C-1", command);
    w.claim("C-1", {
      type: "AgreeSettlement",
      schemaVersion: 1,
      occurredAt: "2026-03-05T09:00:00.000Z",
      amount: { amount: 280_000, currency: "CNY" },
      method: "cash",
    });
    const payoutId = w.sent.find((s) => s.aggregate === "payout")!.id;
    const at = "2026-03-06T10:00:00.000Z";
    w.payout(payoutId, {
      type: "ApprovePayout",
      schemaVersion: 1,
      occurredAt: at,
      approverId: "fin-1",
      approverRole: "finance",
    });
    w.payout(payoutId, {
      type: "IssuePayout",
      schemaVersion: 1,
      occurredAt: at,
      paymentReference: "BANK-1",
    });
    expect(foldEvents(claimDecider, w.claims.get("C-1")!).status).toBe("closed");
    w.payout(payoutId, {
      type: "VoidPayout",
      schemaVersion: 1,
      occurredAt: at,
      reason: "returned by the bank",
    });
    const claim = foldEvents(claimDecider, w.claims.get("C-1")!);
    expect(claim.paid?.indemnity).toEqual({ amount: 0, currency: "CNY" });
    expect(w.claims.get("C-1")!.at(-1)?.type).toBe("ClaimPaymentReversed");
  });

  it("asks nothing for a repair settlement: the shop's invoice will", () => {
    const commands = toSettlement();
    const last = commands.at(-1) as Extract<ClaimCommand, { type: "AgreeSettlement" }>;
    const { state, events } = run([...commands.slice(0, -1), { ...last, method: "repair" }]);
    const settled = events.find((e) => e.type === "SettlementAgreed")!;
    expect(reactToEvent({ aggregate: "claim", id: "C-1", event: settled, state })).toEqual([]);
  });

  it("derives the same payout id from the same event, so a replay cannot pay twice", () => {
    const { state, events } = run(toSettlement());
    const settled = events.find((e) => e.type === "SettlementAgreed")!;
    const first = reactToEvent({ aggregate: "claim", id: "C-1", event: settled, state });
    const again = reactToEvent({ aggregate: "claim", id: "C-1", event: settled, state });
    expect(first).toEqual(again);
    expect(first).toHaveLength(1);
  });
  it("refuses a payout beyond the settlement through the claim's guard, and frees a rejected one", () => {
    const w = world();
    for (const command of toSettlement(280_000)) w.claim("C-1", command);
    const settlementPayout = w.sent.find((s) => s.aggregate === "payout")!.id;
    const request = (payoutId: string, amount: number): PayoutCommand => ({
      type: "RequestPayout",
      schemaVersion: 1,
      occurredAt: "2026-03-06T10:00:00.000Z",
      payoutId,
      claimId: "C-1",
      insurerId: "pacific-mutual",
      payee: { kind: "policyholder", id: "P-1", name: "Li Wei" },
      amount: { amount, currency: "CNY" },
      costType: "indemnity",
      reason: "more",
      requestedBy: "handler-1",
    });
    // The settlement's own payout already holds all 2,800 CNY.
    expect(() => w.payout("PO-EXTRA", request("PO-EXTRA", 19_000_000))).toThrow(
      "claim.payout_exceeds_authority",
    );
    expect(w.payouts.has("PO-EXTRA")).toBe(false);
    w.payout(settlementPayout, {
      type: "RejectPayout",
      schemaVersion: 1,
      occurredAt: "2026-03-06T11:00:00.000Z",
      rejectedBy: "fin-1",
      reason: "wrong account",
    });
    const claim = foldEvents(claimDecider, w.claims.get("C-1")!);
    expect(claim.payoutLedger[settlementPayout]).toBeUndefined();
    w.payout("PO-AGAIN", request("PO-AGAIN", 280_000));
    expect(w.payouts.get("PO-AGAIN")?.[0]?.type).toBe("PayoutRequested");
  });
});
