import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_POISON_RETRY } from "./retry-policy.js";

describe("backoffDelay", () => {
  it("doubles from the initial delay up to the cap", () => {
    const policy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 500 };
    expect([1, 2, 3, 4, 5].map((failures) => backoffDelay(policy, failures))).toEqual([
      100, 200, 400, 500, 500,
    ]);
    expect(backoffDelay(DEFAULT_POISON_RETRY, 1)).toBe(200);
  });

  it("never decreases and never exceeds the cap, whatever the policy (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 60 }),
        (initialDelayMs, maxDelayMs, failures) => {
          const policy = { attempts: 3, initialDelayMs, maxDelayMs };
          const delay = backoffDelay(policy, failures);
          expect(delay).toBeLessThanOrEqual(maxDelayMs);
          expect(delay).toBeLessThanOrEqual(backoffDelay(policy, failures + 1));
        },
      ),
    );
  });
});
