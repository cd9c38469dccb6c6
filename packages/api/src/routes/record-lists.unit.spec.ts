import type { Page } from "@claimstream/projections";
import Fastify, { type FastifyInstance } from "fastify";
import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auth, createTestApp, KEYS, TEST_KEYS, type TestApp } from "../../test/support/test-app.js";
import { ApiKeyRegistry } from "../auth/api-keys.js";
import { authPlugin } from "../auth/auth-plugin.js";
import { errorHandlerPlugin } from "../http/error-handler.js";
import {
  defineRecordList,
  type RecordListRoutesOptions,
  recordListRoutes,
} from "./record-lists.js";

const COLLECTIONS = ["policies", "repair-orders", "payouts"] as const;

describe("record list routes on the composed server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string, key?: string) =>
    t.app.inject({ method: "GET", url, headers: key === undefined ? {} : auth(key) });

  it.each(COLLECTIONS)("GET /v1/%s needs a key and answers 503 without PostgreSQL", async (c) => {
    expect((await get(`/v1/${c}`)).statusCode).toBe(401);
    const response = await get(`/v1/${c}`, KEYS.admin);
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe("infrastructure.unavailable");
  });

  it.each(COLLECTIONS)(
    "GET /v1/%s lets in exactly the roles that may read one record",
    async (c) => {
      const unscoped = TEST_KEYS.filter((key) => key.insurerId === null);
      for (const { key, role } of unscoped) {
        const one = await get(`/v1/${c}/X-1`, key);
        const list = await get(`/v1/${c}`, key);
        expect(list.statusCode === 403, role).toBe(one.statusCode === 403);
      }
      expect((await get(`/v1/${c}`, KEYS.analyst)).statusCode).toBe(403);
    },
  );

  it("documents each list with its filters in the OpenAPI document", async () => {
    const document = (await get("/openapi.json")).json() as {
      paths: Record<string, { get?: { operationId: string; parameters: { name: string }[] } }>;
    };
    const documented = (path: string) => ({
      operationId: document.paths[path]?.get?.operationId,
      parameters: document.paths[path]?.get?.parameters.map((p) => p.name).sort(),
    });
    const paging = ["cursor", "insurerId", "limit", "status"];
    expect(documented("/v1/policies")).toEqual({
      operationId: "listPolicies",
      parameters: [...paging, "jurisdiction", "line"].sort(),
    });
    expect(documented("/v1/repair-orders")).toEqual({
      operationId: "listRepairOrders",
      parameters: [...paging, "claimId", "shopId"].sort(),
    });
    expect(documented("/v1/payouts")).toEqual({
      operationId: "listPayouts",
      parameters: [...paging, "claimId", "costType", "payeeKind"].sort(),
    });
  });
});

/** A kysely that compiles PostgreSQL and answers no rows, keeping every query it ran. */
const capturingDb = () => {
  const queries: CompiledQuery[] = [];
  const db = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      if (event.level === "query") queries.push(event.query);
    },
  });
  return { db, queries };
};

/** Only what the list routes need: problem errors, API-key auth, the routes. */
const buildListApp = async (options: RecordListRoutesOptions): Promise<FastifyInstance> => {
  const app = Fastify();
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(errorHandlerPlugin, { bodyLimit: 1_048_576 });
  await app.register(authPlugin, { keys: new ApiKeyRegistry(TEST_KEYS) });
  await app.register(recordListRoutes, options);
  await app.ready();
  return app;
};

