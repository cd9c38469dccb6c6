import type { EventData, RecordedEvent } from "./port.js";

/**
 * Turns an event of `type` at `fromVersion` into the next version (`fromVersion + 1`),
 * optionally renaming it. Chains apply until no upcaster matches, so old events read as the
 * current schema. When the payload carries its own `schemaVersion` (as domain events do), the
 * upcaster sets it.
 *
 * @example
 * ```ts
 * const upcasters: Upcaster[] = [
 *   {
 *     type: "ClaimRegistered",
 *     fromVersion: 1,
 *     upcast: (data) => ({ ...data, schemaVersion: 2, channel: "phone" }),
 *   },
 * ];
 * const store = new MemoryEventStore({ upcasters });
 * ```
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: EventData, event: RecordedEvent) => EventData;
  /** The type the event has after this step; default: unchanged. */
  readonly toType?: string;
}

/** Applies upcasters to one event. */
export type UpcastEvent = (event: RecordedEvent) => RecordedEvent;

const MAX_STEPS = 1000;

/**
 * Builds the function that brings an event to its current schema. Throws a `TypeError` when two
 * upcasters claim the same `(type, fromVersion)`.
 */
export const createUpcaster = (upcasters: readonly Upcaster[]): UpcastEvent => {
  const byKey = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const key = `${upcaster.fromVersion}:${upcaster.type}`;
    if (byKey.has(key)) {
      throw new TypeError(`Two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    }
    byKey.set(key, upcaster);
  }
  if (byKey.size === 0) return (event) => event;
  return (event) => {
    let current = event;
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const upcaster = byKey.get(`${current.metadata.schemaVersion}:${current.type}`);
      if (upcaster === undefined) return current;
      current = {
        ...current,
        type: upcaster.toType ?? current.type,
        data: upcaster.upcast(current.data, current),
        metadata: { ...current.metadata, schemaVersion: upcaster.fromVersion + 1 },
      };
    }
    throw new TypeError(`Upcasting ${event.type} did not finish after ${MAX_STEPS} steps`);
  };
};
