import {
  type ClaimCommand,
  type ClaimEvent,
  type ClaimState,
  claimDecider,
  claimGuardOf,
  claimStreamId,
  type Decider,
  type DomainError,
  foldEvents,
  type PayoutCommand,
  type PayoutEvent,
  type PayoutState,
  type PolicyCommand,
  type PolicyEvent,
  type PolicySnapshot,
  type PolicyState,
  type ProcessInput,
  payoutDecider,
  payoutStreamId,
  policyDecider,
  policyStreamId,
  reactToEvent,
  toPolicySnapshot,
} from "@claimstream/domain";
import type { RecordedEvent } from "@claimstream/eventstore";
import * as E from "fp-ts/lib/Either.js";
import { EventLog } from "./recorded-events.js";

type Aggregate = "claim" | "policy" | "payout";
type AnyDecider = Decider<unknown, { type: string; occurredAt: string }, unknown>;

const DECIDERS: Record<Aggregate, AnyDecider> = {
  claim: claimDecider as unknown as AnyDecider,
  policy: policyDecider as unknown as AnyDecider,
  payout: payoutDecider as unknown as AnyDecider,
};

const STREAM_ID: Record<Aggregate, (id: string) => string> = {
  claim: claimStreamId,
  policy: policyStreamId,
  payout: payoutStreamId,
};

/** A refused command, thrown by the strict `claim`/`policy`/`payout` methods. */
export class RefusedCommand extends Error {
  constructor(readonly error: DomainError) {
    super(`${error.code}: ${error.message}`);
  }
}

/**
 * A tiny in-memory claims system for read-model tests: runs commands through the real domain
 * deciders, records the events in an {@link EventLog} in global order, and runs the process
 * manager after every event (payout issued → claim payment, settlement → payout request, fully
 * paid → close) and a payout command's claim guard before it, as the API's command side would.
 */
export class ClaimsWorld {
  readonly log = new EventLog();
  private readonly histories = new Map<string, unknown[]>();

  /** Every recorded event so far, in global order. */
  get events(): readonly RecordedEvent[] {
    return this.log.events;
  }

  /** Runs a Policy command; throws {@link RefusedCommand} on refusal. */
  policy(id: string, command: PolicyCommand): PolicyEvent[] {
    return [...this.strict("policy", id, command)] as PolicyEvent[];
  }

  /** Runs a Claim command; throws {@link RefusedCommand} on refusal. */
  claim(id: string, command: ClaimCommand): ClaimEvent[] {
    return [...this.strict("claim", id, command)] as ClaimEvent[];
  }

  /** Runs a Payout command; throws {@link RefusedCommand} on refusal. */
  payout(id: string, command: PayoutCommand): PayoutEvent[] {
    return [...this.strict("payout", id, command)] as PayoutEvent[];
  }

  /** Runs a command and reports whether it was accepted (for random histories). */
  attempt(aggregate: Aggregate, id: string, command: unknown): boolean {
    return E.isRight(this.execute(aggregate, id, command));
  }

  claimState(id: string): ClaimState {
    return this.state("claim", id) as ClaimState;
  }

  payoutState(id: string): PayoutState {
    return this.state("payout", id) as PayoutState;
  }

  policyState(id: string): PolicyState {
    return this.state("policy", id) as PolicyState;
  }

  /** The coverage snapshot of a policy, for `VerifyCoverage`. */
  snapshot(policyId: string): PolicySnapshot {
    const snapshot = toPolicySnapshot(this.policyState(policyId));
    if (snapshot === undefined) throw new Error(`No policy ${policyId}`);
    return snapshot;
  }

  private state(aggregate: Aggregate, id: string): unknown {
    return foldEvents(DECIDERS[aggregate], this.history(aggregate, id));
  }

  private history(aggregate: Aggregate, id: string) {
    return (this.histories.get(STREAM_ID[aggregate](id)) ?? []) as {
      type: string;
      occurredAt: string;
    }[];
  }

  private strict(aggregate: Aggregate, id: string, command: unknown): readonly unknown[] {
    const result = this.execute(aggregate, id, command);
    if (E.isLeft(result)) throw new RefusedCommand(result.left);
    return result.right;
  }

  private execute(
    aggregate: Aggregate,
    id: string,
    command: unknown,
  ): E.Either<DomainError, readonly unknown[]> {
    const decider = DECIDERS[aggregate];
    const history = this.history(aggregate, id);
    let state = foldEvents(decider, history);
    const result = decider.decide(command, state);
    if (E.isLeft(result)) return result;
    // As the API does: a payout command's guard on its claim goes first (money is accounted
    // for on the claim), and a refusal there refuses the payout command.
    const guard =
      aggregate === "payout"
        ? claimGuardOf(command as PayoutCommand, state as PayoutState)
        : undefined;
    if (guard !== undefined) {
      const guarded = this.execute("claim", guard.id, guard.command);
      if (E.isLeft(guarded)) return guarded;
    }
    const streamId = STREAM_ID[aggregate](id);
    this.histories.set(streamId, [...history, ...result.right]);
    this.log.append(
      streamId,
      result.right.map((e) => ({ schemaVersion: 1, ...e })),
    );
    for (const event of result.right) {
      state = decider.evolve(state, event);
      if (aggregate === "policy") continue;
      const input = { aggregate, id, event, state } as unknown as ProcessInput;
      // The process manager's follow-ups may be refused (e.g. a payout requested twice): as in
      // production, a refusal there is not the caller's failure.
      for (const out of reactToEvent(input)) this.execute(out.aggregate, out.id, out.command);
    }
    return result;
  }
}
