import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { PolicySnapshot } from "../policy/snapshot.js";
import { checkCoverage, checkCoverageAll, type LossFacts, LossFactsSchema } from "./coverage.js";

const policy: PolicySnapshot = {
  policyId: "P-1",
  insurerId: "ins-1",
  line: "motor_own_damage",
  jurisdiction: "CN",
  insuredObject: { kind: "vehicle", vin: "LSVAU2180N2183294", plate: "京A 12345" },
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  cancelledFrom: null,
  territory: { countries: ["CN"], regions: ["Beijing", "Hebei"] },
  perils: ["collision", "glass"],
  sumInsured: { amount: 20_000_000, currency: "CNY" },
  deductible: { amount: 100_000, currency: "CNY" },
};

const loss: LossFacts = {
  lossDate: "2026-03-01",
  peril: "collision",
  lossPlace: { country: "CN", region: "Beijing", address: "Chaoyang Rd 1" },
  insuredObject: { vin: "LSVAU2180N2183294" },
};

const failedCode = (p: PolicySnapshot, l: LossFacts) => {
  const result = checkCoverage(p, l);
  return E.isLeft(result) ? result.left.code : "covered";
};

describe("checkCoverage", () => {
  it("confirms a covered loss and lists every rule it checked", () => {
    expect(checkCoverage(policy, loss)).toEqual(
      E.right({
        policyId: "P-1",
        checkedRules: [
          "policy_in_force",
          "insured_object_matches",
          "loss_place_in_territory",
          "peril_covered",
        ],
      }),
    );
  });

  it("treats the policy period as inclusive on both ends", () => {
    expect(failedCode(policy, { ...loss, lossDate: "2026-01-01" })).toBe("covered");
    expect(failedCode(policy, { ...loss, lossDate: "2026-12-31" })).toBe("covered");
  });

  it("denies a loss before the policy starts with coverage.policy_not_in_force", () => {
    const result = checkCoverage(policy, { ...loss, lossDate: "2025-12-31" });
    expect(result).toEqual(
      E.left(
        expect.objectContaining({
          code: "coverage.policy_not_in_force",
          details: expect.objectContaining({ lossDate: "2025-12-31", startDate: "2026-01-01" }),
        }),
      ),
    );
  });

  it("denies a loss after the policy ends with coverage.policy_not_in_force", () => {
    expect(failedCode(policy, { ...loss, lossDate: "2027-01-01" })).toBe(
      "coverage.policy_not_in_force",
    );
  });

  it("denies a loss on or after the cancellation date but covers the day before", () => {
    const cancelled = { ...policy, cancelledFrom: "2026-06-01" };
    expect(failedCode(cancelled, { ...loss, lossDate: "2026-06-01" })).toBe(
      "coverage.policy_not_in_force",
    );
    expect(failedCode(cancelled, { ...loss, lossDate: "2026-07-15" })).toBe(
      "coverage.policy_not_in_force",
    );
    expect(failedCode(cancelled, { ...loss, lossDate: "2026-05-31" })).toBe("covered");
  });

  it("denies a vehicle whose VIN differs with coverage.object_mismatch, whatever the plate", () => {
    const other = { vin: "WVWZZZ1JZXW000001", plate: "京A 12345" };
    const result = checkCoverage(policy, { ...loss, insuredObject: other });
    expect(result).toEqual(
      E.left(
        expect.objectContaining({
          code: "coverage.object_mismatch",
          details: expect.objectContaining({ compared: "vin" }),
        }),
      ),
    );
  });

  it("lets a matching VIN decide even when the reported plate differs", () => {
    const reported = { vin: "LSVAU2180N2183294", plate: "沪B 99999" };
    expect(failedCode(policy, { ...loss, insuredObject: reported })).toBe("covered");
  });

  it("matches on the plate ignoring case and spaces when a VIN is missing", () => {
    const plateOnly = { ...policy, insuredObject: { kind: "vehicle" as const, plate: "ab 123 c" } };
    expect(failedCode(plateOnly, { ...loss, insuredObject: { plate: "AB123C" } })).toBe("covered");
    expect(failedCode(policy, { ...loss, insuredObject: { plate: "京a12345" } })).toBe("covered");
  });

  it("denies a vehicle whose plate differs when no VIN can be compared", () => {
    expect(failedCode(policy, { ...loss, insuredObject: { plate: "京A 54321" } })).toBe(
      "coverage.object_mismatch",
    );
  });

  it("denies a vehicle that cannot be compared at all with coverage.object_mismatch", () => {
    const vinOnly = {
      ...policy,
      insuredObject: { kind: "vehicle" as const, vin: policy.insuredObject.vin },
    };
    const result = checkCoverage(vinOnly, { ...loss, insuredObject: { plate: "京A 12345" } });
    expect(result).toEqual(
      E.left(
        expect.objectContaining({
          code: "coverage.object_mismatch",
          details: expect.objectContaining({ compared: "none" }),
        }),
      ),
    );
  });

  it("skips the object rule for non-vehicle policies and does not list it as checked", () => {
    const home = {
      ...policy,
      line: "property" as const,
      insuredObject: { kind: "property" as const, reference: "flat 12" },
      perils: ["fire" as const],
    };
    const result = checkCoverage(home, { ...loss, peril: "fire", insuredObject: {} });
    expect(result).toEqual(
      E.right({
        policyId: "P-1",
        checkedRules: ["policy_in_force", "loss_place_in_territory", "peril_covered"],
      }),
    );
  });

  it("denies a loss in a country outside the territory with coverage.outside_territory", () => {
    const abroad = { ...loss, lossPlace: { country: "RU", region: "Beijing" } };
    expect(failedCode(policy, abroad)).toBe("coverage.outside_territory");
  });

  it("denies a loss in an unlisted region, or with no region, when the territory lists regions", () => {
    expect(failedCode(policy, { ...loss, lossPlace: { country: "CN", region: "Shanghai" } })).toBe(
      "coverage.outside_territory",
    );
    expect(failedCode(policy, { ...loss, lossPlace: { country: "CN" } })).toBe(
      "coverage.outside_territory",
    );
  });

  it("compares regions ignoring case and surrounding spaces", () => {
    expect(failedCode(policy, { ...loss, lossPlace: { country: "CN", region: " hebei " } })).toBe(
      "covered",
    );
  });

  it("accepts any region of a listed country when the territory lists no regions", () => {
    const nationwide = { ...policy, territory: { countries: ["CN", "RU"] } };
    expect(failedCode(nationwide, { ...loss, lossPlace: { country: "RU" } })).toBe("covered");
  });

  it("denies a peril the policy does not cover with coverage.peril_not_covered", () => {
    const result = checkCoverage(policy, { ...loss, peril: "theft" });
    expect(result).toEqual(
      E.left(
        expect.objectContaining({
          code: "coverage.peril_not_covered",
          details: { peril: "theft", coveredPerils: ["collision", "glass"] },
        }),
      ),
    );
  });

  it("reports the first failing rule in order: period, object, territory, peril", () => {
    const everythingWrong: LossFacts = {
      lossDate: "2030-01-01",
      peril: "flood",
      lossPlace: { country: "US" },
      insuredObject: { plate: "XYZ" },
    };
    expect(failedCode(policy, everythingWrong)).toBe("coverage.policy_not_in_force");
    expect(failedCode(policy, { ...everythingWrong, lossDate: loss.lossDate })).toBe(
      "coverage.object_mismatch",
    );
  });
});

