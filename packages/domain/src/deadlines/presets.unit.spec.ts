import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { startDeadline } from "./deadline.js";
import { DeadlineRuleSchema } from "./deadline-rule.js";
import { computeDueAt } from "./due-date.js";
import { DEADLINE_PRESETS, presetsFor, withOverrides } from "./presets.js";

const codeOf = <A>(result: E.Either<{ code: string }, A>) => E.isLeft(result) && result.left.code;

const dueAt = (id: keyof typeof DEADLINE_PRESETS, startedAt: string) =>
  computeDueAt(DEADLINE_PRESETS[id], startedAt);

describe("deadline presets", () => {
  it("are valid rules filed under their own ids", () => {
    for (const [id, rule] of Object.entries(DEADLINE_PRESETS)) {
      expect(DeadlineRuleSchema.parse(rule)).toEqual(rule);
      expect(rule.id).toBe(id);
    }
  });

  it("cn.decision_30d: due 30 calendar days after complete documents", () => {
    expect(dueAt("cn.decision_30d", "2025-09-20T10:00:00Z")).toEqual(
      E.right("2025-10-20T23:59:59.999Z"),
    );
  });

  it("cn.payment_10d: due 10 calendar days after the settlement agreement, holidays included", () => {
    expect(dueAt("cn.payment_10d", "2025-09-26T10:00:00Z")).toEqual(
      E.right("2025-10-06T23:59:59.999Z"),
    );
  });

  it("cn.refusal_notice_3d: due 3 calendar days after the denial", () => {
    expect(dueAt("cn.refusal_notice_3d", "2025-03-03T08:00:00Z")).toEqual(
      E.right("2025-03-06T23:59:59.999Z"),
    );
  });

  it("ru.osago_decision_20d: skips the New Year holidays, keeps weekends, 1 % a day late", () => {
    expect(dueAt("ru.osago_decision_20d", "2025-12-25T12:00:00Z")).toEqual(
      E.right("2026-01-22T23:59:59.999Z"),
    );
    expect(DEADLINE_PRESETS["ru.osago_decision_20d"].latePenaltyBasisPointsPerDay).toBe(100);
  });

  it("ru.osago_repair_30wd: counts 30 Russian working days, skipping 23 February and 9 March 2026", () => {
    expect(dueAt("ru.osago_repair_30wd", "2026-02-16T10:00:00Z")).toEqual(
      E.right("2026-04-01T23:59:59.999Z"),
    );
  });

  it("us-ca.acknowledge_15d: due 15 calendar days after registration, across July 4", () => {
    expect(dueAt("us-ca.acknowledge_15d", "2026-06-20T17:00:00Z")).toEqual(
      E.right("2026-07-05T23:59:59.999Z"),
    );
  });

  it("us-ca.decision_40d: due 40 calendar days after proof of claim", () => {
    expect(dueAt("us-ca.decision_40d", "2025-11-20T16:00:00Z")).toEqual(
      E.right("2025-12-30T23:59:59.999Z"),
    );
  });

  it("fast_track.settle_24h: due 24 hours after approval, in any jurisdiction", () => {
    expect(dueAt("fast_track.settle_24h", "2025-10-01T09:30:00Z")).toEqual(
      E.right("2025-10-02T09:30:00.000Z"),
    );
    for (const j of ["CN", "RU", "US-CA"] as const) {
      expect(presetsFor(j).map((r) => r.id)).toContain("fast_track.settle_24h");
    }
  });

  it("gives each jurisdiction its own rules plus the jurisdiction-free ones", () => {
    expect(presetsFor("RU").map((r) => r.id)).toEqual([
      "ru.osago_decision_20d",
      "ru.osago_repair_30wd",
      "fast_track.settle_24h",
    ]);
    expect(presetsFor("CN").map((r) => r.id)).toEqual([
      "cn.decision_30d",
      "cn.payment_10d",
      "cn.refusal_notice_3d",
      "fast_track.settle_24h",
    ]);
  });

  it("lets a contract count CN payment in working days, skipping the National Day week", () => {
    const rules = withOverrides(presetsFor("CN"), {
      "cn.payment_10d": { length: 10, unit: "working_days" },
    });
    const payment = E.isRight(rules)
      ? rules.right.find((r) => r.id === "cn.payment_10d")
      : undefined;
    expect(payment).toMatchObject({ length: 10, unit: "working_days", jurisdiction: "CN" });
    // Fri 26 Sep 2025: Sun 28 Sep and Sat 11 Oct are worked, 1–8 Oct are off.
    const deadline = payment && startDeadline(payment, "dl-9", "2025-09-26T10:00:00Z");
    expect(deadline && E.isRight(deadline) && deadline.right.dueAt).toBe(
      "2025-10-16T23:59:59.999Z",
    );
  });

  it("leaves rules without an override as they are", () => {
    const rules = withOverrides(presetsFor("US-CA"), { "us-ca.decision_40d": { length: 30 } });
    expect(E.isRight(rules) && rules.right.find((r) => r.id === "us-ca.acknowledge_15d")).toEqual(
      DEADLINE_PRESETS["us-ca.acknowledge_15d"],
    );
  });

  it("refuses an override of an unknown rule or one that breaks the rule with deadline.invalid_rule", () => {
    expect(
      codeOf(withOverrides(presetsFor("CN"), { "ru.osago_repair_30wd": { length: 20 } })),
    ).toBe("deadline.invalid_rule");
    expect(codeOf(withOverrides(presetsFor("CN"), { "cn.payment_10d": { length: 0 } }))).toBe(
      "deadline.invalid_rule",
    );
    expect(
      codeOf(
        withOverrides(presetsFor("CN"), { "fast_track.settle_24h": { unit: "working_days" } }),
      ),
    ).toBe("deadline.invalid_rule");
  });
});
