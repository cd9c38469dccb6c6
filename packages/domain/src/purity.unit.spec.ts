import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "testing" ? [] : sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".spec.ts") ? [path] : [];
  });

describe("the domain package stays pure", () => {
  it("depends at run time on zod and fp-ts only", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(["fp-ts", "zod"]);
  });

  it("imports no I/O module and reads no clock or randomness in its sources", () => {
    const offenders = sourceFiles(join(root, "src")).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const imports = [...text.matchAll(/^(?:import|export)\b[^;]*?from "([^"]+)"/gms)].map(
        (m) => m[1]!,
      );
      const foreign = imports.filter(
        (i) =>
          !i.startsWith(".") && !["zod", "fp-ts"].some((p) => i === p || i.startsWith(`${p}/`)),
      );
      const impure = /Date\.now\(|new Date\(\)|Math\.random\(|process\.|performance\.now/.test(
        text,
      );
      return foreign.length > 0 || impure
        ? [`${file}: ${foreign.join(", ")}${impure ? " (clock/random/process)" : ""}`]
        : [];
    });
    expect(offenders).toEqual([]);
  });
});
