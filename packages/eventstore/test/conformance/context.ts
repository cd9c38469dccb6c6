import { afterAll } from "vitest";
import type { EventStore } from "../../src/index.js";
import type { ConformanceHarness, ConformanceStoreOptions } from "./harness.js";

/** What each part of the suite gets: the harness and a store opener that cleans up. */
export interface SuiteContext {
  readonly harness: ConformanceHarness;
  /** Opens a store, closed after the file's tests. */
  open(options?: ConformanceStoreOptions): Promise<EventStore>;
}

/** Registers store cleanup in the current `describe` and returns the context. */
export const suiteContext = (harness: ConformanceHarness): SuiteContext => {
  const opened: EventStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });
  return {
    harness,
    open: async (options) => {
      const store = await harness.createStore(options);
      opened.push(store);
      return store;
    },
  };
};
