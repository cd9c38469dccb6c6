#!/usr/bin/env node
/**
 * The test canary: proves, before the real tests run, that a failure turns each workspace's test
 * command red. In every workspace with a `test` script it plants one failing spec at a time (a
 * failing assertion, a failing `beforeAll`, an unhandled rejection, an error thrown while the
 * file is collected, a failing global setup), runs `vitest run` on it exactly as the workspace's
 * config has it (global setup and embedded PostgreSQL included), removes what it planted and
 * checks the exit code. A canary that exits 0 fails this script, and so CI. Two controls, a
 * passing spec with and without an added global setup, must exit 0: they show that the canaries
 * fail for the planted reason, not because the harness itself is broken.
 *
 * Prints one line per workspace and kind: `canary <workspace>: failing test -> exit 1`.
 *
 * Usage: `node scripts/test-canary.mjs [--kinds test,before-all,…] [workspace-dir …]`
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * One kind of canary: the spec planted, optionally a global setup added to the workspace's own,
 * and the outcome it must have (`fail`: a non-zero exit; `pass`: the control, exit 0).
 *
 * @typedef {{ name: string, spec: string, globalSetup?: "throws" | "passes", expect: "fail" | "pass" }} CanaryKind
 */

const PASSING_SPEC = `import { expect, it } from "vitest";\nit("canary", () => { expect(1).toBe(1); });\n`;

/** @type {readonly CanaryKind[]} */
export const CANARY_KINDS = [
  { name: "passing test (control)", spec: PASSING_SPEC, expect: "pass" },
  {
    name: "passing global setup (control)",
    spec: PASSING_SPEC,
    globalSetup: "passes",
    expect: "pass",
  },
  {
    name: "failing test",
    spec: `import { expect, it } from "vitest";\nit("canary", () => { expect(1).toBe(2); });\n`,
    expect: "fail",
  },
  {
    name: "failing beforeAll",
    spec: [
      `import { beforeAll, expect, it } from "vitest";`,
      `beforeAll(() => { throw new Error("canary: beforeAll fails"); });`,
      `it("canary", () => { expect(1).toBe(1); });`,
      "",
    ].join("\n"),
    expect: "fail",
  },
  {
    name: "unhandled rejection",
    spec: [
      `import { expect, it } from "vitest";`,
      `it("canary", async () => {`,
      `  void Promise.reject(new Error("canary: unhandled rejection"));`,
      `  await new Promise((resolve) => setTimeout(resolve, 50));`,
      `  expect(1).toBe(1);`,
      `});`,
      "",
    ].join("\n"),
    expect: "fail",
  },
  {
    name: "collection error",
    spec: `throw new Error("canary: thrown while collecting");\n`,
    expect: "fail",
  },
  { name: "failing global setup", spec: PASSING_SPEC, globalSetup: "throws", expect: "fail" },
];

/** Workspaces (directories relative to the root) whose package.json has a `test` script. */
export const testedWorkspaces = () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return /** @type {string[]} */ (manifest.workspaces).filter((workspace) => {
    const path = join(root, workspace, "package.json");
    return existsSync(path) && JSON.parse(readFileSync(path, "utf8")).scripts?.test !== undefined;
  });
};

/**
 * Plants one canary in a workspace, runs it and removes it again.
 *
 * @param {string} workspace directory relative to the root
 * @param {CanaryKind} kind
 * @returns {number} the exit code of `vitest run` (a signal counts as 128 + 1)
 */
export const runCanary = (workspace, kind) => {
  const directory = join(root, workspace);
  const id = `canary-${process.pid}-${slug(kind)}`;
  const canaryDir = join(directory, "test", id);
  const spec = join(canaryDir, `${id}.spec.ts`);
  const config = join(directory, `vitest.${id}.config.ts`);
  const args = ["vitest", "run", relative(directory, spec)];
  mkdirSync(canaryDir, { recursive: true });
  try {
    writeFileSync(spec, kind.spec);
    if (kind.globalSetup !== undefined) {
      const setup = join(canaryDir, "canary-setup.ts");
      const body = kind.globalSetup === "throws" ? `throw new Error("canary: setup fails");` : "";
      writeFileSync(setup, `export default () => { ${body} };\n`);
      writeFileSync(
        config,
        [
          `import { mergeConfig } from "vitest/config";`,
          `import base from "./vitest.config.ts";`,
          `export default mergeConfig(base, { test: { globalSetup: [${JSON.stringify(`./${relative(directory, setup)}`)}] } });`,
          "",
        ].join("\n"),
      );
      args.push("--config", relative(directory, config));
    }
    const run = spawnSync("npx", args, {
      cwd: directory,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0" },
      timeout: 180_000,
    });
    return run.status ?? 129;
  } finally {
    rmSync(canaryDir, { recursive: true, force: true });
    rmSync(config, { force: true });
  }
};

/** @param {CanaryKind} kind */
const slug = (kind) => kind.name.replace(/[^a-z]+/g, "-").replace(/-$/, "");

const main = () => {
  const args = process.argv.slice(2);
  const kindsAt = args.indexOf("--kinds");
  const wanted = kindsAt === -1 ? undefined : (args.splice(kindsAt, 2)[1] ?? "").split(",");
  const kinds = CANARY_KINDS.filter((kind) => wanted === undefined || wanted.includes(slug(kind)));
  const workspaces = args.length > 0 ? args : testedWorkspaces();
  let wrong = 0;
  for (const workspace of workspaces) {
    for (const kind of kinds) {
      const code = runCanary(workspace, kind);
      const right = kind.expect === "pass" ? code === 0 : code !== 0;
      if (!right) wrong += 1;
      const verdict = right
        ? ""
        : kind.expect === "pass"
          ? "   <- CONTROL FAILED"
          : "   <- NOT DETECTED";
      process.stdout.write(`canary ${workspace}: ${kind.name} -> exit ${code}${verdict}\n`);
    }
  }
  if (wrong > 0) {
    process.stderr.write(`canary: ${wrong} run(s) ended with the wrong exit code; see above\n`);
    return 1;
  }
  return 0;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
