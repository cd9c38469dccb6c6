import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FAST_TRACK_CONFIG,
  FastTrackConfigSchema,
  FastTrackDecisionSchema,
  type FastTrackFacts,
  fastTrackEligibility,
} from "./fast-track.js";
import type { RiskAssessment } from "./risk.js";
import { moneyArb } from "./testing/arbitraries.js";

const smallDentedBumper: FastTrackFacts = {
  estimatedAmount: { amount: 320_000, currency: "CNY" },
  singleParty: true,
  injuries: false,
};
const lowRisk: RiskAssessment = { score: 10, band: "low", hits: [] };
const riskOf = (score: number): RiskAssessment => ({ ...lowRisk, score });

describe("fastTrackEligibility", () => {
  it("fast-tracks a small single-party claim without injuries and with low risk", () => {
    expect(fastTrackEligibility(smallDentedBumper, lowRisk)).toEqual({
      eligible: true,
      reasons: [],
    });
  });

  it("fast-tracks an estimate exactly at the limit", () => {
    const atLimit = { ...smallDentedBumper, estimatedAmount: DEFAULT_FAST_TRACK_CONFIG.limit };
    expect(fastTrackEligibility(atLimit, lowRisk).eligible).toBe(true);
  });

  it("refuses an estimate one fen above the limit with amount_over_limit", () => {
    const above = { ...smallDentedBumper, estimatedAmount: { amount: 500_001, currency: "CNY" } };
    expect(fastTrackEligibility(above, lowRisk)).toEqual({
      eligible: false,
      reasons: ["amount_over_limit"],
    });
  });

  it("refuses an estimate in another currency with currency_mismatch instead of failing", () => {
    const roubles = { ...smallDentedBumper, estimatedAmount: { amount: 100, currency: "RUB" } };
    expect(fastTrackEligibility(roubles, lowRisk)).toEqual({
      eligible: false,
      reasons: ["currency_mismatch"],
    });
  });

  it("accepts a risk score at the maximum and refuses one above it with risk_too_high", () => {
    expect(fastTrackEligibility(smallDentedBumper, riskOf(29)).eligible).toBe(true);
    expect(fastTrackEligibility(smallDentedBumper, riskOf(30))).toEqual({
      eligible: false,
      reasons: ["risk_too_high"],
    });
  });

  it("refuses a multi-party claim with multi_party", () => {
    expect(fastTrackEligibility({ ...smallDentedBumper, singleParty: false }, lowRisk)).toEqual({
      eligible: false,
      reasons: ["multi_party"],
    });
  });

  it("refuses a claim with injuries with injuries", () => {
    expect(fastTrackEligibility({ ...smallDentedBumper, injuries: true }, lowRisk)).toEqual({
      eligible: false,
      reasons: ["injuries"],
    });
  });

  it("lists every reason in a stable order", () => {
    const everything: FastTrackFacts = {
      estimatedAmount: { amount: 9_000_000, currency: "CNY" },
      singleParty: false,
      injuries: true,
    };
    expect(fastTrackEligibility(everything, riskOf(75)).reasons).toEqual([
      "amount_over_limit",
      "risk_too_high",
      "multi_party",
      "injuries",
    ]);
  });

  it("lets an insurer allow multi-party claims and injuries by configuration", () => {
    const lenient = {
      ...DEFAULT_FAST_TRACK_CONFIG,
      requireSingleParty: false,
      allowInjuries: true,
    };
    const facts = { ...smallDentedBumper, singleParty: false, injuries: true };
    expect(fastTrackEligibility(facts, lowRisk, lenient)).toEqual({ eligible: true, reasons: [] });
  });

  it("defaults the party and injury switches when parsing a configuration", () => {
    const parsed = FastTrackConfigSchema.parse({
      limit: { amount: 2_000_000, currency: "RUB" },
      maxRiskScore: 20,
    });
    expect(parsed).toEqual({
      limit: { amount: 2_000_000, currency: "RUB" },
      maxRiskScore: 20,
      requireSingleParty: true,
      allowInjuries: false,
    });
  });

  it("property: a claim above the limit is never fast-tracked", () => {
    const facts = fc.record({
      estimatedAmount: moneyArb(fc.constant("CNY")),
      singleParty: fc.boolean(),
      injuries: fc.boolean(),
    });
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 100 }), (f, score) => {
        const decision = fastTrackEligibility(f, riskOf(score));
        if (f.estimatedAmount.amount > DEFAULT_FAST_TRACK_CONFIG.limit.amount) {
          expect(decision.eligible).toBe(false);
          expect(decision.reasons).toContain("amount_over_limit");
        }
      }),
    );
  });

  it("property: a claim is eligible exactly when there is no reason against it", () => {
    const facts = fc.record({
      estimatedAmount: moneyArb(),
      singleParty: fc.boolean(),
      injuries: fc.boolean(),
    });
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 100 }), (f, score) => {
        const decision = fastTrackEligibility(f, riskOf(score));
        expect(decision.eligible).toBe(decision.reasons.length === 0);
        expect(FastTrackDecisionSchema.parse(decision)).toEqual(decision);
      }),
    );
  });
});
