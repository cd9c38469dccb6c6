import { z } from "zod";
import { sha256Hex } from "./sha256.js";

/**
 * An aggregate or reference id: 1–100 characters of letters, digits, `_`, `-` or `.`.
 * Kept strict so ids are safe in stream names, URLs and log lines.
 */
export const IdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "letters, digits, '_', '-' or '.'");
export type Id = z.infer<typeof IdSchema>;

/** The aggregate categories and their stream-id prefixes (`claim-{id}` …). */
export const STREAM_CATEGORIES = {
  policy: "policy",
  claim: "claim",
  repairOrder: "repair-order",
  payout: "payout",
} as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[keyof typeof STREAM_CATEGORIES];

/** `policy-{id}` */
export const policyStreamId = (id: Id): string => `${STREAM_CATEGORIES.policy}-${id}`;
/** `claim-{id}` */
export const claimStreamId = (id: Id): string => `${STREAM_CATEGORIES.claim}-${id}`;
/** `repair-order-{id}` */
export const repairOrderStreamId = (id: Id): string => `${STREAM_CATEGORIES.repairOrder}-${id}`;
/** `payout-{id}` */
export const payoutStreamId = (id: Id): string => `${STREAM_CATEGORIES.payout}-${id}`;

// Read for every event a projection sees: sorted and joined once, not per call.
const STREAM_PREFIXES: readonly { readonly category: StreamCategory; readonly prefix: string }[] =
  Object.values(STREAM_CATEGORIES)
    .sort((a, b) => b.length - a.length)
    .map((category) => ({ category, prefix: `${category}-` }));

/**
 * Splits a stream id into its category and aggregate id; `undefined` for unknown categories.
 * Longest prefix first, so `repair-order-7` is a repair order, not a "repair" stream.
 */
export const parseStreamId = (
  streamId: string,
): { category: StreamCategory; id: string } | undefined => {
  for (const { category, prefix } of STREAM_PREFIXES) {
    if (streamId.length > prefix.length && streamId.startsWith(prefix)) {
      return { category, id: streamId.slice(prefix.length) };
    }
  }
  return undefined;
};

/**
 * The namespace of ids the system derives (the payout of a cash settlement, of a shop invoice):
 * `sys.` and then the kind. Clients cannot create aggregates in it (the API refuses such ids),
 * so nobody can take a derived id before the system does.
 */
export const SYSTEM_ID_PREFIX = "sys.";

/** Is `id` in the system's namespace? */
export const isSystemId = (id: string): boolean => id.startsWith(SYSTEM_ID_PREFIX);

const MAX_ID_LENGTH = 100;

/** Characters an id may not hold become `_`. */
const idPart = (text: string): string => text.replace(/[^A-Za-z0-9_.-]/g, "_");

// Read from the right, `parent.suffix.suffix` splits one way only when the suffixes hold no `.`
// and every part is already id-safe.
const readsBack = (parts: readonly string[]): boolean =>
  parts.every(
    (part, i) => part !== "" && part === idPart(part) && (i === 0 || !part.includes(".")),
  );

/**
 * A derived id in the system's namespace, `sys.<kind>.<parent>.<suffix>…`, always a valid id
 * whatever the parts: when they would not read back one way, or would pass 100 characters, the
 * readable part is cut and 128 bits of the SHA-256 of the exact parts are appended, so two
 * different parents never derive the same id.
 *
 * @example
 * ```ts
 * systemId("settlement", "C-2026-0001", "1"); // "sys.settlement.C-2026-0001.1"
 * ```
 */
export const systemId = (kind: string, ...parts: readonly string[]): string => {
  const readable = `${SYSTEM_ID_PREFIX}${idPart(kind)}.${parts.map(idPart).join(".")}`;
  if (readsBack(parts) && readable.length <= MAX_ID_LENGTH) return readable;
  const digest = sha256Hex(JSON.stringify([kind, ...parts])).slice(0, 32);
  return `${readable.slice(0, MAX_ID_LENGTH - digest.length - 1)}.${digest}`;
};
