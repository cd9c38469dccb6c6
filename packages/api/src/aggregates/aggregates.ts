import {
  ClaimCommandSchema,
  type ClaimDeciderConfig,
  claimStreamId,
  createClaimDecider,
  createPayoutDecider,
  DEFAULT_CLAIM_CONFIG,
  DEFAULT_PAYOUT_CONFIG,
  PayoutCommandSchema,
  type PayoutDeciderConfig,
  PolicyCommandSchema,
  payoutStreamId,
  policyDecider,
  policyStreamId,
  RepairOrderCommandSchema,
  repairOrderDecider,
  repairOrderStreamId,
} from "@claimstream/domain";
import { type Aggregate, type AggregateName, defineAggregate } from "./aggregate.js";

/** The four aggregates, looked up by name or URL collection. */
export interface AggregateRegistry {
  readonly all: readonly Aggregate[];
  byName(name: AggregateName): Aggregate;
  byCollection(collection: string): Aggregate | undefined;
  /** The aggregate of a stream id (`claim-C-1` → claim), with the aggregate id. */
  byStreamId(streamId: string): { readonly aggregate: Aggregate; readonly id: string } | undefined;
}

/** Decider configuration the composition root may choose (per insurer contract, say). */
export interface DeciderConfigs {
  readonly claim: ClaimDeciderConfig;
  readonly payout: PayoutDeciderConfig;
}

/** The domain's default decider configuration. */
export const DEFAULT_DECIDER_CONFIGS: DeciderConfigs = {
  claim: DEFAULT_CLAIM_CONFIG,
  payout: DEFAULT_PAYOUT_CONFIG,
};

const policy = defineAggregate({
  name: "policy",
  collection: "policies",
  label: "Policy",
  idField: "policyId",
  notFoundCode: "policy.not_found",
  readPermission: "policies.read",
  decider: policyDecider,
  commandSchema: PolicyCommandSchema,
  streamId: policyStreamId,
  permissions: {},
  defaultPermission: "policies.write",
});

const repairOrder = defineAggregate({
  name: "repair-order",
  collection: "repair-orders",
  label: "Repair order",
  idField: "repairOrderId",
  notFoundCode: "repair_order.not_found",
  readPermission: "repair_orders.read",
  decider: repairOrderDecider,
  commandSchema: RepairOrderCommandSchema,
  streamId: repairOrderStreamId,
  permissions: {},
  defaultPermission: "repair_orders.write",
  references: { OpenRepairOrder: { claimId: "claim" } },
});

const claimWith = (config: ClaimDeciderConfig) =>
  defineAggregate({
    name: "claim",
    collection: "claims",
    label: "Claim",
    idField: "claimId",
    notFoundCode: "claim.not_found",
    readPermission: "claims.read",
    decider: createClaimDecider(config),
    commandSchema: ClaimCommandSchema,
    streamId: claimStreamId,
    permissions: { RegisterClaim: "claims.create" },
    defaultPermission: "claims.write",
    references: { RegisterClaim: { policyId: "policy" }, RecordRecovery: { payoutId: "payout" } },
    systemCommands: [
      "RecordPayment",
      "ReversePayment",
      "CommitPayout",
      "ApprovePayoutCommitment",
      "ReleasePayoutCommitment",
    ],
  });

const payoutWith = (config: PayoutDeciderConfig) =>
  defineAggregate({
    name: "payout",
    collection: "payouts",
    label: "Payout",
    idField: "payoutId",
    notFoundCode: "payout.not_found",
    readPermission: "payouts.read",
    decider: createPayoutDecider(config),
    commandSchema: PayoutCommandSchema,
    streamId: payoutStreamId,
    permissions: {
      RequestPayout: "payouts.request",
      ApprovePayout: "payouts.approve",
      RejectPayout: "payouts.approve",
    },
    defaultPermission: "payouts.issue",
    references: { RequestPayout: { claimId: "claim" } },
    actorFields: {
      RequestPayout: { requestedBy: "id" },
      ApprovePayout: { approverId: "id", approverRole: "role" },
      RejectPayout: { rejectedBy: "id" },
    },
  });

/**
 * Builds the registry of the four aggregates with the given decider configuration.
 *
 * @example
 * ```ts
 * const aggregates = createAggregateRegistry();
 * aggregates.byCollection("claims")?.streamId("C-1"); // "claim-C-1"
 * ```
 */
export const createAggregateRegistry = (
  configs: DeciderConfigs = DEFAULT_DECIDER_CONFIGS,
): AggregateRegistry => {
  const all = [policy, claimWith(configs.claim), repairOrder, payoutWith(configs.payout)];
  const byName = new Map(all.map((aggregate) => [aggregate.name, aggregate] as const));
  // Longest prefix first, so `repair-order-7` is not read as some `repair-…` stream.
  const byPrefix = [...all].sort((a, b) => b.name.length - a.name.length);
  return {
    all,
    byName: (name) => byName.get(name) as Aggregate,
    byCollection: (collection) => all.find((aggregate) => aggregate.collection === collection),
    byStreamId: (streamId) => {
      const aggregate = byPrefix.find((candidate) => streamId.startsWith(`${candidate.name}-`));
      const id = aggregate === undefined ? "" : streamId.slice(aggregate.name.length + 1);
      return aggregate === undefined || id === "" ? undefined : { aggregate, id };
    },
  };
};
