import {
  type Aggregate,
  createAggregateRegistry,
  hasPermission,
  type Permission,
} from "@claimstream/api";
import type { Role } from "@claimstream/domain";
import type { Insurer } from "./api-keys.js";
import {
  cny,
  issuePolicy,
  openRepairOrder,
  registerClaim,
  requestPayout,
  setReserve,
} from "./claim-commands.js";

/** One request of the matrix: a route called by `role` scoped to `keyInsurer` on `target`'s data. */
export interface MatrixCase {
  readonly route: string;
  readonly role: Role;
  readonly keyInsurer: Insurer;
  readonly target: Insurer;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly body?: object;
  /** What must come back: `ok` (2xx, or a domain 409/422 on a write), `forbidden` (403 auth.*), `hidden` (404). */
  readonly expect: "ok" | "forbidden" | "hidden" | "insurer_forbidden";
  readonly writes: boolean;
}

/** The ids of the records each insurer owns in the matrix. */
export const recordsOf = (insurer: Insurer) => ({
  policy: `P-ISO-${insurer}`,
  claim: `C-ISO-${insurer}`,
  "repair-order": `RO-ISO-${insurer}`,
  payout: `PO-ISO-${insurer}`,
  forgettable: `P-FORGET-${insurer}`,
});

let fresh = 0;
const nextNumber = (): number => {
  fresh += 1;
  return fresh;
};
const freshId = (prefix: string) => `${prefix}-NEW-${nextNumber()}`;

const createBody = (aggregate: Aggregate, target: Insurer): object => {
  const { policy, claim } = recordsOf(target);
  switch (aggregate.name) {
    case "policy":
      return issuePolicy(freshId("P"), target);
    case "claim":
      return registerClaim(freshId("C"), policy, target);
    case "repair-order":
      return openRepairOrder(freshId("RO"), claim, target);
    default:
      return requestPayout(freshId("PO"), claim, target, policy);
  }
};

const COMMANDS: Readonly<Record<string, () => object>> = {
  policy: () => ({
    type: "EndorsePolicy",
    occurredAt: "2026-03-01T09:00:00.000Z",
    effectiveDate: "2026-06-01",
    changes: { sumInsured: cny(20_000_000 + nextNumber()) },
  }),
  claim: () => setReserve(500_000 + nextNumber()),
  "repair-order": () => ({
    type: "ReceiveVehicle",
    occurredAt: "2026-03-03T10:00:00.000Z",
    mileage: 1,
    photos: [],
  }),
  payout: () => ({ type: "ApprovePayout", occurredAt: "2026-03-09T10:00:00.000Z" }),
};

const expectation = (
  role: Role,
  needs: readonly Permission[],
  crossTenant: boolean,
  whenCross: MatrixCase["expect"],
): MatrixCase["expect"] => {
  if (!needs.every((permission) => hasPermission(role, permission))) return "forbidden";
  return crossTenant ? whenCross : "ok";
};

type Builder = (
  role: Role,
  keyInsurer: Insurer,
  target: Insurer,
) => Omit<MatrixCase, "role" | "keyInsurer" | "target">;

const aggregateRoutes = (aggregate: Aggregate): [string, Builder][] => {
  const base = `/v1/${aggregate.collection}`;
  const idOf = (target: Insurer) => recordsOf(target)[aggregate.name];
  const read = (suffix: string, needs: readonly Permission[]): [string, Builder] => [
    `GET ${base}/{id}${suffix}`,
    (role, key, target) => ({
      route: "",
      method: "GET",
      path: `${base}/${idOf(target)}${suffix}`,
      expect: expectation(role, needs, key !== target, "hidden"),
      writes: false,
    }),
  ];
  const commandType = (COMMANDS[aggregate.name] as () => { type: string })().type;
  return [
    [
      `POST ${base}`,
      (role, key, target) => ({
        route: "",
        method: "POST",
        path: base,
        body: createBody(aggregate, target),
        expect: expectation(
          role,
          [aggregate.permissionOf(aggregate.createCommandType)],
          key !== target,
          "insurer_forbidden",
        ),
        writes: true,
      }),
    ],
    [
      `POST ${base}/{id}/commands`,
      (role, key, target) => ({
        route: "",
        method: "POST",
        path: `${base}/${idOf(target)}/commands`,
        body: (COMMANDS[aggregate.name] as () => object)(),
        expect: expectation(role, [aggregate.permissionOf(commandType)], key !== target, "hidden"),
        writes: true,
      }),
    ],
    read("", [aggregate.readPermission]),
    read("/history", ["audit.read", aggregate.readPermission]),
    read("/state", ["audit.read", aggregate.readPermission]),
    read("/verify", ["audit.read", aggregate.readPermission]),
  ];
};

