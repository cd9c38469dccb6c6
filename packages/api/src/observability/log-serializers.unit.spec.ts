import { describe, expect, it } from "vitest";
import { redactUrl } from "./log-serializers.js";

describe("redactUrl", () => {
  it("replaces the values of credential-like query parameters and keeps the rest", () => {
    expect(redactUrl("/v1/claims?api_key=s3cret&limit=5")).toBe(
      "/v1/claims?api_key=REDACTED&limit=5",
    );
    expect(redactUrl("/v1/events/stream?access_token=abc&Token=x")).toBe(
      "/v1/events/stream?access_token=REDACTED&Token=REDACTED",
    );
  });

  it("leaves URLs without such parameters untouched", () => {
    expect(redactUrl("/v1/claims/C-1")).toBe("/v1/claims/C-1");
    expect(redactUrl("/v1/claims?status=open%2Cclosed")).toBe("/v1/claims?status=open%2Cclosed");
  });
});
