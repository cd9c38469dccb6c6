import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, createTestApp, KEYS, type TestApp } from "../../test/support/test-app.js";
import { toCsv } from "./csv.js";
import { insurerScope } from "./insurer-scope.js";
import { HttpProblem } from "./problem.js";

describe("toCsv", () => {
  it("flattens nested objects into dotted columns and quotes what needs quoting", () => {
    const csv = toCsv([
      { insurerId: "pm", stages: { close: { days: 3 } }, note: 'said "hi", left' },
      { insurerId: "ns", extra: [1, 2] },
    ]);
    expect(csv).toBe(
      'insurerId,stages.close.days,note,extra\r\npm,3,"said ""hi"", left",\r\nns,,,"[1,2]"\r\n',
    );
  });

  it.each(['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])(
    "escapes text a spreadsheet would run as a formula: %j",
    (text) => {
      const [, line] = toCsv([{ note: text, amount: -5 }]).split("\r\n");
      expect(line?.replace(/^"/, "").startsWith("'")).toBe(true);
      expect(line?.endsWith(",-5")).toBe(true);
    },
  );
});

describe("insurerScope", () => {
  const scoped = { id: "k", role: "analyst", insurerId: "pm" } as const;
  it("limits a scoped key to its insurer and refuses another", () => {
    expect(insurerScope(scoped, undefined)).toBe("pm");
    expect(() => insurerScope(scoped, "ns")).toThrow(HttpProblem);
    expect(insurerScope({ ...scoped, insurerId: null }, "ns")).toBe("ns");
  });
});

describe("read-model routes without PostgreSQL", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(["/v1/claims", "/v1/analytics/loss-ratio", "/v1/projections"])(
    "%s answers 503",
    async (url) => {
      const response = await t.app.inject({ method: "GET", url, headers: auth(KEYS.admin) });
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe("infrastructure.unavailable");
    },
  );

  it("an analyst reads analytics but not claims", async () => {
    const claims = await t.app.inject({
      method: "GET",
      url: "/v1/claims/C-1",
      headers: auth(KEYS.analyst),
    });
    expect(claims.statusCode).toBe(403);
    const analytics = await t.app.inject({
      method: "GET",
      url: "/v1/analytics/customer",
      headers: auth(KEYS.analyst),
    });
    expect(analytics.statusCode).toBe(503);
  });
});
