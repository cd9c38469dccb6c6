import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_RISK_RULES,
  RiskAssessmentSchema,
  type RiskFacts,
  RiskFactsSchema,
  type RiskRule,
  requiresFraudReview,
  riskBandOf,
  scoreRisk,
} from "./risk.js";
import { riskFactsArb } from "./testing/arbitraries.js";

const clean: RiskFacts = {
  estimatedAmount: { amount: 300_000, currency: "CNY" },
  sumInsured: { amount: 20_000_000, currency: "CNY" },
  lossDate: "2026-05-10",
  policyStartDate: "2026-01-01",
  reportedAt: "2026-05-11T08:00:00Z",
  priorClaimsLast12Months: 0,
  singleParty: true,
  injuries: false,
  policeReport: true,
  lossHourLocal: 14,
  description: "Rear-ended at a traffic light on Chaoyang Road",
};

const triggers: [string, Partial<RiskFacts>][] = [
  ["new_policy", { policyStartDate: "2026-04-10" }],
  ["late_reporting", { reportedAt: "2026-06-10T09:00:00+08:00" }],
  ["amount_near_sum_insured", { estimatedAmount: { amount: 14_000_001, currency: "CNY" } }],
  ["frequent_claims", { priorClaimsLast12Months: 2 }],
  ["night_loss_without_police_report", { lossHourLocal: 3, policeReport: false }],
  ["injuries", { injuries: true }],
  ["multi_party", { singleParty: false }],
  ["vague_description", { description: "  car damaged  " }],
];

const hitIds = (facts: RiskFacts) => scoreRisk(facts).hits.map((h) => h.ruleId);

