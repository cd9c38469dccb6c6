import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { money, percentOfMoney } from "../shared/money.js";
import {
  breachDeadline,
  type Deadline,
  meetDeadline,
  pauseDeadline,
  startDeadline,
} from "./deadline.js";
import { isAtRisk, isBreached, lateDays } from "./deadline-clock.js";
import { DEADLINE_PRESETS } from "./presets.js";

const rightOf = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected right, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** 30 calendar days from 3 March 2025 10:00: due end of 2 April. */
const decision = (): Deadline =>
  rightOf(startDeadline(DEADLINE_PRESETS["cn.decision_30d"], "dl-1", "2025-03-03T10:00:00Z"));

/** OSAGO decision: documents complete 25 December 2025, due end of 22 January 2026. */
const osago = (): Deadline =>
  rightOf(startDeadline(DEADLINE_PRESETS["ru.osago_decision_20d"], "dl-2", "2025-12-25T12:00:00Z"));

describe("deadline clock", () => {
  it("is breached only once strictly past the due instant", () => {
    expect(isBreached(decision(), "2025-04-02T23:59:59.999Z")).toBe(false);
    expect(isBreached(decision(), "2025-04-03T00:00:00.000Z")).toBe(true);
  });

  it("never reports a paused, met or already breached deadline as breached", () => {
    const later = "2025-06-01T00:00:00Z";
    expect(isBreached(rightOf(pauseDeadline(decision(), "2025-03-10T00:00:00Z")), later)).toBe(
      false,
    );
    expect(isBreached(rightOf(meetDeadline(decision(), "2025-03-10T00:00:00Z")), later)).toBe(
      false,
    );
    expect(isBreached(rightOf(breachDeadline(decision(), "2025-04-03T00:00:00Z")), later)).toBe(
      false,
    );
  });

  it("flags an open deadline at risk once the given share of its window is gone", () => {
    const d = decision();
    expect(isAtRisk(d, "2025-03-20T00:00:00Z", 0.8)).toBe(false);
    expect(isAtRisk(d, "2025-03-28T00:00:00Z", 0.8)).toBe(true);
    expect(isAtRisk(d, "2025-04-03T00:00:00Z", 0.8)).toBe(false);
    expect(
      isAtRisk(rightOf(pauseDeadline(d, "2025-03-28T00:00:00Z")), "2025-03-29T00:00:00Z", 0.8),
    ).toBe(false);
  });

  it("counts OSAGO late days as started calendar days after the due date, for the 1 %-a-day penalty", () => {
    const d = osago();
    expect(d.dueAt).toBe("2026-01-22T23:59:59.999Z");
    expect(lateDays(d, "2026-01-22T23:59:59.999Z")).toBe(0);
    expect(lateDays(d, "2026-01-23T00:00:00.000Z")).toBe(1);
    const late = lateDays(d, "2026-01-25T10:00:00Z");
    expect(late).toBe(3);
    const basisPoints =
      late * (DEADLINE_PRESETS["ru.osago_decision_20d"].latePenaltyBasisPointsPerDay ?? 0);
    expect(percentOfMoney(money(40_000_000, "RUB"), basisPoints)).toEqual(money(1_200_000, "RUB"));
  });

  it("stops counting late days when the stop event comes, even after a breach", () => {
    const breached = rightOf(breachDeadline(osago(), "2026-01-23T00:00:00Z"));
    const paid = rightOf(meetDeadline(breached, "2026-01-25T10:00:00Z"));
    expect(lateDays(paid, "2026-03-01T00:00:00Z")).toBe(3);
  });
});
