import { createHash, randomUUID } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Is this a UUID (any version), the form every adapter accepts as an event id? */
export const isUuid = (value: string): boolean => UUID.test(value);

/** A random (v4) event id. */
export const newEventId = (): string => randomUUID();

/**
 * A UUID derived from a seed and an index (UUIDv8 over SHA-256): the same inputs always give
 * the same id. Derive event ids from an idempotency key so a retried command appends nothing new.
 *
 * @example
 * ```ts
 * const id = deterministicEventId(`claim-42:${idempotencyKey}`, 0);
 * ```
 */
export const deterministicEventId = (seed: string, index: number): string => {
  const bytes = createHash("sha256").update(`${seed}\u0000${index}`, "utf8").digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
