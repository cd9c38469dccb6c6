import { Parser } from "@asyncapi/parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.js";
import { ALL_EVENT_TYPES } from "../streams/domain-events.js";

let t: TestApp;
let document: {
  asyncapi: string;
  components: { messages: Record<string, unknown>; schemas: Record<string, unknown> };
};
beforeAll(async () => {
  t = await createTestApp();
  document = (await t.app.inject({ method: "GET", url: "/asyncapi.json" })).json();
});
afterAll(() => t.close());

describe("the AsyncAPI document", () => {
  it("is AsyncAPI 3 with one message and data schema per domain event type", () => {
    expect(document.asyncapi).toBe("3.0.0");
    const names = Object.keys(document.components.messages);
    expect(new Set(names.map((name) => name.split(".")[1]))).toEqual(new Set(ALL_EVENT_TYPES));
    expect(names).toContain("RepairOrder.SupplementRequested");
    expect(names).toContain("Claim.SupplementRequested");
    expect(document.components.schemas["Claim.DeadlineBreached"]).toMatchObject({
      type: "object",
      properties: { deadlineId: { type: "string" }, dueAt: { type: "string" } },
    });
  });

  it("passes @asyncapi/parser without a single error", async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join(".")}: ${error.message}`)).toEqual([]);
    expect(parsed?.allMessages().length).toBe(Object.keys(document.components.messages).length);
  }, 30_000);
});
