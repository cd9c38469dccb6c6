import { randomUUID } from "node:crypto";
import type {
  CategoryOf,
  EventData,
  EventStore,
  EventSubscription,
  NewEvent,
  PersonalDataRegistry,
  RecordedEvent,
  Upcaster,
} from "../../src/index.js";

/** Options every adapter's test factory understands. */
export interface ConformanceStoreOptions {
  readonly upcasters?: readonly Upcaster[];
  readonly personalData?: PersonalDataRegistry;
  readonly categoryOf?: CategoryOf;
  readonly pageSize?: number;
}

/** What an adapter provides to run the conformance suite. */
export interface ConformanceHarness {
  readonly name: string;
  /** A store over the adapter's shared test data (every store of one file sees the same events). */
  createStore(options?: ConformanceStoreOptions): Promise<EventStore>;
  /** Overwrites a stored event's data behind the store's back, like an UPDATE run in SQL. */
  readonly tamper?: (streamId: string, position: number, data: EventData) => Promise<void>;
  /** A stored event's data as persisted (personal fields as ciphertext). */
  readonly storedData?: (streamId: string, position: number) => Promise<EventData>;
  /** Does the adapter reject an event id already used in another stream? */
  readonly uniqueEventIdsAcrossStreams: boolean;
  /** Do a store's forget listeners hear another store's forgets on the same data? */
  readonly forgetsReachOtherStores: boolean;
}

/** A category no other test uses: streams `${category}-…` are this test's alone. */
export const uniqueCategory = (): string => `t${randomUUID().replaceAll("-", "").slice(0, 12)}`;

/** `count` simple events of `type`, numbered in `data.n`. */
export const numbered = (count: number, type = "Numbered", from = 1): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type, data: { n: from + i } }));

/** Everything an async iterable yields. */
export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

/**
 * The first `count` events of a subscription (then it stops), failing after `timeoutMs`.
 * Returns at once; await `done` for the events.
 */
export const receive = (
  subscription: EventSubscription,
  count: number,
  timeoutMs = 10_000,
): { readonly done: Promise<RecordedEvent[]>; readonly received: RecordedEvent[] } => {
  const received: RecordedEvent[] = [];
  const consume = async (): Promise<RecordedEvent[]> => {
    if (count === 0) return received;
    for await (const event of subscription) {
      received.push(event);
      if (received.length >= count) break;
    }
    return received;
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void subscription.stop();
      reject(new Error(`received ${received.length} of ${count} events in ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const done = Promise.race([consume(), timeout]).finally(() => clearTimeout(timer));
  return { done, received };
};

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Asserts strictly increasing numbers (positions) and returns them. */
export const isStrictlyIncreasing = (values: readonly number[]): boolean =>
  values.every((value, index) => index === 0 || value > (values[index - 1] as number));

/** Polls `check` every 10 ms until it holds; fails naming `what` after `timeoutMs`. */
export const eventually = async (
  check: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
};
