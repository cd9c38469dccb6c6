import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.js";
import { createAggregateRegistry } from "../aggregates/aggregates.js";

let t: TestApp;
let document: {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; operationId?: string }>>;
  components: { schemas: Record<string, unknown> };
};
beforeAll(async () => {
  t = await createTestApp();
  document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
});
afterAll(() => t.close());

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with a component schema for every command of every aggregate", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const aggregate of createAggregateRegistry().all) {
      for (const type of aggregate.commandTypes) {
        expect(Object.keys(document.components.schemas)).toContain(
          `${aggregate.label.replace(/ /g, "")}.${type}`,
        );
      }
    }
  });

  it("secures every /v1 operation and gives each a unique operationId", () => {
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(operations)) {
        if (path.startsWith("/v1/")) expect(operation.security, path).not.toEqual([]);
        expect(ids.has(String(operation.operationId))).toBe(false);
        ids.add(String(operation.operationId));
      }
    }
  });

  it("passes the Redocly linter's recommended rules", async () => {
    const require = createRequire(import.meta.url);
    const cli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
    const folder = await mkdtemp(join(tmpdir(), "claimstream-openapi-"));
    const file = join(folder, "openapi.json");
    await writeFile(file, JSON.stringify(document));
    const config = fileURLToPath(new URL("../../redocly.yaml", import.meta.url));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [cli, "lint", file, `--config=${config}`, "--format=stylish"],
        {
          env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        },
      );
      expect(stdout).not.toContain("error");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
