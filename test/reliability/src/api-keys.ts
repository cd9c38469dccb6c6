import type { ApiKeyConfig } from "@claimstream/api";
import type { Role } from "@claimstream/domain";

/** The two insurers whose data must never mix. */
export const INSURERS = ["pacific-mutual", "north-star"] as const;
/** One of {@link INSURERS}. */
export type Insurer = (typeof INSURERS)[number];

/** Every role of the permission table. */
export const ROLES: readonly Role[] = [
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

/** The secret of the key of `role` scoped to `insurer` (never logged: the log check greps it). */
export const scopedKey = (role: Role, insurer: Insurer): string =>
  `rel-secret-${role}-${insurer}-7f3a9c`;

/** The actor id the API records for {@link scopedKey}. */
export const scopedKeyId = (role: Role, insurer: Insurer): string => `${role}.${insurer}`;

/** An unscoped admin key, for setting up data. */
export const ADMIN_KEY = "rel-secret-admin-all-insurers-51d0e2";

/** Every key of the suite: one per role and insurer, and the unscoped admin. */
export const RELIABILITY_KEYS: readonly ApiKeyConfig[] = [
  { key: ADMIN_KEY, role: "admin", insurerId: null, id: "admin-all" },
  ...ROLES.flatMap((role) =>
    INSURERS.map((insurer) => ({
      key: scopedKey(role, insurer),
      role,
      insurerId: insurer,
      id: scopedKeyId(role, insurer),
    })),
  ),
];
