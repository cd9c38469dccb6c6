import type { Principal } from "../auth/principal.js";
import { HttpProblem } from "./problem.js";

/**
 * The insurer a read-model query is limited to: the key's insurer when it has one (asking for
 * another answers 403 `auth.insurer_forbidden`), else the one asked for (or every insurer).
 *
 * @example
 * ```ts
 * insurerScope({ id: "k", role: "analyst", insurerId: "pm" }, undefined); // "pm"
 * ```
 */
export const insurerScope = (
  principal: Principal,
  asked: string | undefined,
): string | undefined => {
  if (principal.insurerId === null) return asked;
  if (asked !== undefined && asked !== principal.insurerId) {
    throw HttpProblem.of(
      "auth.insurer_forbidden",
      `This key reads insurer ${principal.insurerId} only`,
    );
  }
  return principal.insurerId;
};