describe("record list routes over the read-model queries", () => {
  const { db, queries } = capturingDb();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildListApp({ readModels: db });
  });
  afterAll(() => app.close());

  /** Calls a list route and returns its answer and the query it ran. */
  const list = async (url: string, key: string) => {
    const before = queries.length;
    const response = await app.inject({ method: "GET", url, headers: auth(key) });
    const ran = queries.slice(before);
    return { response, sql: ran.at(-1)?.sql ?? "", parameters: ran.at(-1)?.parameters };
  };

  it("passes payout filters and the key's insurer to the payouts list", async () => {
    const url =
      "/v1/payouts?status=issued,voided&payeeKind=shop&costType=indemnity&claimId=C-1&limit=20";
    const { response, sql, parameters } = await list(url, KEYS.scopedHandler);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], nextCursor: null });
    expect(sql).toContain('from "rm_payouts_list"."payouts"');
    expect(parameters).toEqual([
      "pacific-mutual",
      "C-1",
      "issued",
      "voided",
      "shop",
      "indemnity",
      21,
    ]);
  });

  it("passes policy filters, and the insurer asked for by an unscoped key", async () => {
    const url = "/v1/policies?insurerId=north-star&line=motor_liability&jurisdiction=CN";
    const { response, sql, parameters } = await list(url, KEYS.auditor);
    expect(response.statusCode).toBe(200);
    expect(sql).toContain('from "rm_policies_list"."policies"');
    expect(parameters).toEqual(["north-star", "motor_liability", "CN", 51]);
  });

  it("passes repair order filters for a shop key, every insurer when none is asked", async () => {
    const url = "/v1/repair-orders?shopId=shop-7&status=in_repair,waiting_parts";
    const { response, sql, parameters } = await list(url, KEYS.shop);
    expect(response.statusCode).toBe(200);
    expect(sql).toContain('from "rm_repair_orders_list"."repair_orders"');
    expect(parameters).toEqual(["shop-7", "in_repair", "waiting_parts", 51]);
  });

  it("pages from a cursor the list issued", async () => {
    const cursor = Buffer.from(JSON.stringify(["2026-03-02T09:00:00.000000Z", "PAY-9"])).toString(
      "base64url",
    );
    const { response, parameters } = await list(`/v1/payouts?cursor=${cursor}`, KEYS.finance);
    expect(response.statusCode).toBe(200);
    expect(parameters).toEqual(["2026-03-02T09:00:00.000000Z", "PAY-9", 51]);
  });

  it("answers 400 for a cursor the list did not issue, running nothing", async () => {
    const { response, sql } = await list("/v1/repair-orders?cursor=not-ours", KEYS.admin);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("request.invalid_parameter");
    expect(sql).toBe("");
  });

  it.each([
    "/v1/policies?status=lapsed",
    "/v1/policies?jurisdiction=XX",
    "/v1/repair-orders?limit=0",
    "/v1/payouts?payeeKind=bank",
    "/v1/payouts?costType=legal",
  ])("answers 400 with the issues for a bad filter: %s", async (url) => {
    const { response, sql } = await list(url, KEYS.admin);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "request.invalid_parameter" });
    expect(response.json().issues.length).toBeGreaterThan(0);
    expect(sql).toBe("");
  });

  it("refuses a scoped key another insurer (403), and a role without the permission", async () => {
    const other = await list("/v1/payouts?insurerId=north-star", KEYS.scopedHandler);
    expect(other.response.statusCode).toBe(403);
    expect(other.response.json().code).toBe("auth.insurer_forbidden");
    const adjuster = await list("/v1/payouts", KEYS.adjuster);
    expect(adjuster.response.statusCode).toBe(403);
    expect(adjuster.response.json().code).toBe("auth.forbidden");
    expect(other.sql).toBe("");
  });
});

describe("record list routes as CSV", () => {
  const calls: { filters: unknown; insurerId: string | undefined }[] = [];
  const page: Page<object> = {
    items: [
      { payoutId: "PAY-1", amount: 500_000, payeeKind: "shop" },
      { payoutId: "PAY-2", amount: 30_000, payeeKind: null },
    ],
    nextCursor: "abc",
  };
  const stub = defineRecordList({
    collection: "payouts",
    operationId: "listPayouts",
    summary: "Payouts",
    tag: "Payouts",
    permission: "payouts.read",
    query: z.object({ insurerId: z.string().optional(), claimId: z.string().optional() }),
    run: async (_db, filters, insurerId) => {
      calls.push({ filters, insurerId });
      return page;
    },
  });
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildListApp({ readModels: capturingDb().db, lists: [stub] });
  });
  afterAll(() => app.close());

  it("answers the page's items as CSV with Accept: text/csv, and the page as JSON otherwise", async () => {
    const headers = auth(KEYS.scopedHandler, { accept: "text/csv" });
    const csv = await app.inject({ method: "GET", url: "/v1/payouts?claimId=C-1", headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.body).toBe("payoutId,amount,payeeKind\r\nPAY-1,500000,shop\r\nPAY-2,30000,\r\n");
    expect(calls).toEqual([{ filters: { claimId: "C-1" }, insurerId: "pacific-mutual" }]);
    const json = await app.inject({ method: "GET", url: "/v1/payouts", headers: auth(KEYS.admin) });
    expect(json.json()).toEqual(page);
  });
});