const scopedRead =
  (path: string, needs: Permission): Builder =>
  (role, key, target) => ({
    route: "",
    method: "GET",
    path: key === target ? path : `${path}${path.includes("?") ? "&" : "?"}insurerId=${target}`,
    expect: expectation(role, [needs], key !== target, "insurer_forbidden"),
    writes: false,
  });

const adminOnly =
  (
    method: "GET" | "POST",
    path: (target: Insurer) => string,
    cross: MatrixCase["expect"],
  ): Builder =>
  (role, key, target) => ({
    route: "",
    method,
    path: path(target),
    expect: expectation(role, ["operations.admin"], key !== target, cross),
    writes: false,
  });

/** What managing webhooks needs (the routes' `access`). */
const WEBHOOK_ACCESS: readonly Permission[] = ["webhooks.manage", "events.read"];

/**
 * Webhook management: a webhook takes the creating key's insurer, whatever the body says, so a
 * create is allowed (or forbidden) by role alone; another insurer's webhook reads as missing.
 * The created webhooks subscribe to a type the matrix never writes and point at a closed port.
 */
const webhookRoutes = (webhookOf: (insurer: Insurer) => string): [string, Builder][] => {
  const item =
    (method: "GET" | "POST", suffix: string, body?: object): Builder =>
    (role, key, target) => ({
      route: "",
      method,
      path: `/v1/webhooks/${webhookOf(target)}${suffix}`,
      ...(body === undefined ? {} : { body }),
      expect: expectation(role, WEBHOOK_ACCESS, key !== target, "hidden"),
      writes: false,
    });
  const collection =
    (method: "GET" | "POST", body?: object): Builder =>
    (role) => ({
      route: "",
      method,
      path: "/v1/webhooks",
      ...(body === undefined ? {} : { body }),
      expect: expectation(role, WEBHOOK_ACCESS, false, "ok"),
      writes: false,
    });
  return [
    ["POST /v1/webhooks", collection("POST", MATRIX_WEBHOOK)],
    ["GET /v1/webhooks", collection("GET")],
    ["GET /v1/webhooks/{id}", item("GET", "")],
    ["GET /v1/webhooks/{id}/deliveries", item("GET", "/deliveries")],
    ["GET /v1/webhooks/{id}/dead-letters", item("GET", "/dead-letters")],
    ["POST /v1/webhooks/{id}/dead-letters/redeliver", item("POST", "/dead-letters/redeliver", {})],
  ];
};

/** The body of the webhooks the matrix creates: nothing it writes is ever delivered. */
export const MATRIX_WEBHOOK = {
  url: "http://127.0.0.1:9/matrix",
  secret: "matrix-secret-0123456789",
  types: ["PolicyCancelled"],
  description: "route matrix",
} as const;

/**
 * The matrix's route table, keyed `METHOD /path/{template}` as the OpenAPI document names
 * them: how to call each route for a target insurer and what a role scoped to an insurer must
 * get back; `webhookOf` names the webhook each insurer's integrator made. Routes of the document
 * missing here are reported as outside the matrix.
 */
export const routeTable = (webhookOf: (insurer: Insurer) => string): Map<string, Builder> => {
  const aggregates = createAggregateRegistry().all;
  const table = new Map<string, Builder>([
    ...aggregates.flatMap(aggregateRoutes),
    ...webhookRoutes(webhookOf),
  ]);
  // Lists read the read models, limited to the key's insurer (the claims list and the others).
  for (const aggregate of aggregates)
    table.set(
      `GET /v1/${aggregate.collection}`,
      scopedRead(`/v1/${aggregate.collection}?limit=500`, aggregate.readPermission),
    );
  table.set(
    "GET /v1/projections",
    adminOnly("GET", () => "/v1/projections", "ok"),
  );
  // Rebuilding shared read models affects every insurer: no key scoped to one may do it.
  const rebuild = adminOnly("POST", () => "/v1/projections/customer/rebuild", "ok");
  table.set("POST /v1/projections/{name}/rebuild", (role, key, target) => {
    const built = rebuild(role, key, target);
    return built.expect === "ok" ? { ...built, expect: "insurer_forbidden" } : built;
  });
  table.set(
    "POST /v1/subjects/{id}/forget",
    adminOnly(
      "POST",
      (target) => `/v1/subjects/policyholder-${recordsOf(target).forgettable}/forget`,
      "hidden",
    ),
  );
  // The event feed takes no insurer parameter: a scoped key always gets its own insurer's feed.
  table.set("GET /v1/events", (role) => ({
    route: "",
    method: "GET",
    path: "/v1/events?limit=500",
    expect: expectation(role, ["events.read" as Permission], false, "ok"),
    writes: false,
  }));
  return table;
};

/** Analytics routes all read the same way. */
export const analyticsBuilder = (path: string): Builder => scopedRead(path, "analytics.read");
