import { claimStreamId, STREAM_CATEGORIES } from "@claimstream/domain";
import type { EventData, PersonalDataRegistry, SubjectContext } from "@claimstream/eventstore";

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

const firstEventData = async (
  streamId: string,
  readStream: SubjectContext["readStream"],
): Promise<EventData | undefined> => {
  for await (const event of readStream(streamId, { maxCount: 1 })) return event.data;
  return undefined;
};

const REPAIR_ORDER_STREAM = `${STREAM_CATEGORIES.repairOrder}-`;

// A handover act names only who signed it: the repair order's first event names its claim, and
// the claim's first event names the policy, whose holder (or their representative) signed.
const byRepairOrderPolicy = async (
  _data: EventData,
  { streamId, readStream }: SubjectContext,
): Promise<string | undefined> => {
  if (!streamId.startsWith(REPAIR_ORDER_STREAM)) return undefined;
  const claimId = text((await firstEventData(streamId, readStream))?.claimId);
  if (claimId === undefined) return undefined;
  const registered = await firstEventData(claimStreamId(claimId), readStream);
  return registered === undefined ? undefined : byPolicy(registered);
};

/**
 * The events whose fields are personal data, encrypted with the policyholder's key at rest
 * (ADR 0003): the policy's holder, the claim's reporter (the holder or someone acting for them),
 * a payout's policyholder payee, and who signed for the vehicle at a repair order's handover
 * (found through the repair order's claim). Forgetting `policyholder-<policyId>` erases all four.
 * A handover on a repair order whose claim is not in the store has no subject and stays in clear.
 */
export const PERSONAL_DATA: PersonalDataRegistry = {
  PolicyIssued: { subjectId: byPolicy, fields: ["holder"] },
  ClaimRegistered: { subjectId: byPolicy, fields: ["reporter"] },
  PayoutRequested: { subjectId: byPolicyholderPayee, fields: ["payee"] },
  VehicleHandedOver: { subjectId: byRepairOrderPolicy, fields: ["signedBy"] },
};
