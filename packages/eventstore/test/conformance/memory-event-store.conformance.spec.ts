import { MemoryEventLog, MemoryEventStore } from "../../src/index.js";
import { describeEventStoreConformance } from "./event-store-conformance.js";

const log = new MemoryEventLog();

const stored = (streamId: string, position: number) => {
  const entry = log.streams.get(streamId)?.entries[position - 1];
  if (entry === undefined) throw new RangeError(`no event ${streamId}@${position}`);
  return entry.event;
};

describeEventStoreConformance({
  name: "memory",
  createStore: async (options) => new MemoryEventStore({ ...options, log }),
  tamper: async (streamId, position, data) =>
    log.overwriteStoredEvent(streamId, position, { ...stored(streamId, position), data }),
  storedData: async (streamId, position) => stored(streamId, position).data,
  uniqueEventIdsAcrossStreams: true,
  forgetsReachOtherStores: true,
});
