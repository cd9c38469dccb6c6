import { createHash } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalJson, type KeyringDocument, LocalKeyring } from "@claimstream/eventstore";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { loadConfig } from "../../src/config.js";
import { embeddedKeyringFile, resolveKeyring } from "../../src/privacy/keyring.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { issuePolicy } from "../support/fixtures.js";
import { httpClient } from "../support/http-client.js";
import {
  type IntegrationApp,
  movableClock,
  startIntegrationApp,
} from "../support/integration-app.js";
import { KEYS } from "../support/test-app.js";

// Subject keys wrapped by the keyring's KEK, request fingerprints keyed by its secret, and the
// KEK rotation an operator runs (ADR 0003).

const first = LocalKeyring.generate("kek-1");
const second = LocalKeyring.generate("kek-2");
const rotating: KeyringDocument = {
  current: "kek-2",
  keks: { ...first.keks, ...second.keks },
  fingerprintSecret: first.fingerprintSecret,
};
const afterRotation: KeyringDocument = { ...rotating, keks: second.keks };

let database: TestDatabase;
let api: IntegrationApp | undefined;
let dir: string;
const clock = movableClock("2026-03-20T12:00:00.000Z");
const { call } = httpClient(() => api?.url ?? "");

const rows = async <Row>(sql: string, values: unknown[] = []): Promise<Row[]> => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Row[];
  } finally {
    await client.end();
  }
};

const cli = async (args: readonly string[], keyring: KeyringDocument) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    {
      DATABASE_URL: database.url,
      LOG_LEVEL: "silent",
      CLAIMSTREAM_KEYRING: JSON.stringify(keyring),
    },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
};

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "claimstream-keyring-"));
  api = await startIntegrationApp(database.url, {
    clock,
    env: { CLAIMSTREAM_KEYRING: JSON.stringify(first) },
  });
});
afterAll(async () => {
  await api?.stop();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("the keyring", () => {
  it("wraps every subject key and keys the fingerprint of idempotent requests", async () => {
    const body = issuePolicy("P-KEY-1");
    const headers = { "idempotency-key": "policy-1" };
    const created = await call(KEYS.admin, "POST", "/v1/policies", body, headers);
    expect(created.status).toBe(201);
    const keys = await rows<{ kek_id: string | null; length: number }>(
      "SELECT kek_id, octet_length(key) AS length FROM eventstore.subject_keys",
    );
    expect(keys).toEqual([{ kek_id: "kek-1", length: 60 }]);
    const [event] = await rows<{ fingerprint: string }>(
      `SELECT metadata->>'idempotencyFingerprint' AS fingerprint FROM eventstore.events
       WHERE stream_id = 'policy-P-KEY-1'`,
    );
    // Whoever guesses the body (an erased holder's name) cannot confirm it from the store.
    const guessed = createHash("sha256").update(canonicalJson(body)).digest("hex");
    expect(event?.fingerprint).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(event?.fingerprint).not.toContain(guessed);
    const retry = await call(KEYS.admin, "POST", "/v1/policies", body, headers);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const other = await call(
      KEYS.admin,
      "POST",
      "/v1/policies",
      { ...body, region: "Beijing" },
      headers,
    );
    expect(other.body.code).toBe("idempotency.key_reused");
    const ready = await call(KEYS.admin, "GET", "/ready");
    expect(JSON.stringify(ready.body.warnings ?? [])).not.toContain("unwrapped");
  });

  it("rotates: every live key re-wrapped under the new KEK, after which the old one can go", async () => {
    await api?.stop();
    api = undefined;
    const status = await cli(["keys", "status"], rotating);
    expect(JSON.parse(status.out)).toMatchObject({ currentKek: "kek-2", keys: { "kek-1": 1 } });
    // Without kek-1 the service refuses to start: that KEK still wraps a live key.
    const refused = await cli(["migrate"], second);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("the keyring lacks KEK kek-1");

    const rotated = await cli(["keys", "rotate"], rotating);
    expect(rotated, rotated.err).toMatchObject({ code: 0 });
    expect(rotated.out).toContain("re-wrapped 1 subject key(s) under KEK kek-2");
    expect(rotated.out).toContain("KEK kek-1 wrap(s) nothing live");

    api = await startIntegrationApp(database.url, {
      clock,
      env: { CLAIMSTREAM_KEYRING: JSON.stringify(afterRotation) },
    });
    const policy = await call(KEYS.admin, "GET", "/v1/policies/P-KEY-1");
    expect(policy.body.state).toMatchObject({
      holder: { name: issuePolicy("P-KEY-1").holder.name },
    });
  });

  it("is generated once beside an embedded data directory (mode 600) and kept; none is made up for DATABASE_URL", async () => {
    const config = loadConfig({ CLAIMSTREAM_DATA_DIR: join(dir, "pg") });
    const generated = await resolveKeyring(config);
    expect(generated).toMatchObject({ source: "generated", file: embeddedKeyringFile(config) });
    expect((await stat(embeddedKeyringFile(config))).mode & 0o777).toBe(0o600);
    const again = await resolveKeyring(config);
    expect(again.source).toBe("file");
    expect(again.keyring?.kekIds).toEqual(generated.keyring?.kekIds);
    expect(await resolveKeyring(loadConfig({ DATABASE_URL: database.url }))).toEqual({
      keyring: null,
      source: "none",
    });
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{");
    await expect(
      resolveKeyring(loadConfig({ DATABASE_URL: database.url, CLAIMSTREAM_KEYRING_FILE: broken })),
    ).rejects.toThrow(/CLAIMSTREAM_KEYRING_FILE .*not JSON/);
  });
});
