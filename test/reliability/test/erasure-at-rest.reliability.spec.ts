import { createDecipheriv, createHash } from "node:crypto";
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  canonicalJson,
  type KeyringDocument,
  LocalKeyring,
  type RunningPostgres,
  startEmbeddedPostgres,
} from "@claimstream/eventstore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { holderOf, issuePolicy, registerClaim } from "../src/claim-commands.js";
import { runClaimstream } from "../src/cli-process.js";
import { recordFigures } from "../src/figures.js";
import { send } from "../src/http-client.js";
import { sqlRows } from "../src/test-database.js";

// What an attacker holding a copy of the database's files finds of a forgotten policyholder:
// the data directory (heap files and WAL) is scanned after `forget` and a checkpoint for the
// holder's name, the subject key in clear, the fingerprint of a request naming the holder,
// and every 32-byte window of the subject-key table's files tried as the key.

const INSURER = "pacific-mutual";
const POLICY = `P-ERASE-${process.pid}`;
const CLAIM = `C-ERASE-${process.pid}`;
const SUBJECT = `policyholder-${POLICY}`;
const parent = mkdtempSync(join(tmpdir(), "rel-erasure-"));
chmodSync(parent, 0o777);
const keyringDir = mkdtempSync(join(tmpdir(), "rel-keyring-"));
const first = LocalKeyring.generate("kek-1");
const second = LocalKeyring.generate("kek-2");

let postgres: RunningPostgres;
let api: ApiProcess | undefined;

const keyringFile = (document: KeyringDocument): string => {
  const file = join(keyringDir, `${document.current}.json`);
  writeFileSync(file, JSON.stringify(document), { mode: 0o600 });
  return file;
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });

const occurrences = (haystack: Buffer, needle: Buffer): number => {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    count += 1;
  }
  return count;
};

const scan = (files: readonly string[], needle: Buffer): number =>
  files.reduce((sum, file) => sum + occurrences(readFileSync(file), needle), 0);

interface Encrypted {
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

// The issue's attack: every 32-byte window of the files as an AES-256-GCM key for a field of
// the forgotten holder; a window that authenticates is the key.
const windowsThatDecrypt = (files: readonly string[], field: Encrypted, aad: string): number => {
  const iv = Buffer.from(field.iv, "base64");
  const tag = Buffer.from(field.tag, "base64");
  const ciphertext = Buffer.from(field.ciphertext, "base64");
  let found = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    for (let at = 0; at + 32 <= bytes.length; at += 1) {
      const decipher = createDecipheriv("aes-256-gcm", bytes.subarray(at, at + 32), iv);
      decipher.setAAD(Buffer.from(aad, "utf8"));
      decipher.setAuthTag(tag);
      try {
        decipher.update(ciphertext);
        decipher.final();
        found += 1;
      } catch {
        // not the key
      }
    }
  }
  return found;
};

const post = async (path: string, body: object, headers: Record<string, string> = {}) => {
  const answer = await send(api?.url ?? "", {
    method: "POST",
    path,
    key: ADMIN_KEY,
    body,
    headers,
  });
  expect(answer.status, answer.text).toBeLessThan(300);
  return answer;
};

beforeAll(async () => {
  postgres = await startEmbeddedPostgres({ dataDir: join(parent, "pg") });
});
afterAll(async () => {
  await api?.stop();
  await postgres?.stop();
  await rm(parent, { recursive: true, force: true });
  await rm(keyringDir, { recursive: true, force: true });
});

