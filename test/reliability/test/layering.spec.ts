import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The package layering, checked on the sources: the domain knows no other package; the event
// store knows no claims (one import left: its default category function, #18); projections build
// on both; nothing below the API imports it. Import cycles inside a package are the linter's
// (biome's noImportCycles).

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const sources = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });

const IMPORT = /(?:from|import)\s*\(?\s*["'](@claimstream\/[a-z-]+)/g;

/** Per source file of a package's `src`, the workspace packages it imports. */
const importsOf = (pkg: string): Map<string, Set<string>> => {
  const found = new Map<string, Set<string>>();
  for (const file of sources(join(ROOT, "packages", pkg, "src"))) {
    // A package's examples import the package itself; only other packages count.
    const names = new Set(
      [...readFileSync(file, "utf8").matchAll(IMPORT)]
        .map((m) => m[1] ?? "")
        .filter((name) => name !== `@claimstream/${pkg}`),
    );
    if (names.size > 0) found.set(relative(ROOT, file), names);
  }
  return found;
};

const importing = (pkg: string, target: string): string[] =>
  [...importsOf(pkg)].filter(([, names]) => names.has(target)).map(([file]) => file);

describe("package layering", () => {
  it("the domain imports no other package of the repository", () => {
    expect([...importsOf("domain").keys()]).toEqual([]);
  });

  it("the event store imports the domain in its default category function only", () => {
    expect(importing("eventstore", "@claimstream/domain")).toEqual([
      "packages/eventstore/src/category.ts",
    ]);
    expect(importing("eventstore", "@claimstream/projections")).toEqual([]);
    expect(importing("eventstore", "@claimstream/api")).toEqual([]);
  });

  it("projections build on the domain and the event store, never on the API", () => {
    expect(importing("projections", "@claimstream/api")).toEqual([]);
    const used = new Set([...importsOf("projections").values()].flatMap((names) => [...names]));
    expect([...used].sort()).toEqual(["@claimstream/domain", "@claimstream/eventstore"]);
  });
});
