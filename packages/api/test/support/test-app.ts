import { MemoryEventStore } from "@claimstream/eventstore";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { type Clock, fixedClock } from "../../src/clock.js";
import { type Application, composeApplication } from "../../src/composition-root.js";
import { type ApiKeyConfig, loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { issuePolicy } from "./fixtures.js";

/** One key per role, plus keys scoped to an insurer. */
export const KEYS = {
  admin: "test-admin-key-0001",
  handler: "test-handler-key-0001",
  adjuster: "test-adjuster-key-001",
  finance: "test-finance-key-0001",
  finance_manager: "test-finmgr-key-00001",
  analyst: "test-analyst-key-0001",
  auditor: "test-auditor-key-0001",
  integrator: "test-integrator-key-1",
  shop: "test-shop-key-0000001",
  scopedHandler: "test-scoped-handler-1",
  otherScopedHandler: "test-scoped-handler-2",
  scopedIntegrator: "test-scoped-integrator-1",
  otherScopedIntegrator: "test-scoped-integrator-2",
  scopedAdmin: "test-scoped-admin-00001",
} as const;

export const TEST_KEYS: readonly ApiKeyConfig[] = [
  { key: KEYS.admin, role: "admin", insurerId: null, id: "admin-1" },
  { key: KEYS.scopedAdmin, role: "admin", insurerId: "pacific-mutual", id: "pm-admin" },
  { key: KEYS.handler, role: "handler", insurerId: null, id: "handler-1" },
  { key: KEYS.adjuster, role: "adjuster", insurerId: null, id: "adjuster-1" },
  { key: KEYS.finance, role: "finance", insurerId: null, id: "finance-1" },
  { key: KEYS.finance_manager, role: "finance_manager", insurerId: null, id: "finmgr-1" },
  { key: KEYS.analyst, role: "analyst", insurerId: null, id: "analyst-1" },
  { key: KEYS.auditor, role: "auditor", insurerId: null, id: "auditor-1" },
  { key: KEYS.integrator, role: "integrator", insurerId: null, id: "integrator-1" },
  { key: KEYS.shop, role: "shop", insurerId: null, id: "shop-1" },
  { key: KEYS.scopedHandler, role: "handler", insurerId: "pacific-mutual", id: "pm-handler" },
  { key: KEYS.otherScopedHandler, role: "handler", insurerId: "north-star", id: "ns-handler" },
  {
    key: KEYS.scopedIntegrator,
    role: "integrator",
    insurerId: "pacific-mutual",
    id: "pm-integrator",
  },
  {
    key: KEYS.otherScopedIntegrator,
    role: "integrator",
    insurerId: "north-star",
    id: "ns-integrator",
  },
];

/** A server on an in-memory store, with a fixed clock and every test key. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly application: Application;
  readonly store: MemoryEventStore;
  close(): Promise<void>;
}

/** Builds a {@link TestApp}; pass a store to share or break it. */
export const createTestApp = async (
  options: {
    readonly clock?: Clock;
    readonly store?: MemoryEventStore;
    readonly env?: Record<string, string>;
  } = {},
): Promise<TestApp> => {
  const store = options.store ?? new MemoryEventStore();
  const config = loadConfig({
    LOG_LEVEL: "silent",
    CLAIMSTREAM_RATE_LIMIT: "0",
    CLAIMSTREAM_AUTH_FAILURE_LIMIT: "0",
    ...options.env,
  });
  const application = await composeApplication(config, {
    store,
    clock: options.clock ?? fixedClock("2026-03-20T12:00:00.000Z"),
    logger: pino({ level: "silent" }),
    apiKeys: TEST_KEYS,
    defaultMetrics: false,
  });
  const app = await buildServer(application);
  await app.ready();
  return {
    app,
    application,
    store,
    close: async () => {
      await app.close();
      await application.close();
    },
  };
};

/** Headers carrying a key. */
export const auth = (key: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...extra,
});

/** How many events the store holds, over every stream. */
export const eventCount = async (store: MemoryEventStore): Promise<number> => {
  let count = 0;
  for await (const _event of store.readAll()) count += 1;
  return count;
};

/**
 * Issues the policies a test's claims refer to (as the unscoped admin): a claim may only be
 * registered on an existing policy of its own insurer.
 */
export const issuePolicies = async (
  t: TestApp,
  ...policies: readonly (readonly [policyId: string, insurerId?: string])[]
): Promise<void> => {
  for (const [policyId, insurerId] of policies) {
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/policies",
      payload: issuePolicy(policyId, insurerId),
      headers: auth(KEYS.admin),
    });
    if (response.statusCode !== 201) throw new Error(`policy ${policyId}: ${response.body}`);
  }
};
