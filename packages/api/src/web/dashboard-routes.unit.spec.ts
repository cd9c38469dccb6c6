import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.js";

let test: TestApp;

beforeAll(async () => {
  test = await createTestApp();
});
afterAll(() => test.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  test.app.inject({ method: "GET", url, headers });

describe("the dashboard routes", () => {
  it("answers the page to a browser and the API index to any other client", async () => {
    const page = await get("/", { accept: "text/html,application/xhtml+xml,*/*;q=0.8" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain('<script src="/web/app/main.js" type="module">');
    expect(page.headers.vary).toContain("accept");
    const index = await get("/", { accept: "application/json" });
    expect(index.json()).toMatchObject({ api: "/v1", dashboard: "/", docs: "/docs" });
    expect((await get("/")).json()).toMatchObject({ name: "claimstream" });
  });

  it("keeps the CSP that allows scripts from this origin only", async () => {
    const csp = (await get("/", { accept: "text/html" })).headers["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
  });

  it("serves the modules, styles and the vendored chart library with their types", async () => {
    const types = {
      "/web/app/main.js": "text/javascript; charset=utf-8",
      "/web/styles/base.css": "text/css; charset=utf-8",
      "/web/favicon.svg": "image/svg+xml",
      "/web/vendor/echarts.min.js": "text/javascript; charset=utf-8",
    };
    for (const [url, type] of Object.entries(types)) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(200);
      expect(answer.headers["content-type"], url).toBe(type);
    }
    expect((await get("/web/vendor/echarts.min.js")).headers["cache-control"]).toBe(
      "public, max-age=86400",
    );
    expect((await get("/web/app/main.js")).headers["cache-control"]).toBe("no-cache");
  });

  it("answers 304 to a matching ETag and gzip to a client that takes it", async () => {
    const first = await get("/web/app/main.js");
    const etag = String(first.headers.etag);
    expect((await get("/web/app/main.js", { "if-none-match": etag })).statusCode).toBe(304);
    const zipped = await get("/web/app/main.js", { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.rawPayload).toString("utf8")).toBe(first.body);
  });

  it("serves nothing outside its catalog", async () => {
    for (const url of [
      "/web/app/missing.js",
      "/web/../package.json",
      "/web/%2e%2e/dashboard-routes.ts",
      "/web/..%2f..%2fpackage.json",
      "/web/",
    ]) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.headers["content-type"], url).toMatch(/^application\/problem\+json/);
    }
  });
});
