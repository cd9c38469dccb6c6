import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";
import { canonicalContentDigest, contentDigest, linkHash, verifyHashChain } from "./hash-chain.js";
import type { StoredEvent } from "./stored-event.js";

const chain = (datas: readonly Record<string, unknown>[]): StoredEvent[] => {
  let previousHash: string | null = null;
  return datas.map((data, index) => {
    const content = {
      streamId: "claim-1",
      eventId: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      type: "Noted",
      data,
      metadata: { schemaVersion: 1 },
    };
    const recordedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString();
    const hash = linkHash({
      previousHash,
      streamPosition: index + 1,
      recordedAtMs: Date.parse(recordedAt),
      digest: contentDigest(content),
    });
    const event = {
      ...content,
      streamPosition: index + 1,
      globalPosition: index + 1,
      recordedAt,
      previousHash,
      hash,
    };
    previousHash = hash;
    return event;
  });
};

describe("hash chain", () => {
  it("the digest from canonical parts equals the digest of the whole content (property)", () => {
    const object = fc.dictionary(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(
        fc.string(),
        fc.uuid(),
        fc.string(),
        object,
        object,
        (streamId, eventId, type, data, metadata) => {
          const content = {
            streamId,
            eventId,
            type,
            data,
            metadata: { ...metadata, schemaVersion: 1 },
          };
          const parts = {
            streamId,
            eventId,
            type,
            dataJson: canonicalJson(content.data),
            metadataJson: canonicalJson(content.metadata),
          };
          expect(canonicalContentDigest(parts)).toBe(contentDigest(content));
        },
      ),
    );
  });

  it("links each event to the previous hash with the documented formula", () => {
    const digest = "ab".repeat(32);
    const expected = createHash("sha256").update(`prev\n7\n1767225600000\n${digest}`).digest("hex");
    expect(
      linkHash({ previousHash: "prev", streamPosition: 7, recordedAtMs: 1767225600000, digest }),
    ).toBe(expected);
  });

  it("verifies an intact chain", async () => {
    const events = chain([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(await verifyHashChain("claim-1", events)).toEqual({
      ok: true,
      streamId: "claim-1",
      eventCount: 3,
      headHash: events[2]?.hash,
    });
  });

  it("any change to one event's data breaks the chain at that event (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.string(),
        async (datas, pick, marker) => {
          const events = chain(datas);
          const index = pick % events.length;
          const target = events[index] as StoredEvent;
          events[index] = { ...target, data: { ...target.data, tampered: marker } };
          expect(await verifyHashChain("claim-1", events)).toMatchObject({
            ok: false,
            position: index + 1,
            reason: "hash_mismatch",
          });
        },
      ),
    );
  });

  it("a removed event shows as a gap, a truncated tail as a head mismatch", async () => {
    const events = chain([{ a: 1 }, { b: 2 }, { c: 3 }]);
    const gap = await verifyHashChain(
      "claim-1",
      [events[0], events[2]].filter((e) => e !== undefined),
    );
    expect(gap).toMatchObject({ ok: false, position: 2, reason: "position_gap" });
    const head = { version: 3, lastHash: events[2]?.hash ?? null };
    expect(await verifyHashChain("claim-1", events.slice(0, 2), head)).toMatchObject({
      ok: false,
      position: 3,
      reason: "head_mismatch",
    });
  });
});
