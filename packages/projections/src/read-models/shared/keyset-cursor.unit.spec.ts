import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, InvalidCursorError } from "./keyset-cursor.js";

const crafted = (key: unknown) => Buffer.from(JSON.stringify(key), "utf8").toString("base64url");

describe("decodeCursor", () => {
  it("reads back a cursor it issued", () => {
    const key = ["2026-03-01T08:00:00.123456Z", "C-1"];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["the wrong number of parts", crafted(["2026-03-01T08:00:00Z"])],
    ["a part that is not text", crafted(["2026-03-01T08:00:00Z", 7])],
    ["a first part that is not an instant", crafted(["yesterday", "C-1"])],
    ["an impossible instant", crafted(["2026-13-45T99:00:00Z", "C-1"])],
    ["year 0000 in another format", crafted(["0000-01-01 00:00:00", "C-1"])],
    ["a NUL", crafted(["2026-03-01T08:00:00Z", "C\u0000"])],
    ["a lone surrogate", crafted(["2026-03-01T08:00:00Z", "C\ud800"])],
    ["a very long id", crafted(["2026-03-01T08:00:00Z", "C".repeat(201)])],
  ])("refuses %s", (_name, cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(InvalidCursorError);
  });
});
