import { describe, expect, it } from "vitest";
import type { DeadlineRule } from "../deadlines/deadline-rule.js";
import { presetsFor } from "../deadlines/presets.js";
import type { Jurisdiction } from "../shared/vocabulary.js";
import { DEFAULT_CLAIM_CONFIG } from "./config.js";
import { createClaimDecider } from "./decide.js";
import { register, run, toSettlement } from "./testing/claim-fixtures.js";

// Insurer "ins-a" pays within 3 days of the agreement; everyone else keeps the presets.
const deadlineRules = (jurisdiction: Jurisdiction, insurerId: string): readonly DeadlineRule[] =>
  presetsFor(jurisdiction).map((rule) =>
    rule.id === "cn.payment_10d" && insurerId === "ins-a" ? { ...rule, length: 3 } : rule,
  );
const decider = createClaimDecider({ ...DEFAULT_CLAIM_CONFIG, deadlineRules });

const paymentDeadline = (insurerId: string) => {
  const { events, error } = run([register({ insurerId }), ...toSettlement().slice(1)], decider);
  expect(error).toBeNull();
  const started = events.find(
    (event) => event.type === "DeadlineStarted" && event.deadline.kind === "payment",
  );
  return started?.type === "DeadlineStarted" ? started.deadline : undefined;
};

describe("deadline rules per insurer", () => {
  it("asks the configuration with the claim's jurisdiction and insurer", () => {
    expect(paymentDeadline("ins-a")?.length).toBe(3);
    expect(paymentDeadline("ins-b")?.length).toBe(10);
  });
});