describe("erasure at rest", () => {
  it("leaves no clear name, no usable key and no confirming fingerprint in the data directory after forget", async () => {
    const url = postgres.connectionString;
    api = await startApiProcess(url, { CLAIMSTREAM_KEYRING_FILE: keyringFile(first) });
    const policyBody = issuePolicy(POLICY, INSURER);
    await post("/v1/policies", policyBody, { "idempotency-key": "erase-policy" });
    await post("/v1/claims", registerClaim(CLAIM, POLICY, INSURER));

    // What the attacker is after: the key as the service uses it (unwrapped here with the
    // keyring, which the attacker does not hold) and one encrypted field of the holder.
    const [stored] = await sqlRows<{ key_id: string; key: Buffer; kek_id: string }>(
      url,
      "SELECT key_id::text, key, kek_id FROM eventstore.subject_keys WHERE subject_id = $1",
      [SUBJECT],
    );
    expect(stored?.kek_id).toBe("kek-1");
    const keyring = new LocalKeyring(first);
    const wrapped = { kekId: "kek-1", wrapped: new Uint8Array(stored?.key ?? []) };
    const key = Buffer.from(
      await keyring.unwrap(wrapped, `claimstream.subject-key:${stored?.key_id}`),
    );
    const [event] = await sqlRows<{ event_id: string; holder: Encrypted }>(
      url,
      `SELECT event_id::text, data->'holder' AS holder FROM eventstore.events
       WHERE stream_id = $1 AND type = 'PolicyIssued'`,
      [`policy-${POLICY}`],
    );
    const field = event?.holder as Encrypted;

    await post(`/v1/subjects/${SUBJECT}/forget`, {});
    await sqlRows(url, "CHECKPOINT");
    await api.stop();
    api = undefined;

    const dataFiles = filesUnder(postgres.dataDir);
    const [relation] = await sqlRows<{ path: string }>(
      url,
      "SELECT pg_relation_filepath('eventstore.subject_keys') AS path",
    );
    const keyFiles = dataFiles.filter((file) =>
      file.startsWith(join(postgres.dataDir, relation?.path ?? "-")),
    );
    const name = Buffer.from(holderOf(POLICY).name, "utf8");
    const fingerprint = Buffer.from(
      createHash("sha256").update(canonicalJson(policyBody)).digest("hex"),
      "utf8",
    );
    const found = {
      name: scan(dataFiles, name),
      key: scan(dataFiles, key),
      keyBase64: scan(dataFiles, Buffer.from(key.toString("base64"), "utf8")),
      fingerprint: scan(dataFiles, fingerprint),
      windows: windowsThatDecrypt(keyFiles, field, `${event?.event_id}\nholder`),
      // Controls: what the scan must find, or it proves nothing.
      claimId: scan(dataFiles, Buffer.from(CLAIM, "utf8")),
      wrappedCopies: scan(dataFiles, Buffer.from(wrapped.wrapped)),
    };
    expect(found.claimId).toBeGreaterThan(0);
    expect(keyFiles.length).toBeGreaterThan(0);
    expect(found).toMatchObject({ name: 0, key: 0, keyBase64: 0, fingerprint: 0, windows: 0 });

    // The KEK rotation then makes the wrapped copies left in pages and WAL unusable for good.
    const rotation: KeyringDocument = {
      current: "kek-2",
      keks: { ...first.keks, ...second.keks },
      fingerprintSecret: first.fingerprintSecret,
    };
    const rotated = await runClaimstream(url, ["keys", "rotate"], {
      CLAIMSTREAM_KEYRING_FILE: keyringFile(rotation),
    });
    expect(rotated.code, rotated.stderr).toBe(0);
    const afterRotation = new LocalKeyring({ ...rotation, keks: second.keks });
    await expect(
      afterRotation.unwrap(wrapped, `claimstream.subject-key:${stored?.key_id}`),
    ).rejects.toThrow(/not in the keyring/);

    recordFigures("14-erasure-at-rest", {
      "files scanned (heap, WAL, …)": dataFiles.length,
      "MiB scanned": Math.round(
        dataFiles.reduce((sum, file) => sum + statSync(file).size, 0) / 2 ** 20,
      ),
      "clear name found": found.name,
      "clear subject key found (raw or base64)": found.key + found.keyBase64,
      "plain SHA-256 fingerprint of the request found": found.fingerprint,
      "32-byte windows of subject_keys' files that decrypt the holder": found.windows,
      "wrapped copies of the forgotten key left (unusable without kek-1)": found.wrappedCopies,
      "control: claim id found": found.claimId,
    });
  }, 600_000);
});
