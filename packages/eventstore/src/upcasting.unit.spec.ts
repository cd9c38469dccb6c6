import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "./port.js";
import { createUpcaster } from "./upcasting.js";

const recorded = (
  type: string,
  schemaVersion: number,
  data: Record<string, unknown>,
): RecordedEvent => ({
  streamId: "claim-1",
  streamPosition: 1,
  globalPosition: 1,
  eventId: "00000000-0000-4000-8000-000000000001",
  type,
  data,
  metadata: {
    recordedAt: "2026-01-01T00:00:00.000Z",
    occurredAt: "2026-01-01T00:00:00.000Z",
    schemaVersion,
  },
  hash: "h",
  previousHash: null,
});

describe("upcasting", () => {
  it("refuses two upcasters for the same type and version", () => {
    const upcast = (data: Record<string, unknown>) => data;
    expect(() =>
      createUpcaster([
        { type: "A", fromVersion: 1, upcast },
        { type: "A", fromVersion: 1, upcast },
      ]),
    ).toThrow(TypeError);
  });

  it("leaves events without a matching upcaster unchanged", () => {
    const upcast = createUpcaster([
      { type: "A", fromVersion: 1, upcast: (data) => ({ ...data, b: 2 }) },
    ]);
    const event = recorded("A", 2, { a: 1 });
    expect(upcast(event)).toBe(event);
  });

  it("applies a chain step by step and records the reached version", () => {
    const upcast = createUpcaster([
      { type: "A", fromVersion: 1, upcast: (data) => ({ ...data, schemaVersion: 2, b: 2 }) },
      {
        type: "A",
        fromVersion: 2,
        toType: "B",
        upcast: (data) => ({ ...data, schemaVersion: 3, c: 3 }),
      },
    ]);
    const result = upcast(recorded("A", 1, { schemaVersion: 1 }));
    expect(result.type).toBe("B");
    expect(result.data).toEqual({ schemaVersion: 3, b: 2, c: 3 });
    expect(result.metadata.schemaVersion).toBe(3);
  });
});