describe("checkCoverageAll", () => {
  it("returns no errors for a covered loss", () => {
    expect(checkCoverageAll(policy, loss)).toEqual([]);
  });

  it("returns every failed check in rule order for explanations", () => {
    const everythingWrong: LossFacts = {
      lossDate: "2030-01-01",
      peril: "flood",
      lossPlace: { country: "US" },
      insuredObject: { plate: "XYZ" },
    };
    expect(checkCoverageAll(policy, everythingWrong).map((e) => e.code)).toEqual([
      "coverage.policy_not_in_force",
      "coverage.object_mismatch",
      "coverage.outside_territory",
      "coverage.peril_not_covered",
    ]);
  });

  it("agrees with checkCoverage on the first failure", () => {
    const twoWrong = { ...loss, peril: "hail" as const, lossPlace: { country: "KZ" } };
    const all = checkCoverageAll(policy, twoWrong);
    expect(all.map((e) => e.code)).toEqual([
      "coverage.outside_territory",
      "coverage.peril_not_covered",
    ]);
    expect(checkCoverage(policy, twoWrong)).toEqual(E.left(all[0]));
  });
});

describe("LossFactsSchema", () => {
  it("upper-cases a reported VIN and refuses a lower-case country code", () => {
    const parsed = LossFactsSchema.parse({ ...loss, insuredObject: { vin: "lsvau2180n2183294" } });
    expect(parsed.insuredObject.vin).toBe("LSVAU2180N2183294");
    expect(LossFactsSchema.safeParse({ ...loss, lossPlace: { country: "cn" } }).success).toBe(
      false,
    );
  });
});
