import { parseStreamId } from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import { type DecodedDomainEvent, decodeStreamEvent } from "./decode-domain-event.js";

/**
 * A recorded Claim, Policy or Payout event read back as its domain event, with the aggregate
 * id taken from the stream id (`claim-C-1` → `C-1`). Fields whose data subject was forgotten
 * (crypto-shredding) are missing from `event`: the loss read models never read personal data.
 */
export type AnalyticsEvent = Exclude<DecodedDomainEvent, { readonly category: "repair-order" }>;

/**
 * {@link decodeDomainEvent} narrowed to what the loss read models use: repair-order events
 * (and unknown categories or types) read as `undefined`; a payload that does not match its
 * schema throws a `ZodError` (the runtime then retries and parks the event).
 *
 * @example
 * ```ts
 * const parsed = parseAnalyticsEvent(recorded);
 * if (parsed?.category === "payout" && parsed.event.type === "PayoutIssued") {
 *   console.log(parsed.id, parsed.event.amount);
 * }
 * ```
 */
export const parseAnalyticsEvent = (recorded: RecordedEvent): AnalyticsEvent | undefined => {
  const stream = parseStreamId(recorded.streamId);
  if (stream === undefined || stream.category === "repair-order") return undefined;
  return decodeStreamEvent(recorded, stream) as AnalyticsEvent | undefined;
};

/** An {@link AnalyticsEvent} with the global position of the event it was read from. */
export interface PositionedAnalyticsEvent {
  readonly position: number;
  readonly fact: AnalyticsEvent;
}

/**
 * {@link parseAnalyticsEvent} over a batch, in order, leaving out what the loss read models
 * do not read; throws like it on a malformed payload (the runtime then applies the batch
 * event by event to find it).
 *
 * @example
 * ```ts
 * for (const { position, fact } of parseAnalyticsBatch(events)) fold(fact, position);
 * ```
 */
export const parseAnalyticsBatch = (
  events: readonly RecordedEvent[],
): PositionedAnalyticsEvent[] => {
  const parsed: PositionedAnalyticsEvent[] = [];
  for (const recorded of events) {
    const fact = parseAnalyticsEvent(recorded);
    if (fact !== undefined) parsed.push({ position: recorded.globalPosition, fact });
  }
  return parsed;
};
