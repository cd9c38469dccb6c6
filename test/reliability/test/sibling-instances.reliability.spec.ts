import { chmodSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN_KEY } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { issuePolicy } from "../src/claim-commands.js";
import { recordFigures } from "../src/figures.js";
import { send } from "../src/http-client.js";

// Two instances of the embedded default whose data directories are siblings (under one parent,
// as two checkouts under /tmp would be): each must get a PostgreSQL of its own, and a second
// start on a data directory in use must be refused, never share its database by accident.

const parent = mkdtempSync(join(tmpdir(), "rel-siblings-"));
chmodSync(parent, 0o777);
const started: ApiProcess[] = [];

// `DATABASE_URL` empty: the embedded default in `dataDir`.
const embedded = async (dataDir: string): Promise<ApiProcess> => {
  const api = await startApiProcess("", { CLAIMSTREAM_DATA_DIR: dataDir });
  started.push(api);
  return api;
};

const policy = (api: ApiProcess, id: string) =>
  send(api.url, { method: "GET", path: `/v1/policies/${id}`, key: ADMIN_KEY });

afterAll(async () => {
  for (const api of started) await api.stop();
  await rm(parent, { recursive: true, force: true });
});

describe("instances on sibling data directories", () => {
  it("each runs its own database, and a second start on a directory in use is refused", async () => {
    const first = await embedded(join(parent, "a"));
    const sibling = await embedded(join(parent, "b"));
    const created = await send(first.url, {
      method: "POST",
      path: "/v1/policies",
      key: ADMIN_KEY,
      body: issuePolicy("P-SIBLING-A", "pacific-mutual"),
    });
    expect(created.status).toBe(201);
    expect((await policy(first, "P-SIBLING-A")).status).toBe(200);
    // The sibling's database does not know it: no shared server.
    expect((await policy(sibling, "P-SIBLING-A")).status).toBe(404);

    let refusal = "";
    try {
      await embedded(join(parent, "a"));
    } catch (error) {
      refusal = error instanceof Error ? error.message : String(error);
    }
    expect(refusal).toContain("claimstream is already running on the data directory");
    expect(first.exited()).toBe(false);
    recordFigures("16-sibling-instances", {
      "instances on sibling data directories": 2,
      "policy written on one, found on the other": "no (404)",
      "second start on a data directory in use": "refused (exit 1)",
    });
  }, 300_000);
});
