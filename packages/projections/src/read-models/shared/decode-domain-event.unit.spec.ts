import { ERASED } from "@claimstream/eventstore";
import { describe, expect, it } from "vitest";
import {
  at,
  DecidedHistory,
  issuedPayout,
  openClaim,
  registerClaim,
} from "../../../test/support/operations-history.js";
import { EventLog } from "../../../test/support/recorded-events.js";
import { decodeDomainEvent } from "./decode-domain-event.js";

const recoveryOf = (streamId: string, fields: Record<string, unknown>) =>
  new EventLog().append(streamId, [
    { type: "RecoveryRecorded", schemaVersion: 1, occurredAt: at(1), ...fields },
  ])[0];

describe("decodeDomainEvent", () => {
  it("reads an event as its aggregate's event, with the id from the stream", () => {
    const [registered] = new DecidedHistory().claim(
      "C-1",
      ...openClaim({ claimId: "C-1", reportedAt: at(0) }),
    ).events;
    const decoded = registered && decodeDomainEvent(registered);
    expect(decoded).toMatchObject({ category: "claim", id: "C-1", position: 1 });
    expect(decoded?.event).toMatchObject({ type: "ClaimRegistered", insurerId: "ins-a" });
    expect(decoded?.erased.size).toBe(0);
  });

  it("tells a shared event type apart by stream category", () => {
    const claimRecovery = recoveryOf("claim-C-1", {
      kind: "salvage",
      amount: { amount: 100, currency: "CNY" },
      payoutId: null,
    });
    const payoutRecovery = recoveryOf("payout-PAY-1", {
      kind: "salvage",
      amount: { amount: 100, currency: "CNY" },
      from: "Salvage buyer",
    });
    expect(claimRecovery && decodeDomainEvent(claimRecovery)?.category).toBe("claim");
    expect(payoutRecovery && decodeDomainEvent(payoutRecovery)?.category).toBe("payout");
    // A payout's shape on a claim stream is not a claim event.
    const misplaced = recoveryOf("claim-C-1", {
      kind: "salvage",
      amount: { amount: 100, currency: "CNY" },
      from: "Salvage buyer",
    });
    expect(() => misplaced && decodeDomainEvent(misplaced)).toThrow();
  });

  it("decodes events whose personal fields were erased, naming the erased fields", () => {
    const history = new DecidedHistory().payout(
      "PAY-1",
      ...issuedPayout({
        payoutId: "PAY-1",
        claimId: "C-1",
        payee: { kind: "shop", id: "shop-7" },
        amount: 1_000,
        requestedAt: at(1),
        issuedAt: at(2),
      }),
    );
    const [requested] = history.events;
    if (requested === undefined) throw new Error("no event");
    const decoded = decodeDomainEvent({ ...requested, data: { ...requested.data, payee: ERASED } });
    expect(decoded?.erased).toEqual(new Set(["payee"]));
    expect(decoded?.event).toMatchObject({ type: "PayoutRequested", claimId: "C-1" });
    expect(decoded?.event).not.toHaveProperty("payee");
  });

  it("ignores types the stream's aggregate does not have, and unknown categories", () => {
    const log = new EventLog();
    const [onPolicy] = log.append("policy-P-1", [
      registerClaim({ claimId: "C-1", reportedAt: at(0) }) as never,
    ]);
    const [elsewhere] = log.append("audit-1", [
      registerClaim({ claimId: "C-1", reportedAt: at(0) }) as never,
    ]);
    expect(onPolicy && decodeDomainEvent(onPolicy)).toBeUndefined();
    expect(elsewhere && decodeDomainEvent(elsewhere)).toBeUndefined();
  });
});
