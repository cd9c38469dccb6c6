import type { ResolvedEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { prepareEvents } from "../prepare-events.js";
import { fromEsdbEvent, KEY_STREAM_PREFIX, toEsdbEvent } from "./eventstoredb-mapping.js";

const asRead = (
  streamId: string,
  written: ReturnType<typeof toEsdbEvent>,
  revision: bigint,
  commit?: bigint,
): ResolvedEvent =>
  ({
    event: {
      streamId,
      id: written.id,
      isJson: true,
      revision,
      type: written.type,
      created: new Date(),
      data: written.data,
      metadata: written.metadata,
      ...(commit === undefined ? {} : { position: { commit, prepare: commit } }),
    },
  }) as ResolvedEvent;

describe("EventStoreDB mapping", () => {
  it("round-trips an event with its metadata and chain fields", async () => {
    const [prepared] = await prepareEvents(
      "claim-1",
      [
        {
          type: "ClaimRegistered",
          data: { claimId: "1" },
          metadata: { correlationId: "c-1", tenantId: "t" },
        },
      ],
      undefined,
    );
    if (prepared === undefined) throw new Error("nothing prepared");
    const chain = { recordedAt: "2026-01-01T00:00:00.000Z", previousHash: null, hash: "h1" };
    const written = toEsdbEvent(prepared, chain);
    expect(written.metadata).toMatchObject({ $correlationId: "c-1", hash: "h1" });
    expect(fromEsdbEvent(asRead("claim-1", written, 4n, 1234n))).toEqual({
      streamId: "claim-1",
      streamPosition: 5,
      globalPosition: 1234,
      eventId: prepared.eventId,
      type: "ClaimRegistered",
      data: { claimId: "1" },
      metadata: { correlationId: "c-1", tenantId: "t", schemaVersion: 1 },
      ...chain,
    });
  });

  it("skips system streams, system types and subject-key streams", async () => {
    const [prepared] = await prepareEvents("x-1", [{ type: "T", data: {} }], undefined);
    if (prepared === undefined) throw new Error("nothing prepared");
    const written = toEsdbEvent(prepared, {
      recordedAt: "2026-01-01T00:00:00.000Z",
      previousHash: null,
      hash: "h",
    });
    expect(fromEsdbEvent(asRead("$stats-1", written, 0n))).toBeUndefined();
    expect(fromEsdbEvent(asRead(`${KEY_STREAM_PREFIX}p-1`, written, 0n))).toBeUndefined();
    expect(fromEsdbEvent(asRead("x-1", { ...written, type: "$metadata" }, 0n))).toBeUndefined();
  });
});
