import { describe, expect, it } from "vitest";
import { projectionSchema } from "./projection.js";
import {
  assertProjectionName,
  assertUniqueNames,
  rebuildSchema,
  retiredSchema,
} from "./projection-names.js";

describe("projection names", () => {
  it("names the live, rebuild and retired schemas after the projection", () => {
    expect([
      projectionSchema("claims_list"),
      rebuildSchema("claims_list"),
      retiredSchema("claims_list"),
    ]).toEqual(["rm_claims_list", "rm_claims_list__next", "rm_claims_list__old"]);
  });

  it("accepts snake_case names that fit a PostgreSQL identifier with the rebuild suffix", () => {
    expect(() => assertProjectionName("loss_ratio_2")).not.toThrow();
    expect(() => assertProjectionName("a".repeat(50))).not.toThrow();
    for (const bad of ["", "Claims", "2nd", "claims-list", "a__b", "a".repeat(51), "x; DROP"]) {
      expect(() => assertProjectionName(bad)).toThrow(/Invalid projection name/);
    }
  });

  it("refuses two projections with one name", () => {
    expect(() => assertUniqueNames(["a", "b", "a"])).toThrow(/Two projections are named "a"/);
  });
});
