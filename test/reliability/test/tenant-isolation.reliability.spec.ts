import { hasPermission, type Permission } from "@claimstream/api";
import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_KEY,
  INSURERS,
  type Insurer,
  ROLES,
  scopedKey,
  scopedKeyId,
} from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import {
  issuePolicy,
  openRepairOrder,
  registerClaim,
  requestPayout,
} from "../src/claim-commands.js";
import { recordFigures } from "../src/figures.js";
import { type Answer, send } from "../src/http-client.js";
import {
  analyticsBuilder,
  MATRIX_WEBHOOK,
  type MatrixCase,
  recordsOf,
  routeTable,
} from "../src/route-matrix.js";
import { readSse } from "../src/sse-reader.js";
import { createReliabilityDatabase, eventCount, sqlRows } from "../src/test-database.js";
import { LOOPBACK_RECEIVERS, startWebhookReceiver } from "../src/webhook-receiver.js";

const expenseReserve = {
  type: "SetReserve",
  costType: "expense",
  balance: { amount: 500_000_000, currency: "CNY" },
  occurredAt: "2026-03-01T10:00:00.000Z",
};

let database: ScratchDatabase;
let api: ApiProcess;
// The webhook each insurer's integrator made, for the matrix's webhook routes.
const webhooks = new Map<Insurer, string>();

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url, LOOPBACK_RECEIVERS);
  for (const insurer of INSURERS) {
    const ids = recordsOf(insurer);
    for (const [path, body] of [
      ["/v1/policies", issuePolicy(ids.policy, insurer)],
      ["/v1/policies", issuePolicy(ids.forgettable, insurer)],
      ["/v1/claims", registerClaim(ids.claim, ids.policy, insurer)],
      // Expense payouts are committed against the claim's expense reserve.
      [`/v1/claims/${ids.claim}/commands`, expenseReserve],
      ["/v1/repair-orders", openRepairOrder(ids["repair-order"], ids.claim, insurer)],
      ["/v1/payouts", requestPayout(ids.payout, ids.claim, insurer, ids.policy)],
    ] as const) {
      const answer = await send(api.url, { method: "POST", path, key: ADMIN_KEY, body });
      expect(answer.status, `${path}: ${answer.text}`).toBeLessThan(300);
    }
    const key = scopedKey("integrator", insurer);
    const made = await send(api.url, {
      method: "POST",
      path: "/v1/webhooks",
      key,
      body: MATRIX_WEBHOOK,
    });
    expect(made.status, made.text).toBe(201);
    webhooks.set(insurer, String(made.body.id));
  }
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

const other = (insurer: Insurer): Insurer => (insurer === INSURERS[0] ? INSURERS[1] : INSURERS[0]);

const statusMatches = (test: MatrixCase, answer: Answer): boolean => {
  switch (test.expect) {
    case "forbidden":
      return answer.status === 403 && answer.body.code === "auth.forbidden";
    case "insurer_forbidden":
      return answer.status === 403 && answer.body.code === "auth.insurer_forbidden";
    case "hidden":
      return answer.status === 404;
    default:
      return test.method === "GET"
        ? answer.status === 200
        : answer.status < 300 || answer.status === 409 || answer.status === 422;
  }
};

// Events of a write carry the caller as actor (the process manager's follow-ups carry a cause).
const actorsOf = async (requestId: string | null) =>
  sqlRows<{ actor: { id: string; role: string }; cause: string | null }>(
    database.url,
    `SELECT metadata->'actor' AS actor, metadata->>'causationId' AS cause FROM eventstore.events
     WHERE metadata->>'correlationId' = $1`,
    [requestId],
  );

const run = async (test: MatrixCase): Promise<string | undefined> => {
  const before = test.writes ? await eventCount(database.url) : 0;
  const key = scopedKey(test.role, test.keyInsurer);
  const answer = await send(api.url, {
    method: test.method,
    path: test.path,
    key,
    body: test.body,
  });
  const label = `${test.route} as ${test.role}@${test.keyInsurer} on ${test.target}'s data: ${answer.status} ${answer.text.slice(0, 160)}`;
  if (answer.status >= 500) return `5xx: ${label}`;
  if (!statusMatches(test, answer)) return `expected ${test.expect}: ${label}`;
  if (answer.status < 300 && answer.text.includes(other(test.keyInsurer))) return `leak: ${label}`;
  if (!test.writes) return undefined;
  const after = await eventCount(database.url);
  if (answer.status >= 300)
    return after === before ? undefined : `rejected write wrote events: ${label}`;
  const actors = await actorsOf(answer.headers.get("x-request-id"));
  const own = actors.filter((row) => row.cause === null);
  const expected = { id: scopedKeyId(test.role, test.keyInsurer), role: test.role };
  if (own.length === 0 || own.some((row) => JSON.stringify(row.actor) !== JSON.stringify(expected)))
    return `events do not record the actor ${JSON.stringify(expected)}: ${JSON.stringify(actors)}`;
  return undefined;
};

