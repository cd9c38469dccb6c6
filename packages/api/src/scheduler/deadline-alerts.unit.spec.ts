import { DEADLINE_PRESETS, type Deadline, Deadlines } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { deadlineAlerts } from "./deadline-alerts.js";

// cn.payment_10d started Monday 2 March 09:00: due 12 March 23:59:59.999Z.
const started = Deadlines.startDeadline(
  DEADLINE_PRESETS["cn.payment_10d"],
  "cn.payment_10d-1",
  "2026-03-02T09:00:00.000Z",
);
const deadline = (changes: Partial<Deadline> = {}): Record<string, Deadline> => {
  if (E.isLeft(started)) throw new Error(started.left.message);
  return { [started.right.id]: { ...started.right, ...changes } };
};
const types = (deadlines: Record<string, Deadline>, now: string) =>
  deadlineAlerts({ deadlines }, now, 0.8).map((alert) => alert.command.type);

describe("deadline alerts", () => {
  it("says nothing early in the window", () => {
    expect(types(deadline(), "2026-03-05T00:00:00.000Z")).toEqual([]);
  });

  it("flags the deadline at risk once 80 % of the window has gone", () => {
    const [alert] = deadlineAlerts({ deadlines: deadline() }, "2026-03-11T00:00:00.000Z", 0.8);
    expect(alert?.command).toEqual({
      type: "FlagDeadlineAtRisk",
      deadlineId: "cn.payment_10d-1",
      fraction: 0.8,
      occurredAt: "2026-03-11T00:00:00.000Z",
    });
    expect(alert?.idempotencyKey).toBe(
      "deadline-at-risk:cn.payment_10d-1:2026-03-12T23:59:59.999Z",
    );
  });

  it("marks it breached once the due time has passed, with one key per deadline", () => {
    const [alert] = deadlineAlerts({ deadlines: deadline() }, "2026-03-13T00:00:00.000Z", 0.8);
    expect(alert?.command.type).toBe("MarkDeadlineBreached");
    expect(alert?.idempotencyKey).toBe("deadline-breached:cn.payment_10d-1");
  });

  it("leaves met, paused and already breached deadlines alone", () => {
    const late = "2026-03-20T00:00:00.000Z";
    expect(types(deadline({ status: "met", metAt: "2026-03-04T00:00:00.000Z" }), late)).toEqual([]);
    expect(
      types(deadline({ status: "paused", pausedAt: "2026-03-04T00:00:00.000Z" }), late),
    ).toEqual([]);
    expect(types(deadline({ status: "breached", breachedAt: late }), late)).toEqual([]);
  });
});
