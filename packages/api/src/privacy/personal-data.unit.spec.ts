import { describe, expect, it } from "vitest";
import { PERSONAL_DATA, policyholderSubject, policyOfSubject } from "./personal-data.js";

describe("the personal-data registry", () => {
  it("keys the holder, the reporter and a policyholder payee by the policy", () => {
    expect(PERSONAL_DATA.PolicyIssued?.subjectId({ policyId: "P-1" })).toBe("policyholder-P-1");
    expect(PERSONAL_DATA.ClaimRegistered?.subjectId({ policyId: "P-1" })).toBe("policyholder-P-1");
    const payee = { kind: "policyholder", id: "P-1", name: "Li Wei" };
    expect(PERSONAL_DATA.PayoutRequested?.subjectId({ payee })).toBe("policyholder-P-1");
  });

  it("leaves a shop payee in clear: it is a business, not a person", () => {
    const payee = { kind: "shop", id: "shop-east", name: "East Garage" };
    expect(PERSONAL_DATA.PayoutRequested?.subjectId({ payee })).toBeUndefined();
  });

  it("reads the policy back from a policyholder subject only", () => {
    expect(policyOfSubject(policyholderSubject("P-9"))).toBe("P-9");
    expect(policyOfSubject("person-7")).toBeUndefined();
    expect(policyOfSubject("policyholder-")).toBeUndefined();
  });
});
