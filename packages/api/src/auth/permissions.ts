import type { Role } from "@claimstream/domain";

/** What a route or a command needs the caller's role to allow. */
export const PERMISSIONS = [
  "policies.read",
  "policies.write",
  "claims.read",
  "claims.create",
  "claims.write",
  "repair_orders.read",
  "repair_orders.write",
  "payouts.read",
  "payouts.request",
  "payouts.approve",
  "payouts.issue",
  "audit.read",
  "analytics.read",
  "operations.admin",
  "events.read",
  "webhooks.manage",
] as const;

/** One permission of {@link PERMISSIONS}. */
export type Permission = (typeof PERMISSIONS)[number];

const READ_RECORDS: readonly Permission[] = [
  "policies.read",
  "claims.read",
  "repair_orders.read",
  "payouts.read",
];
const PAYOUT_FINANCE: readonly Permission[] = [
  "claims.read",
  "payouts.read",
  "payouts.approve",
  "payouts.issue",
];

/**
 * The role × permission table (documented in docs/api.md). An admin may do everything; every
 * other role gets what its job needs: analysts read analytics only, auditors read records and
 * their history and the event stream, finance approves and issues payouts, integrators feed
 * policies and claims, read the event stream and manage webhooks, shops work their repair orders.
 * `events.read` covers every category of the key's insurer (the stream is the insurer's feed).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  handler: [
    "policies.read",
    "claims.read",
    "claims.create",
    "claims.write",
    "repair_orders.read",
    "payouts.read",
    "payouts.request",
    "audit.read",
  ],
  adjuster: ["policies.read", "claims.read", "claims.write", "repair_orders.read"],
  finance: PAYOUT_FINANCE,
  finance_manager: PAYOUT_FINANCE,
  analyst: ["analytics.read"],
  auditor: [...READ_RECORDS, "audit.read", "events.read"],
  integrator: [
    "policies.read",
    "policies.write",
    "claims.read",
    "claims.create",
    "audit.read",
    "events.read",
    "webhooks.manage",
  ],
  shop: ["repair_orders.read", "repair_orders.write"],
};

/**
 * Does `role` hold `permission`?
 *
 * @example
 * ```ts
 * hasPermission("analyst", "claims.read"); // false
 * hasPermission("finance", "payouts.approve"); // true
 * ```
 */
export const hasPermission = (role: Role, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);