const probeStream = async (
  role: (typeof ROLES)[number],
  insurer: Insurer,
): Promise<string | undefined> => {
  const key = scopedKey(role, insurer);
  if (!hasPermission(role, "events.read" as Permission)) {
    const answer = await send(api.url, { method: "GET", path: "/v1/events/stream", key });
    return answer.status === 403 ? undefined : `stream as ${role}@${insurer}: ${answer.status}`;
  }
  const events = await readSse(`${api.url}/v1/events/stream`, key, (all) => all.length >= 50, 1500);
  return JSON.stringify(events ?? []).includes(other(insurer))
    ? `stream leak as ${role}@${insurer}`
    : undefined;
};

/** A webhook of insurer `insurer`'s integrator: what it receives, and what the other insurer sees. */
const webhookIsolation = async (insurer: Insurer): Promise<string | undefined> => {
  const receiver = await startWebhookReceiver();
  try {
    const key = scopedKey("integrator", insurer);
    const created = await send(api.url, {
      method: "POST",
      path: "/v1/webhooks",
      key,
      body: { url: receiver.url, secret: "whsec-isolation-0123456789", after: 0 },
    });
    if (created.status === 404) return undefined;
    expect(created.status, created.text).toBe(201);
    expect(await receiver.waitFor((body) => body.includes(recordsOf(insurer).payout), 30_000)).toBe(
      true,
    );
    expect(receiver.bodies.join("\n")).not.toContain(other(insurer));
    const foreign = await send(api.url, {
      method: "GET",
      path: "/v1/webhooks",
      key: scopedKey("integrator", other(insurer)),
    });
    expect(foreign.text).not.toContain(receiver.url);
    const id = String(created.body.id);
    const peek = await send(api.url, {
      method: "GET",
      path: `/v1/webhooks/${id}`,
      key: scopedKey("integrator", other(insurer)),
    });
    expect(peek.status).toBe(404);
    return `${receiver.bodies.length} deliveries, none of the other insurer; its webhook hidden from the other insurer (404)`;
  } finally {
    await receiver.close();
  }
};

describe("tenant isolation and roles over every route", () => {
  it("a webhook delivers only its insurer's events and stays invisible to the other insurer", async () => {
    const outcomes = await Promise.all(INSURERS.map((insurer) => webhookIsolation(insurer)));
    recordFigures("5-tenant-isolation-webhooks", {
      ...Object.fromEntries(
        INSURERS.map((insurer, index) => [
          insurer,
          outcomes[index] ?? "not covered: no webhook route",
        ]),
      ),
    });
  });

  it("no key reads or writes another insurer's data, forbidden actions answer 403, events record the actor", async () => {
    const openapi = (await send(api.url, { method: "GET", path: "/openapi.json" })).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ["get", "post"].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const table = routeTable((insurer) => webhooks.get(insurer) as string);
    const failures: string[] = [];
    const uncatalogued: string[] = [];
    let requests = 0;
    const counts = { ok: 0, forbidden: 0, hidden: 0, insurer_forbidden: 0 };
    for (const route of routes.filter((name) => name.includes(" /v1/"))) {
      if (route === "GET /v1/events/stream") {
        for (const role of ROLES)
          for (const insurer of INSURERS) {
            requests += 1;
            const failure = await probeStream(role, insurer);
            if (failure !== undefined) failures.push(failure);
          }
        continue;
      }
      const path = route.slice(route.indexOf(" ") + 1);
      const builder =
        table.get(route) ??
        (path.startsWith("/v1/analytics/") ? analyticsBuilder(path) : undefined);
      if (builder === undefined) {
        uncatalogued.push(route);
        continue;
      }
      for (const role of ROLES)
        for (const keyInsurer of INSURERS)
          for (const target of INSURERS) {
            const test = { ...builder(role, keyInsurer, target), route, role, keyInsurer, target };
            requests += 1;
            counts[test.expect] += 1;
            const failure = await run(test);
            if (failure !== undefined) failures.push(failure);
          }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    recordFigures("5-tenant-isolation", {
      "routes in the matrix":
        routes.filter((name) => name.includes(" /v1/")).length - uncatalogued.length,
      "routes outside the matrix": uncatalogued.length === 0 ? "none" : uncatalogued,
      roles: ROLES.length,
      insurers: INSURERS.length,
      requests,
      "answered as allowed": counts.ok,
      "forbidden by role (403)": counts.forbidden,
      "other insurer's record (404)": counts.hidden,
      "other insurer's scope asked (403)": counts.insurer_forbidden,
      "cross-tenant reads or writes": 0,
      "writes without the caller as actor": 0,
    });
  });
});
