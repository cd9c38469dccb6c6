import type { Role } from "@claimstream/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INSURER,
  issuePolicy,
  OTHER_INSURER,
  openRepairOrder,
  registerClaim,
  requestPayout,
  setReserve,
} from "../../test/support/fixtures.js";
import {
  auth,
  createTestApp,
  eventCount,
  issuePolicies,
  KEYS,
  type TestApp,
} from "../../test/support/test-app.js";

// One server for the file: every test uses ids of its own.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await issuePolicies(t, ["P-1"], ["P-NS", OTHER_INSURER]);
  await seedClaim("C-1");
  // Expense payouts are committed against the expense reserve: room for every test's payouts.
  const reserve = await send("POST", "/v1/claims/C-1/commands", KEYS.admin, {
    type: "SetReserve",
    costType: "expense",
    balance: { amount: 500_000_000, currency: "CNY" },
  });
  expect(reserve.statusCode).toBe(200);
  await seedClaim("C-PM", INSURER);
  await seedClaim("C-NS", OTHER_INSURER);
});
afterAll(() => t.close());

const send = (method: "GET" | "POST", url: string, key: string | undefined, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: key === undefined ? {} : auth(key),
    ...(payload === undefined ? {} : { payload }),
  });

const seedClaim = async (claimId: string, insurerId = INSURER) => {
  const response = await send(
    "POST",
    "/v1/claims",
    KEYS.admin,
    registerClaim(claimId, insurerId === OTHER_INSURER ? "P-NS" : "P-1", insurerId),
  );
  expect(response.statusCode).toBe(201);
};

describe("authentication", () => {
  const routes: readonly ["GET" | "POST", string][] = [
    ["POST", "/v1/policies"],
    ["POST", "/v1/claims"],
    ["POST", "/v1/repair-orders"],
    ["POST", "/v1/payouts"],
    ["POST", "/v1/claims/C-1/commands"],
    ["GET", "/v1/claims/C-1"],
    ["GET", "/v1/payouts/PO-1"],
    ["GET", "/v1/claims/C-1/history"],
    ["GET", "/v1/claims/C-1/state"],
    ["GET", "/v1/claims/C-1/verify"],
  ];

  it.each(routes)(
    "%s %s without a key answers 401 auth.missing_credentials",
    async (method, url) => {
      const response = await send(method, url, undefined, method === "POST" ? {} : undefined);
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe("auth.missing_credentials");
      expect(response.headers["www-authenticate"]).toContain("Bearer");
    },
  );

  it("an unknown key answers 401 auth.invalid_credentials", async () => {
    const response = await send("GET", "/v1/claims/C-1", "not-a-configured-key");
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("auth.invalid_credentials");
  });

  it("accepts the key in X-API-Key too", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/v1/claims/C-1",
      headers: { "x-api-key": KEYS.auditor },
    });
    expect(response.statusCode).toBe(200);
  });

  it("leaves health, readiness, metrics and the OpenAPI document public", async () => {
    for (const url of ["/health", "/ready", "/metrics", "/openapi.json", "/docs"]) {
      expect((await send("GET", url, undefined)).statusCode, url).toBeLessThan(400);
    }
  });
});

type Operation = {
  readonly name: string;
  readonly allowed: readonly Role[];
  run(key: string, n: number): Promise<number>;
};

const ROLES: readonly Role[] = [
  "admin",
  "handler",
  "adjuster",
  "finance",
  "finance_manager",
  "analyst",
  "auditor",
  "integrator",
  "shop",
];

const operations: readonly Operation[] = [
  {
    name: "issue a policy",
    allowed: ["admin", "integrator"],
    run: async (key, n) =>
      (await send("POST", "/v1/policies", key, issuePolicy(`P-${n}`))).statusCode,
  },
  {
    name: "register a claim",
    allowed: ["admin", "handler", "integrator"],
    run: async (key, n) =>
      (await send("POST", "/v1/claims", key, registerClaim(`C-new-${n}`, "P-1"))).statusCode,
  },
  {
    name: "set a claim reserve",
    allowed: ["admin", "handler", "adjuster"],
    run: async (key) => (await send("POST", "/v1/claims/C-1/commands", key, setReserve)).statusCode,
  },
  {
    name: "read a claim",
    allowed: [
      "admin",
      "handler",
      "adjuster",
      "finance",
      "finance_manager",
      "auditor",
      "integrator",
    ],
    run: async (key) => (await send("GET", "/v1/claims/C-1", key)).statusCode,
  },
  {
    name: "read a claim's history",
    allowed: ["admin", "handler", "auditor", "integrator"],
    run: async (key) => (await send("GET", "/v1/claims/C-1/history", key)).statusCode,
  },
  {
    name: "verify a claim's hash chain",
    allowed: ["admin", "handler", "auditor", "integrator"],
    run: async (key) => (await send("GET", "/v1/claims/C-1/verify", key)).statusCode,
  },
  {
    name: "open a repair order",
    allowed: ["admin", "shop"],
    run: async (key, n) =>
      (await send("POST", "/v1/repair-orders", key, openRepairOrder(`RO-${n}`, "C-1"))).statusCode,
  },
  {
    name: "request a payout",
    allowed: ["admin", "handler"],
    run: async (key, n) =>
      (await send("POST", "/v1/payouts", key, requestPayout(`PO-${n}`, "C-1"))).statusCode,
  },
  {
    name: "approve a payout",
    allowed: ["admin", "finance", "finance_manager"],
    run: async (key, n) => {
      await send("POST", "/v1/payouts", KEYS.handler, requestPayout(`PA-${n}`, "C-1"));
      return (await send("POST", `/v1/payouts/PA-${n}/commands`, key, { type: "ApprovePayout" }))
        .statusCode;
    },
  },
];

