import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterFailure } from "./retry-schedule.js";
import { signWebhook, verifyWebhookSignature } from "./webhook-signature.js";

const SECRET = "whsec-0123456789abcdef";

describe("webhook signatures", () => {
  it("are sha256= and the hex HMAC-SHA256 of `<timestamp>.<body>` with the secret", () => {
    const body = '{"specversion":"1.0","id":"42"}';
    const expected = createHmac("sha256", SECRET).update(`1767225600.${body}`).digest("hex");
    expect(signWebhook(SECRET, "1767225600", body)).toBe(`sha256=${expected}`);
  });

  it("verify for the signed body and fail for any other body (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (body, other) => {
        const signature = signWebhook(SECRET, "1000", body);
        const check = { secret: SECRET, signature, timestamp: "1000", nowSeconds: 1000 };
        expect(verifyWebhookSignature({ ...check, body })).toBe(true);
        expect(verifyWebhookSignature({ ...check, body: other })).toBe(other === body);
      }),
    );
  });

  it("refuse a timestamp outside the tolerance, so a captured delivery cannot be replayed", () => {
    const signature = signWebhook(SECRET, "1000", "{}");
    const delivery = { secret: SECRET, body: "{}", signature, timestamp: "1000" };
    expect(verifyWebhookSignature({ ...delivery, nowSeconds: 1300 })).toBe(true);
    expect(verifyWebhookSignature({ ...delivery, nowSeconds: 1301 })).toBe(false);
    expect(verifyWebhookSignature({ ...delivery, timestamp: undefined })).toBe(false);
  });
});

describe("the retry schedule", () => {
  const settings = { maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 5000 };

  it("doubles the wait after each failure up to the cap, then dead-letters", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => afterFailure(attempt, settings))).toEqual([
      { kind: "retry", delayMs: 1000 },
      { kind: "retry", delayMs: 2000 },
      { kind: "retry", delayMs: 4000 },
      { kind: "retry", delayMs: 5000 },
      { kind: "dead_letter" },
    ]);
  });
});
