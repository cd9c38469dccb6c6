import { defineConfig } from "vitest/config";

// One check at a time: they load the 2 cores on purpose, and their timings must not mix.
export default defineConfig({
  test: {
    include: ["test/**/*.spec.ts"],
    globalSetup: ["src/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
