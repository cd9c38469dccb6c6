import type { AllPage, EventStore, ReadAllPageOptions, RecordedEvent } from "./port.js";

/**
 * {@link EventStore.readAllPage} for a store without a cheaper way: the head first, then
 * `readAll`, which returns every event committed before its call, so a short page has seen
 * every event up to that head.
 */
export const readAllPageThroughReadAll = async (
  store: Pick<EventStore, "headPosition" | "readAll">,
  options: ReadAllPageOptions,
): Promise<AllPage> => {
  const from = options.fromPosition ?? 0;
  const head = await store.headPosition();
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll(options)) events.push(event);
  const last = events.at(-1)?.globalPosition ?? from;
  const checkpoint = events.length >= options.maxCount ? last : Math.max(last, head, from);
  return { events, checkpoint, head: Math.max(head, checkpoint) };
};