describe("scoreRisk", () => {
  it("scores a clean, well-documented claim 0 in the low band with no hits", () => {
    expect(scoreRisk(clean)).toEqual({ score: 0, band: "low", hits: [] });
  });

  it.each(triggers)("explains the %s rule when it applies, and only that rule", (ruleId, patch) => {
    const rule = DEFAULT_RISK_RULES.find((r) => r.id === ruleId)!;
    expect(scoreRisk({ ...clean, ...patch })).toEqual({
      score: rule.weight,
      band: "low",
      hits: [{ ruleId, weight: rule.weight, explanation: rule.explanation }],
    });
  });

  it("covers every default rule in the examples above", () => {
    expect(triggers.map(([id]) => id)).toEqual(DEFAULT_RISK_RULES.map((r) => r.id));
  });

  it("counts a loss exactly 30 days after the start as new, 31 days as not", () => {
    expect(hitIds({ ...clean, policyStartDate: "2026-04-10" })).toEqual(["new_policy"]);
    expect(hitIds({ ...clean, policyStartDate: "2026-04-09" })).toEqual([]);
  });

  it("counts a report on day 30 after the loss as timely and day 31 as late", () => {
    expect(hitIds({ ...clean, reportedAt: "2026-06-09T23:00:00Z" })).toEqual([]);
    expect(hitIds({ ...clean, reportedAt: "2026-06-10T00:00:00Z" })).toEqual(["late_reporting"]);
  });

  it("does not flag an amount of exactly 70 % of the sum insured", () => {
    const atSeventy = { ...clean, estimatedAmount: { amount: 14_000_000, currency: "CNY" } };
    expect(hitIds(atSeventy)).toEqual([]);
  });

  it("does not compare an amount with a sum insured in another currency", () => {
    const foreign = { ...clean, estimatedAmount: { amount: 99_000_000, currency: "RUB" } };
    expect(hitIds(foreign)).toEqual([]);
  });

  it("flags night-time losses only from 0:00 to 4:59 and only without a police report", () => {
    expect(hitIds({ ...clean, lossHourLocal: 0, policeReport: false })).toEqual([
      "night_loss_without_police_report",
    ]);
    expect(hitIds({ ...clean, lossHourLocal: 5, policeReport: false })).toEqual([]);
    expect(hitIds({ ...clean, lossHourLocal: 2, policeReport: true })).toEqual([]);
    expect(hitIds({ ...clean, lossHourLocal: undefined, policeReport: false })).toEqual([]);
  });

  it("treats a missing description as vague", () => {
    expect(hitIds({ ...clean, description: undefined })).toEqual(["vague_description"]);
  });

  it("adds the weights of several hits and lists them in rule order", () => {
    const risky = { ...clean, policyStartDate: "2026-05-01", injuries: true, singleParty: false };
    const result = scoreRisk(risky);
    expect(result.score).toBe(30);
    expect(result.band).toBe("medium");
    expect(result.hits.map((h) => h.ruleId)).toEqual(["new_policy", "injuries", "multi_party"]);
  });

  it("sends a claim hitting every default rule to fraud review", () => {
    const worst = Object.assign({}, clean, ...triggers.map(([, patch]) => patch)) as RiskFacts;
    const result = scoreRisk(worst);
    expect(result.hits).toHaveLength(DEFAULT_RISK_RULES.length);
    expect(result.score).toBe(90);
    expect(result.band).toBe("high");
    expect(requiresFraudReview(result)).toBe(true);
  });

  it("caps the score at 100 when custom rules weigh more", () => {
    const heavy: RiskRule[] = [60, 70].map((weight, i) => ({
      id: `heavy_${i}`,
      weight,
      explanation: "always",
      applies: () => true,
    }));
    const result = scoreRisk(clean, heavy);
    expect(result.score).toBe(100);
    expect(result.hits.map((h) => h.weight)).toEqual([60, 70]);
  });

  it("uses the bands it is given", () => {
    const result = scoreRisk({ ...clean, injuries: true }, DEFAULT_RISK_RULES, {
      mediumFrom: 5,
      highFrom: 10,
    });
    expect(result.band).toBe("high");
  });

  it("ships default rules with unique ids whose weights add up to at most 100", () => {
    const ids = DEFAULT_RISK_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(DEFAULT_RISK_RULES.reduce((sum, r) => sum + r.weight, 0)).toBeLessThanOrEqual(100);
  });

  it("property: the score is within 0..100 and equals the capped sum of hit weights", () => {
    const ruleArb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      weight: fc.integer({ min: 0, max: 60 }),
      explanation: fc.string(),
      applies: fc.func(fc.boolean()),
    });
    fc.assert(
      fc.property(riskFactsArb, fc.array(ruleArb, { maxLength: 12 }), (facts, rules) => {
        const { score, hits } = scoreRisk(facts, rules);
        const total = hits.reduce((sum, h) => sum + h.weight, 0);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(score).toBe(Math.min(100, total));
      }),
    );
  });

  it("property: the default rules hit exactly the rules that apply and the result fits its schema", () => {
    fc.assert(
      fc.property(riskFactsArb, (facts) => {
        expect(RiskFactsSchema.safeParse(facts).success).toBe(true);
        const result = scoreRisk(facts);
        const applying = DEFAULT_RISK_RULES.filter((r) => r.applies(facts)).map((r) => r.id);
        expect(result.hits.map((h) => h.ruleId)).toEqual(applying);
        expect(RiskAssessmentSchema.parse(result)).toEqual(result);
        expect(result.band).toBe(riskBandOf(result.score));
      }),
    );
  });
});

describe("riskBandOf", () => {
  it("puts 29 in low, 30 and 59 in medium, 60 in high", () => {
    expect([0, 29, 30, 59, 60, 100].map((s) => riskBandOf(s))).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
    ]);
  });
});

describe("requiresFraudReview", () => {
  it("asks for a fraud review only for the high band", () => {
    expect(requiresFraudReview({ score: 59, band: "medium", hits: [] })).toBe(false);
    expect(requiresFraudReview({ score: 60, band: "high", hits: [] })).toBe(true);
  });
});
