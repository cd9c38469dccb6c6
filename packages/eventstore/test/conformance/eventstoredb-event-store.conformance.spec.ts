import { describe, it } from "vitest";
import { EventStoreDbEventStore } from "../../src/eventstoredb/index.js";
import { describeEventStoreConformance } from "./event-store-conformance.js";

const url = process.env.EVENTSTORE_URL;

if (url === undefined || url === "") {
  const skipped =
    "skipped: set EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false) to run the EventStoreDB conformance suite";
  console.info(`[eventstoredb] ${skipped}`);
  describe("eventstoredb event store conformance", () => {
    it.skip(skipped, () => {});
  });
} else {
  describeEventStoreConformance({
    name: "eventstoredb",
    createStore: (options) => EventStoreDbEventStore.connect({ connectionString: url, ...options }),
    uniqueEventIdsAcrossStreams: false,
    forgetsReachOtherStores: false,
  });
}
