import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, toEventData } from "./canonical-json.js";

const reorderKeys = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, seed));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length] as [string, unknown]);
  return Object.fromEntries(rotated.reverse().map(([key, item]) => [key, reorderKeys(item, seed)]));
};

describe("canonical JSON", () => {
  it("does not depend on the order of object keys (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(canonicalJson(reorderKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it("parses back to the same JSON value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normalised = JSON.parse(JSON.stringify(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(normalised);
      }),
    );
  });

  it("sorts keys and writes no whitespace", () => {
    expect(canonicalJson({ b: [1, { d: 1, c: "x" }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":"x","d":1}]}',
    );
  });

  it("accepts only JSON objects as event data", () => {
    expect(() => toEventData([1], "data")).toThrow(TypeError);
    expect(() => toEventData("text", "data")).toThrow(TypeError);
    expect(() => toEventData({ big: 1n }, "data")).toThrow(TypeError);
    expect(toEventData({ a: undefined, b: 1 }, "data")).toEqual({ b: 1 });
  });
});
