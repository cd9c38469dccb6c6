import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, RELIABILITY_KEYS } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { issuePolicy, registerClaim } from "../src/claim-commands.js";
import { recordFigures } from "../src/figures.js";
import { send } from "../src/http-client.js";
import { createReliabilityDatabase } from "../src/test-database.js";
import { LOOPBACK_RECEIVERS, startWebhookReceiver } from "../src/webhook-receiver.js";

const BODY_LIMIT = 4096;
const UNKNOWN_KEY = "rel-secret-not-a-configured-key-93ab";
const WEBHOOK_SECRET = "whsec-reliability-hygiene-5c0ffee";
let database: ScratchDatabase;
let api: ApiProcess;

beforeAll(async () => {
  database = await createReliabilityDatabase();
  // Debug level: request lines are logged too, the most a deployment would ever log.
  api = await startApiProcess(database.url, {
    LOG_LEVEL: "debug",
    CLAIMSTREAM_BODY_LIMIT: String(BODY_LIMIT),
    ...LOOPBACK_RECEIVERS,
  });
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

const HELMET_HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-permitted-cross-domain-policies",
];

/** Registers a webhook with {@link WEBHOOK_SECRET} and waits for its first delivery. */
const deliveredWebhook = async (): Promise<string> => {
  const receiver = await startWebhookReceiver();
  try {
    const created = await send(api.url, {
      method: "POST",
      path: "/v1/webhooks",
      key: ADMIN_KEY,
      body: { url: receiver.url, secret: WEBHOOK_SECRET, after: 0 },
    });
    if (created.status === 404) return "not covered: no webhook route";
    expect(created.status, created.text).toBe(201);
    expect(created.text).not.toContain(WEBHOOK_SECRET);
    expect(await receiver.waitFor((body) => body.includes("C-SEC"), 30_000)).toBe(true);
    return "yes";
  } finally {
    await receiver.close();
  }
};

describe("security hygiene", () => {
  it("sends security headers, refuses oversized bodies with 413, logs request ids and never a key or webhook secret", async () => {
    const answers = [
      await send(api.url, {
        method: "POST",
        path: "/v1/policies",
        key: ADMIN_KEY,
        body: issuePolicy("P-SEC", "north-star"),
      }),
      await send(api.url, {
        method: "POST",
        path: "/v1/claims",
        key: ADMIN_KEY,
        body: registerClaim("C-SEC", "P-SEC", "north-star"),
      }),
      await send(api.url, { method: "GET", path: "/v1/claims/C-SEC", key: UNKNOWN_KEY }),
      await send(api.url, {
        method: "GET",
        path: "/v1/claims/C-SEC",
        headers: { "x-api-key": ADMIN_KEY },
      }),
      await send(api.url, {
        method: "GET",
        path: `/v1/claims/C-SEC?api_key=${ADMIN_KEY}`,
        key: ADMIN_KEY,
      }),
      await send(api.url, { method: "GET", path: "/health" }),
      ...(await Promise.all(
        RELIABILITY_KEYS.map(({ key }) =>
          send(api.url, { method: "GET", path: "/v1/claims?limit=1", key }),
        ),
      )),
    ];
    const oversized = await send(api.url, {
      method: "POST",
      path: "/v1/claims",
      key: ADMIN_KEY,
      body: {
        ...registerClaim("C-BIG", "P-SEC", "north-star"),
        description: "x".repeat(BODY_LIMIT * 2),
      },
    });
    expect(oversized.status).toBe(413);
    expect(oversized.body.code).toBe("request.body_too_large");

    for (const answer of [...answers, oversized]) {
      for (const header of HELMET_HEADERS) expect(answer.headers.has(header), header).toBe(true);
      expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(answers[0]?.headers.get("x-content-type-options")).toBe("nosniff");

    const webhook = await deliveredWebhook();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logged = api.lines.join("\n");
    const ids = [...answers, oversized].map(
      (answer) => answer.headers.get("x-request-id") as string,
    );
    const idsInLogs = ids.filter((id) => logged.includes(`"reqId":"${id}"`));
    expect(idsInLogs).toEqual(ids);
    // The query-string key ends up in the logged URL unless the API redacts it.
    const secrets = [
      ...RELIABILITY_KEYS.map(({ key }) => key),
      UNKNOWN_KEY,
      WEBHOOK_SECRET,
      database.url,
    ];
    const leaked = secrets.filter((secret) => logged.includes(secret));
    recordFigures("9-security-hygiene", {
      "security headers checked on every answer": HELMET_HEADERS.length,
      "body over the limit": `${oversized.status} ${oversized.body.code}`,
      "answers with an x-request-id": ids.length,
      "request ids found in the logs": idsInLogs.length,
      "log lines captured (debug level)": api.lines.length,
      "secrets checked (API keys, unknown key, webhook secret, DATABASE_URL)": secrets.length,
      "secrets found in the logs": leaked.length,
      "webhook registered with a secret and delivered": webhook,
    });
    expect(leaked).toEqual([]);
  });
});
