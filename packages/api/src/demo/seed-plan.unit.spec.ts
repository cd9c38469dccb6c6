import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { applyPlanInMemory, type SeedStreams } from "./seed-memory.js";
import { buildSeedPlan } from "./seed-plan.js";
import { type SeedFigures, summarizeSeed } from "./seed-summary.js";
import { describeSeedFailure, type SeedPlan } from "./seed-types.js";

const NOW = "2026-11-25T12:00:00.000Z";

const applied = (plan: SeedPlan): SeedStreams => {
  const result = applyPlanInMemory(plan);
  if (E.isLeft(result)) throw new Error(describeSeedFailure(result.left));
  return result.right;
};

const monthsBetween = (from: string, to: string): number =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));

describe("the demo seed plan", () => {
  let plan: SeedPlan;
  let streams: SeedStreams;
  let figures: SeedFigures;

  beforeAll(() => {
    plan = buildSeedPlan({ now: NOW });
    streams = applied(plan);
    figures = summarizeSeed(streams);
  });

  it("is the same plan for the same seed and now, and another plan for another seed", () => {
    expect(buildSeedPlan({ now: NOW })).toEqual(plan);
    const small = { now: NOW, policies: 100, claims: 40 };
    expect(buildSeedPlan({ ...small, seed: 7 })).not.toEqual(buildSeedPlan({ ...small, seed: 8 }));
  });

  it("applies in memory without a single refused step", () => {
    expect(E.isRight(applyPlanInMemory(plan))).toBe(true);
  });

  it("keeps every stream in business-time order and nothing after now", () => {
    for (const [stream, events] of streams) {
      const times = events.map((e) => e.occurredAt);
      expect(times, stream).toEqual([...times].sort());
      expect(times.at(-1)! <= NOW, stream).toBe(true);
    }
  });

  it("writes about 400 policies, a few cancelled mid-term, and about 300 claims", () => {
    expect(figures.policies.total).toBe(400);
    expect(figures.policies.cancelled).toBeGreaterThan(5);
    expect(figures.claims.total).toBe(300);
  });

  it("has claims in every status", () => {
    for (const status of [
      "registered",
      "coverage_verified",
      "in_assessment",
      "assessed",
      "settled",
      "denied",
      "closed",
    ]) {
      expect(figures.claims.byStatus[status], status).toBeGreaterThan(0);
    }
    for (const outcome of ["paid", "denied", "withdrawn", "duplicate"]) {
      expect(figures.claims.closedByOutcome[outcome], outcome).toBeGreaterThan(0);
    }
  });

  it("has repair orders in every status up to invoiced", () => {
    for (const status of [
      "opened",
      "vehicle_received",
      "diagnosed",
      "estimated",
      "in_repair",
      "waiting_parts",
      "completed",
      "handed_over",
      "invoiced",
    ]) {
      expect(figures.repairOrders.byStatus[status], status).toBeGreaterThan(0);
    }
  });

  it("has payouts waiting for approval, approved, issued and with recoveries", () => {
    for (const status of ["requested", "approved", "issued"]) {
      expect(figures.payouts.byStatus[status], status).toBeGreaterThan(0);
    }
    expect(figures.payouts.withRecoveries).toBeGreaterThan(0);
    expect(figures.claims.withRecoveries).toBeGreaterThan(0);
  });

  it("has deadlines met and breached, reopens, fast track, fraud review and shop disputes", () => {
    expect(figures.deadlines.metOnTime).toBeGreaterThan(0);
    expect(figures.deadlines.breached).toBeGreaterThan(0);
    expect(figures.claims.reopened).toBeGreaterThan(0);
    expect(figures.claims.fastTracked).toBeGreaterThan(0);
    expect(figures.claims.fraudReviews).toBeGreaterThan(0);
    expect(figures.claims.shopDisputes).toBeGreaterThan(0);
    expect(figures.claims.supplements.approved).toBeGreaterThan(0);
    expect(figures.claims.supplements.rejected).toBeGreaterThan(0);
    expect(figures.claims.withFeedback).toBeGreaterThan(0);
    expect(figures.claims.complaints).toBeGreaterThan(0);
  });

  it("leaves at least one adjuster idle while others carry open claims", () => {
    expect(figures.adjusters.idle.length).toBeGreaterThan(0);
    expect(Object.values(figures.adjusters.openClaims).some((n) => n > 0)).toBe(true);
  });

  it("spreads loss dates over at least 18 months before now", () => {
    const { from, to } = figures.claims.lossDates;
    expect(monthsBetween(from, to)).toBeGreaterThanOrEqual(18);
    expect(to <= NOW.slice(0, 10)).toBe(true);
  });

  it("leaves the payouts the process manager requests to it", () => {
    const requested = plan.filter((s) => s.command.type === "RequestPayout");
    expect(requested.every((s) => s.stream.includes("PAY-EXP-"))).toBe(true);
    expect(plan.some((s) => s.command.type === "RecordPayment")).toBe(false);
  });

  it("generates and applies a whole data set well within 10 seconds", { timeout: 10_000 }, () => {
    const other = buildSeedPlan({ now: "2026-06-30T08:00:00Z", seed: 11 });
    const otherFigures = summarizeSeed(applied(other));
    expect(otherFigures.claims.byStatus.closed).toBeGreaterThan(0);
  });
});
