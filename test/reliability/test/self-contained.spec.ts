import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CANARY_KINDS, testedWorkspaces } from "../../../scripts/test-canary.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SKIPPED = new Set(["node_modules", "dist", ".turbo", ".data", ".git", "results"]);
const CODE = /\.(ts|mts|mjs|js|json)$/;

const codeFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return codeFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });

// Relative paths to a folder named shared: the domain has its own (src/shared); the steering
// folder beside the repository is the one a test must never reach.
const SHARED_PATH = /((?:\.\.\/)+)shared\//g;

const readsOutside = (file: string): boolean =>
  [...readFileSync(file, "utf8").matchAll(SHARED_PATH)].some(([, climb]) =>
    relative(ROOT, resolve(dirname(file), climb ?? "")).startsWith(".."),
  );

describe("the repository is self-contained", () => {
  it("no code or test reads the shared folder beside the repository", () => {
    const files = ["packages", "test", "scripts"].flatMap((top) => codeFiles(join(ROOT, top)));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter(readsOutside).map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it("the CI canary covers every workspace with tests and every kind of failure", () => {
    expect(testedWorkspaces()).toEqual(
      expect.arrayContaining([
        "packages/domain",
        "packages/eventstore",
        "packages/projections",
        "packages/api",
        "test/reliability",
      ]),
    );
    const failing = CANARY_KINDS.filter((kind) => kind.expect === "fail").map((kind) => kind.name);
    expect(failing).toEqual([
      "failing test",
      "failing beforeAll",
      "unhandled rejection",
      "collection error",
      "failing global setup",
    ]);
    expect(readFileSync(join(ROOT, ".ci/run"), "utf8")).toMatch(
      /node scripts\/test-canary\.mjs\n(.*\n)*npm test\n/,
    );
  });
});
