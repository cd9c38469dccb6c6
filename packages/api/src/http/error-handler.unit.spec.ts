import { describe, expect, it } from "vitest";
import { toProblem } from "./error-handler.js";

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
