import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("loadConfig", () => {
  it("defaults to 127.0.0.1:3000, an embedded database in .data/postgres and no keys", () => {
    expect(loadConfig({})).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: undefined,
      eventStoreUrl: undefined,
      apiKeys: undefined,
      dataDir: ".data/postgres",
      logLevel: "info",
      bodyLimit: 1_048_576,
      seedDemoData: true,
    });
  });

  it("reads keys with their role and insurer scope", () => {
    const keys = JSON.stringify([
      { key: "a-long-enough-key-1", role: "handler", insurerId: "pacific-mutual" },
      { key: "a-long-enough-key-2", role: "analyst", insurerId: null, id: "bi-team" },
    ]);
    expect(loadConfig({ CLAIMSTREAM_API_KEYS: keys }).apiKeys).toEqual([
      { key: "a-long-enough-key-1", role: "handler", insurerId: "pacific-mutual" },
      { key: "a-long-enough-key-2", role: "analyst", insurerId: null, id: "bi-team" },
    ]);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ DATABASE_URL: "mysql://db/claims" }, "DATABASE_URL"],
    [{ EVENTSTORE_URL: "http://localhost:2113" }, "EVENTSTORE_URL"],
    [{ CLAIMSTREAM_API_KEYS: "[{not json" }, "CLAIMSTREAM_API_KEYS"],
    [
      { CLAIMSTREAM_API_KEYS: '[{"key":"a-long-enough-key-1","role":"ceo"}]' },
      "CLAIMSTREAM_API_KEYS",
    ],
    [{ CLAIMSTREAM_SEED_DEMO: "maybe" }, "CLAIMSTREAM_SEED_DEMO"],
  ])("stops with a message naming the bad variable: %j", (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}\\b`));
  });

  it("never echoes a secret in the message", () => {
    const secret = "super-secret-value-123";
    const problems = problemsOf({
      CLAIMSTREAM_API_KEYS: `[{"key":"${secret}","role":"ceo"}]`,
      DATABASE_URL: `mysql://${secret}`,
    });
    expect(problems.join("\n")).not.toContain(secret);
  });
});
