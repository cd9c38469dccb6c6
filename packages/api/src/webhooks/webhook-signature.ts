import { createHmac, timingSafeEqual } from "node:crypto";

/** The prefix of `X-Signature`: the scheme, so it can change without breaking receivers. */
export const SIGNATURE_SCHEME = "sha256";

/**
 * The `X-Signature` value of a delivery: `sha256=` and the lowercase hex HMAC-SHA256, keyed
 * with the subscription's secret (its UTF-8 bytes), of `<timestamp>.<body>`, where `timestamp`
 * is the `X-Signature-Timestamp` header (Unix seconds, as sent) and `body` the exact raw
 * request body.
 *
 * @example
 * ```ts
 * signWebhook("whsec-0123456789abcdef", "1767225600", '{"specversion":"1.0",…}');
 * // "sha256=5d41…"
 * ```
 */
export const signWebhook = (secret: string, timestamp: string, body: string): string =>
  `${SIGNATURE_SCHEME}=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;

/** What {@link verifyWebhookSignature} checks. */
export interface SignedDelivery {
  readonly secret: string;
  /** The raw body, as received (before any JSON parsing). */
  readonly body: string;
  /** `X-Signature`. */
  readonly signature: string | undefined;
  /** `X-Signature-Timestamp`. */
  readonly timestamp: string | undefined;
  /** Refuse deliveries signed longer ago (or later) than this; default 300 s. */
  readonly toleranceSeconds?: number;
  /** The receiver's clock, Unix seconds; default now. */
  readonly nowSeconds?: number;
}

/**
 * A receiver's check of a delivery: the signature matches (constant-time comparison) and the
 * timestamp is within the tolerance, so a captured delivery cannot be replayed later.
 *
 * @example
 * ```ts
 * verifyWebhookSignature({ secret, body, signature: headers["x-signature"], timestamp: headers["x-signature-timestamp"] });
 * ```
 */
export const verifyWebhookSignature = (delivery: SignedDelivery): boolean => {
  const { timestamp, signature } = delivery;
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp))
    return false;
  const now = delivery.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (delivery.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(delivery.secret, timestamp, delivery.body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
