import { describe, expect, it } from "vitest";
import { toProblem, unstorableTextIn } from "./error-handler.js";

describe("toProblem", () => {
  it("answers 400 for text PostgreSQL cannot store (a NUL character), not 500", () => {
    for (const code of ["22021", "22P05"]) {
      const error = Object.assign(new Error("invalid byte sequence for encoding UTF8: 0x00"), {
        code,
      });
      expect(toProblem(error, 1024)).toMatchObject({ statusCode: 400, code: "request.invalid" });
    }
  });

  it("still answers 500 for an unexpected error", () => {
    expect(toProblem(new Error("bug"), 1024).statusCode).toBe(500);
  });
});

describe("unstorableTextIn", () => {
  it("finds a NUL or a lone surrogate by its path, in keys too, and passes paired surrogates", () => {
    expect(unstorableTextIn({ a: { b: ["ok", "x\u0000"] } })).toBe("a.b.1");
    expect(unstorableTextIn({ note: "\ud800 alone" })).toBe("note");
    expect(unstorableTextIn({ "\udc00": 1 })).toBe("\udc00");
    expect(unstorableTextIn({ emoji: "🚗 \ud83d\ude97", n: 1, none: null })).toBeUndefined();
  });

  it("walks a body nested 100,000 levels deep without overflowing the stack", () => {
    let deep: unknown = "leaf\u0000";
    for (let i = 0; i < 100_000; i += 1) deep = { d: deep };
    expect(unstorableTextIn(deep)?.split(".")).toHaveLength(100_000);
  });
});
