import { describe, expect, it } from "vitest";
import { isStorableText } from "./storable-text.js";

describe("isStorableText", () => {
  it("refuses a NUL and a lone surrogate of either half, and takes paired surrogates", () => {
    expect(isStorableText("Li Wei 李伟 🚗")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("\ud800")).toBe(false);
    expect(isStorableText("x\udc00")).toBe(false);
    expect(isStorableText("\ud83d\ude97")).toBe(true);
  });
});
