import { ADMIN_KEY } from "./api-keys.js";
import { claimStepsToSettlement, issuePolicy, registerClaim } from "./claim-commands.js";
import { send } from "./http-client.js";

/**
 * Creates a policy and a claim through the API (as the unscoped admin) and takes the claim to
 * its settlement: 8 claim events. Throws when the API refuses a step.
 *
 * @example
 * ```ts
 * await settledClaim(api.url, "C-7", "P-7", "north-star");
 * ```
 */
export const settledClaim = async (
  baseUrl: string,
  claimId: string,
  policyId: string,
  insurerId: string,
): Promise<void> => {
  const calls = [
    { method: "POST", path: "/v1/policies", body: issuePolicy(policyId, insurerId) },
    { method: "POST", path: "/v1/claims", body: registerClaim(claimId, policyId, insurerId) },
    ...claimStepsToSettlement.map((body) => ({
      method: "POST",
      path: `/v1/claims/${claimId}/commands`,
      body,
    })),
  ];
  for (const call of calls) {
    const answer = await send(baseUrl, { ...call, key: ADMIN_KEY });
    if (answer.status >= 300) throw new Error(`${call.path}: ${answer.status} ${answer.text}`);
  }
};
