import { describe } from "vitest";
import { allStreamSuite } from "./all-stream.js";
import { appendAndReadSuite } from "./append-and-read.js";
import { commandHandlerSuite } from "./command-handler.js";
import { commandHandlerCacheSuite } from "./command-handler-cache.js";
import { concurrencySuite } from "./concurrency.js";
import { suiteContext } from "./context.js";
import { expectedVersionSuite, idempotencySuite } from "./expected-version.js";
import type { ConformanceHarness } from "./harness.js";
import { hashChainSuite, shreddingSuite, upcastingSuite } from "./integrity.js";
import { subscriptionSuite } from "./subscriptions.js";

/**
 * The event store conformance suite: every adapter runs exactly these tests.
 *
 * @example
 * ```ts
 * describeEventStoreConformance({ name: "memory", createStore: async (o) => new MemoryEventStore(o), … });
 * ```
 */
export const describeEventStoreConformance = (harness: ConformanceHarness) =>
  describe(`${harness.name} event store conformance`, () => {
    const context = suiteContext(harness);
    appendAndReadSuite(context);
    expectedVersionSuite(context);
    idempotencySuite(context);
    allStreamSuite(context);
    subscriptionSuite(context);
    upcastingSuite(context);
    hashChainSuite(context);
    shreddingSuite(context);
    commandHandlerSuite(context);
    commandHandlerCacheSuite(context);
    concurrencySuite(context);
  });
