import { CostTypeSchema, JurisdictionSchema, LineOfBusinessSchema } from "@claimstream/domain";
import {
  listPayouts,
  listPolicies,
  listRepairOrders,
  type Page,
  type PayoutListStatus,
  type PolicyListStatus,
  type RepairOrderListStatus,
} from "@claimstream/projections";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import { z } from "zod";
import { defined, listParam } from "../analytics/analytics-endpoint.js";
import { principalOf } from "../auth/auth-plugin.js";
import type { Permission } from "../auth/permissions.js";
import { insurerScope } from "../http/insurer-scope.js";
import { type JsonSchema, jsonSchemaOf, problemResponses } from "../http/json-schema.js";
import {
  parseQuery,
  requireReadModels,
  runQuery,
  sendRowsOrJson,
} from "../http/read-model-query.js";
import { API_PREFIX } from "./api-prefix.js";
import { SECURED } from "./route-docs.js";

/** One `GET /v1/{collection}` list route over a read model's list query, type-erased. */
export interface RecordList {
  readonly collection: string;
  readonly operationId: string;
  readonly summary: string;
  /** The OpenAPI tag, shared with the collection's other routes. */
  readonly tag: string;
  /** The permission of the collection's `GET /v1/{collection}/{id}`. */
  readonly permission: Permission;
  /** Query parameters (strings on the wire) with `insurerId`; also documents them. */
  readonly query: z.ZodType;
  /** Runs the read-model query with the parsed filters (less `insurerId`) and the scope. */
  run(db: Kysely<unknown>, filters: unknown, insurerId: string | undefined): Promise<Page<object>>;
}

/**
 * Declares a list route with typed query parameters.
 *
 * @example
 * ```ts
 * const payouts = defineRecordList({
 *   collection: "payouts", operationId: "listPayouts", summary: "Payouts", tag: "Payouts",
 *   permission: "payouts.read", query: z.object({ insurerId: IdParam, claimId: IdParam }),
 *   run: (db, filters, insurerId) => listPayouts(db, defined({ ...filters, insurerId })),
 * });
 * ```
 */
export const defineRecordList = <Q extends z.ZodType<{ readonly insurerId?: string }>>(list: {
  readonly collection: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly permission: Permission;
  readonly query: Q;
  run(
    db: Kysely<unknown>,
    filters: Omit<z.output<Q>, "insurerId">,
    insurerId: string | undefined,
  ): Promise<Page<object>>;
}): RecordList => list as unknown as RecordList;

const IdParam = z.string().min(1).max(100).optional();
const PAGE_PARAMS = {
  insurerId: IdParam,
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(500).optional(),
};

/** A `status` list parameter: no statuses asked means every status. */
const anyOf = <T>(values: readonly T[]): readonly T[] | undefined =>
  values.length === 0 ? undefined : values;

const POLICY_STATUSES = ["issued", "cancelled"] as const satisfies readonly PolicyListStatus[];
const REPAIR_ORDER_STATUSES = [
  "opened",
  "vehicle_received",
  "diagnosed",
  "estimated",
  "in_repair",
  "waiting_parts",
  "completed",
  "handed_over",
  "invoiced",
  "cancelled",
] as const satisfies readonly RepairOrderListStatus[];
const PAYOUT_STATUSES = [
  "requested",
  "approved",
  "rejected",
  "issued",
  "failed",
  "voided",
] as const satisfies readonly PayoutListStatus[];

const policies = defineRecordList({
  collection: "policies",
  operationId: "listPolicies",
  summary: "Policies, filtered, with cursor pagination (from the policies-list read model)",
  tag: "Policies",
  permission: "policies.read",
  query: z.object({
    ...PAGE_PARAMS,
    status: listParam(POLICY_STATUSES, []),
    line: LineOfBusinessSchema.optional(),
    jurisdiction: JurisdictionSchema.optional(),
  }),
  run: (db, { status, ...filters }, insurerId) =>
    listPolicies(db, defined({ ...filters, insurerId, status: anyOf(status) })),
});

const repairOrders = defineRecordList({
  collection: "repair-orders",
  operationId: "listRepairOrders",
  summary:
    "Repair orders, filtered, with cursor pagination (from the repair-orders-list read model)",
  tag: "Repair orders",
  permission: "repair_orders.read",
  query: z.object({
    ...PAGE_PARAMS,
    status: listParam(REPAIR_ORDER_STATUSES, []),
    shopId: IdParam,
    claimId: IdParam,
  }),
  run: (db, { status, ...filters }, insurerId) =>
    listRepairOrders(db, defined({ ...filters, insurerId, status: anyOf(status) })),
});

const payouts = defineRecordList({
  collection: "payouts",
  operationId: "listPayouts",
  summary: "Payouts, filtered, with cursor pagination (from the payouts-list read model)",
  tag: "Payouts",
  permission: "payouts.read",
  query: z.object({
    ...PAGE_PARAMS,
    status: listParam(PAYOUT_STATUSES, []),
    claimId: IdParam,
    payeeKind: z.enum(["policyholder", "shop"]).optional(),
    costType: CostTypeSchema.optional(),
  }),
  run: (db, { status, ...filters }, insurerId) =>
    listPayouts(db, defined({ ...filters, insurerId, status: anyOf(status) })),
});

/** The list routes the API serves: policies, repair orders, payouts. */
export const RECORD_LISTS: readonly RecordList[] = [policies, repairOrders, payouts];

/** A page of records, or its items as CSV. */
const PAGE_OR_CSV: JsonSchema = {
  description:
    "A page: `items` and `nextCursor` (`null` on the last page); `Accept: text/csv` for the items as CSV",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["items", "nextCursor"],
        properties: {
          items: { type: "array", items: { type: "object", additionalProperties: true } },
          nextCursor: { type: ["string", "null"], description: "Pass back as `cursor`" },
        },
      },
    },
    "text/csv": { schema: { type: "string" } },
  },
};

export interface RecordListRoutesOptions {
  readonly readModels: Kysely<unknown> | null;
  /** The lists to serve; {@link RECORD_LISTS} by default (tests pass their own). */
  readonly lists?: readonly RecordList[];
}

/**
 * `GET /v1/policies`, `GET /v1/repair-orders`, `GET /v1/payouts`: records from their list read
 * models, newest first, filtered (`status` comma-separated, and each list's own filters), one
 * page at a time (`nextCursor` → `cursor`; an unknown cursor answers 400). Each needs the
 * permission of its collection's `GET /v1/{collection}/{id}` and is limited to the key's
 * insurer; JSON or CSV (`Accept: text/csv`). Without PostgreSQL they answer 503.
 */
export const recordListRoutes = fp<RecordListRoutesOptions>(
  async (app, options) => {
    for (const list of options.lists ?? RECORD_LISTS) {
      app.get(
        `${API_PREFIX}/${list.collection}`,
        {
          config: { access: [list.permission] },
          schema: {
            operationId: list.operationId,
            summary: list.summary,
            tags: [list.tag],
            security: SECURED,
            querystring: jsonSchemaOf(list.query),
            response: { 200: PAGE_OR_CSV, ...problemResponses(400, 401, 403, 503) },
          },
        },
        async (request, reply) => {
          const db = requireReadModels(options.readModels);
          const { insurerId, ...filters } = parseQuery(list.query, request.query) as {
            readonly insurerId?: string;
          };
          const scope = insurerScope(principalOf(request), insurerId);
          const page = await runQuery(() => list.run(db, filters, scope));
          return sendRowsOrJson(request, reply, page.items, page);
        },
      );
    }
  },
  { name: "claimstream-record-list-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
