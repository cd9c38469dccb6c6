/** Batches of claim events for the append measures: batch `i` goes to the new stream `claim-<prefix>i`. */
import { claimPrefix } from "./claim-story.mjs";

/** `count` domain events of claim `i` (its story's claim events, repeated as needed). */
export const claimEvents = (i, count, prefix) => {
  const { stream, events } = claimPrefix(i, 24, prefix);
  return { stream, events: Array.from({ length: count }, (_, k) => events[k % events.length]) };
};

/** The batches of a run: `batches` new streams of `batchSize` events each. */
export const appendBatches = (batches, batchSize, prefix) =>
  Array.from({ length: batches }, (_, i) => claimEvents(i, batchSize, prefix));
