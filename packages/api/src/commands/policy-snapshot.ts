import { type ClaimState, type PolicyState, toPolicySnapshot } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import type { Aggregate } from "../aggregates/aggregate.js";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import type { Principal } from "../auth/principal.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import type { CommandRejection } from "./command-rejection.js";

/** Command fields the API can fill when the caller leaves them out, by command type. */
export const LOADED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  VerifyCoverage: ["policy"],
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `VerifyCoverage`: loads the claim's policy and passes its snapshot with the terms in force on
 * the loss date (`toPolicySnapshot`). A `policy` the caller sent is never trusted: it is
 * replaced by the stored one, so coverage is always checked against the policy as recorded.
 * Data loading only: the coverage rules stay in the domain.
 *
 * @example
 * ```ts
 * const body = await withPolicySnapshot({ type: "VerifyCoverage" }, claim, "C-1", principal, reader, aggregates);
 * ```
 */
export const withPolicySnapshot = async (
  body: unknown,
  aggregate: Aggregate,
  claimId: string,
  principal: Principal,
  reader: AggregateReader,
  aggregates: AggregateRegistry,
): Promise<E.Either<CommandRejection, unknown>> => {
  if (aggregate.name !== "claim" || !isRecord(body) || body.type !== "VerifyCoverage") {
    return E.right(body);
  }
  const { policy: _untrusted, ...rest } = body;
  const claim = await reader.current(aggregate, claimId, principal);
  if (E.isLeft(claim)) return E.left({ kind: "domain", error: claim.left });
  const facts = (claim.right.state as ClaimState).facts;
  if (facts === null) return E.right(rest);
  const policy = await reader.current(aggregates.byName("policy"), facts.policyId, principal);
  if (E.isLeft(policy)) return E.left({ kind: "domain", error: policy.left });
  return E.right({
    ...rest,
    policy: toPolicySnapshot(policy.right.state as PolicyState, facts.lossDate),
  });
};
