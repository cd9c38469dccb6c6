import type { EventData, RecordedEvent, SubjectContext } from "@claimstream/eventstore";
import { describe, expect, it } from "vitest";
import { PERSONAL_DATA, policyholderSubject, policyOfSubject } from "./personal-data.js";

// A history of first events by stream, read the way the store's reader is.
const history = (streamId: string, streams: Record<string, EventData>): SubjectContext => ({
  streamId,
  readStream: async function* (id) {
    const data = streams[id];
    if (data !== undefined) yield { data } as RecordedEvent;
  },
});
const none = history("policy-P-1", {});

describe("the personal-data registry", () => {
  it("keys the holder, the reporter and a policyholder payee by the policy", () => {
    expect(PERSONAL_DATA.PolicyIssued?.subjectId({ policyId: "P-1" }, none)).toBe(
      "policyholder-P-1",
    );
    expect(PERSONAL_DATA.ClaimRegistered?.subjectId({ policyId: "P-1" }, none)).toBe(
      "policyholder-P-1",
    );
    const payee = { kind: "policyholder", id: "P-1", name: "Li Wei" };
    expect(PERSONAL_DATA.PayoutRequested?.subjectId({ payee }, none)).toBe("policyholder-P-1");
  });

  it("leaves a shop payee in clear: it is a business, not a person", () => {
    const payee = { kind: "shop", id: "shop-east", name: "East Garage" };
    expect(PERSONAL_DATA.PayoutRequested?.subjectId({ payee }, none)).toBeUndefined();
  });

  it("keys a handover's signer by the policy of the repair order's claim", async () => {
    const rule = PERSONAL_DATA.VehicleHandedOver;
    const streams = {
      "repair-order-RO-1": { repairOrderId: "RO-1", claimId: "C-1" },
      "claim-C-1": { claimId: "C-1", policyId: "P-7" },
    };
    const signed = { signedBy: "Li Wei" };
    expect(rule?.fields).toEqual(["signedBy"]);
    expect(await rule?.subjectId(signed, history("repair-order-RO-1", streams))).toBe(
      "policyholder-P-7",
    );
    // No claim in the store, or not a repair order's stream: no subject to key it to.
    expect(await rule?.subjectId(signed, history("repair-order-RO-2", streams))).toBeUndefined();
    const orphan = { "repair-order-RO-3": { claimId: "C-404" } };
    expect(await rule?.subjectId(signed, history("repair-order-RO-3", orphan))).toBeUndefined();
    expect(await rule?.subjectId(signed, history("claim-C-1", streams))).toBeUndefined();
  });

  it("reads the policy back from a policyholder subject only", () => {
    expect(policyOfSubject(policyholderSubject("P-9"))).toBe("P-9");
    expect(policyOfSubject("person-7")).toBeUndefined();
    expect(policyOfSubject("policyholder-")).toBeUndefined();
  });
});
