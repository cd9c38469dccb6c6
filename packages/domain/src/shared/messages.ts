import { z } from "zod";
import { InstantSchema } from "./time.js";

/**
 * Declares an event schema: `{ type, schemaVersion, occurredAt, ...fields }`, strict.
 *
 * `occurredAt` is business time (when the thing happened); the store adds `recordedAt`.
 *
 * @example
 * ```ts
 * const ClaimClosed = eventSchema("ClaimClosed", { outcome: z.enum(["paid", "denied"]) });
 * type ClaimClosed = z.infer<typeof ClaimClosed>;
 * ```
 */
export const eventSchema = <
  const T extends string,
  S extends z.ZodRawShape,
  const V extends number = 1,
>(
  type: T,
  shape: S,
  schemaVersion: V = 1 as V,
) =>
  z
    .object({
      type: z.literal(type),
      schemaVersion: z.literal(schemaVersion),
      occurredAt: InstantSchema,
    })
    .extend(shape)
    .strict();

/**
 * Declares a command schema: `{ type, schemaVersion (defaults to 1), occurredAt, ...fields }`, strict.
 *
 * `occurredAt` is required by the domain (it never reads a clock); edges such as the API
 * fill it from their clock when the caller does not back-fill a business time.
 */
export const commandSchema = <const T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z
    .object({
      type: z.literal(type),
      schemaVersion: z.literal(1).default(1),
      occurredAt: InstantSchema,
    })
    .extend(shape)
    .strict();

/** A short free-text field (names, reasons, descriptions): trimmed, 1–2000 characters. */
export const TextSchema = z.string().trim().min(1).max(2000);