describe("the role × permission table", () => {
  for (const operation of operations) {
    it(`only ${operation.allowed.join(", ")} may ${operation.name}`, async () => {
      for (const [n, role] of ROLES.entries()) {
        const status = await operation.run(KEYS[role], n);
        if (operation.allowed.includes(role)) expect(status, role).toBeLessThan(300);
        else expect(status, role).toBe(403);
      }
    });
  }
});

describe("actor fields come from the key", () => {
  it("refuses an approver role other than the caller's with 403 auth.actor_mismatch", async () => {
    await send("POST", "/v1/payouts", KEYS.handler, requestPayout("PX-1", "C-1"));
    const response = await send("POST", "/v1/payouts/PX-1/commands", KEYS.finance, {
      type: "ApprovePayout",
      approverRole: "finance_manager",
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("auth.actor_mismatch");
  });

  it("answers 403 payout.approval_limit_exceeded above the role's limit, and lets a higher role approve", async () => {
    const big = {
      ...requestPayout("PX-2", "C-1"),
      amount: { amount: 25_000_000, currency: "CNY" },
    };
    await send("POST", "/v1/payouts", KEYS.handler, big);
    const finance = await send("POST", "/v1/payouts/PX-2/commands", KEYS.finance, {
      type: "ApprovePayout",
    });
    expect(finance.statusCode).toBe(403);
    expect(finance.json().code).toBe("payout.approval_limit_exceeded");
    const manager = await send("POST", "/v1/payouts/PX-2/commands", KEYS.finance_manager, {
      type: "ApprovePayout",
    });
    expect(manager.statusCode).toBe(200);
  });

  it("answers 403 payout.self_approval when the requester approves", async () => {
    await send("POST", "/v1/payouts", KEYS.admin, requestPayout("PX-3", "C-1"));
    const response = await send("POST", "/v1/payouts/PX-3/commands", KEYS.admin, {
      type: "ApprovePayout",
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("payout.self_approval");
  });
});

describe("insurer scope", () => {
  it("a scoped key reads and changes its own insurer's claims", async () => {
    expect((await send("GET", "/v1/claims/C-PM", KEYS.scopedHandler)).statusCode).toBe(200);
    expect(
      (await send("POST", "/v1/claims/C-PM/commands", KEYS.scopedHandler, setReserve)).statusCode,
    ).toBe(200);
  });

  it.each([
    ["GET", "/v1/claims/C-NS"],
    ["GET", "/v1/claims/C-NS/history"],
    ["GET", "/v1/claims/C-NS/state"],
    ["GET", "/v1/claims/C-NS/verify"],
    ["POST", "/v1/claims/C-NS/commands"],
  ] as const)(
    "%s %s of another insurer answers 404 claim.not_found and writes nothing",
    async (method, url) => {
      const before = await eventCount(t.store);
      const response = await send(
        method,
        url,
        KEYS.scopedHandler,
        method === "POST" ? setReserve : undefined,
      );
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("claim.not_found");
      expect(await eventCount(t.store)).toBe(before);
    },
  );

  it("another insurer's claim looks exactly like a missing one", async () => {
    const foreign = (await send("GET", "/v1/claims/C-NS", KEYS.scopedHandler)).json();
    const missing = (await send("GET", "/v1/claims/C-NONE", KEYS.scopedHandler)).json();
    expect({ ...foreign, detail: "", instance: "", details: {} }).toEqual({
      ...missing,
      detail: "",
      instance: "",
      details: {},
    });
  });

  it("a scoped key cannot create records for another insurer", async () => {
    const response = await send(
      "POST",
      "/v1/claims",
      KEYS.scopedHandler,
      registerClaim("C-X", "P-1", OTHER_INSURER),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("auth.insurer_forbidden");
  });
});
