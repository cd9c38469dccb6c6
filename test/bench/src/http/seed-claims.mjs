/** Claims created through the API itself before the HTTP measure: policy, FNOL, coverage. */
import { claimOpening } from "../workload/claim-story.mjs";

const [register, , , verify] = claimOpening;

const post = async (url, headers, path, body) => {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
};

const policyCommand = (policyId, snapshot) => {
  const { cancelledFrom: _cancelled, ...policy } = snapshot;
  return {
    type: "IssuePolicy",
    occurredAt: "2026-01-01T00:00:00.000Z",
    ...policy,
    policyId,
    policyNumber: `CN-${policyId}`,
    holder: { name: "Li Wei" },
    writtenPremium: { amount: 3_650_000, currency: "CNY" },
    region: "Shanghai",
  };
};

/** Creates claims `B0…B<count-1>` (each on its own policy) and verifies their coverage. */
export const seedClaims = async (url, headers, count) => {
  for (let i = 0; i < count; i += 1) {
    const policyId = `BP${i}`;
    const claimId = `B${i}`;
    await post(url, headers, "/v1/policies", policyCommand(policyId, verify.policy));
    const { schemaVersion: _v, ...fnol } = register;
    await post(url, headers, "/v1/claims", { ...fnol, claimId, policyId });
    const { schemaVersion: _w, ...coverage } = verify;
    await post(url, headers, `/v1/claims/${claimId}/commands`, {
      ...coverage,
      policy: { ...verify.policy, policyId },
    });
  }
};
