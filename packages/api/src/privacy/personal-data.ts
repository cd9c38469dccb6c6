import type { EventData, PersonalDataRegistry } from "@claimstream/eventstore";

const SUBJECT_PREFIX = "policyholder-";

/**
 * The crypto-shredding subject of a policyholder: `policyholder-<policyId>`. The API knows a
 * policyholder by their policy only (the process manager pays them as payee id = policy id).
 *
 * @example
 * ```ts
 * policyholderSubject("P-1"); // "policyholder-P-1"
 * ```
 */
export const policyholderSubject = (policyId: string): string => `${SUBJECT_PREFIX}${policyId}`;

/** The policy id of a {@link policyholderSubject}, or `undefined` for any other subject. */
export const policyOfSubject = (subjectId: string): string | undefined =>
  subjectId.startsWith(SUBJECT_PREFIX) && subjectId.length > SUBJECT_PREFIX.length
    ? subjectId.slice(SUBJECT_PREFIX.length)
    : undefined;

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

const byPolicy = (data: EventData): string | undefined => {
  const policyId = text(data.policyId);
  return policyId === undefined ? undefined : policyholderSubject(policyId);
};

// A payout to a shop pays a business, not a person: only policyholder payees are personal.
const byPolicyholderPayee = (data: EventData): string | undefined => {
  const payee = data.payee as { kind?: unknown; id?: unknown } | undefined;
  const id = payee?.kind === "policyholder" ? text(payee.id) : undefined;
  return id === undefined ? undefined : policyholderSubject(id);
};

/**
 * The events whose fields are personal data, encrypted with the policyholder's key at rest
 * (ADR 0003): the policy's holder, the claim's reporter (the holder or someone acting for them)
 * and a payout's policyholder payee. Forgetting `policyholder-<policyId>` erases all three.
 * `VehicleHandedOver.signedBy` names no policy, so it stays outside this registry.
 */
export const PERSONAL_DATA: PersonalDataRegistry = {
  PolicyIssued: { subjectId: byPolicy, fields: ["holder"] },
  ClaimRegistered: { subjectId: byPolicy, fields: ["reporter"] },
  PayoutRequested: { subjectId: byPolicyholderPayee, fields: ["payee"] },
};
