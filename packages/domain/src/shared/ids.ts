import { z } from "zod";

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
