import type {
  ClaimCommand,
  ClaimEvent,
  ClaimState,
  DomainError,
  PayoutCommand,
  PayoutEvent,
  PayoutState,
  PolicyCommand,
  PolicyEvent,
  PolicyState,
  RepairOrderCommand,
  RepairOrderEvent,
  RepairOrderState,
} from "@claimstream/domain";

/** The aggregates the demo data writes to; each is also its stream category (`claim-{id}` …). */
export type SeedAggregate = "policy" | "claim" | "repair-order" | "payout";

/** The command type of each aggregate. */
export interface SeedCommands {
  readonly policy: PolicyCommand;
  readonly claim: ClaimCommand;
  readonly "repair-order": RepairOrderCommand;
  readonly payout: PayoutCommand;
}

/** The event type of each aggregate. */
export interface SeedEvents {
  readonly policy: PolicyEvent;
  readonly claim: ClaimEvent;
  readonly "repair-order": RepairOrderEvent;
  readonly payout: PayoutEvent;
}

/** The state type of each aggregate. */
export interface SeedStates {
  readonly policy: PolicyState;
  readonly claim: ClaimState;
  readonly "repair-order": RepairOrderState;
  readonly payout: PayoutState;
}

/** Any command of the four aggregates. */
export type SeedCommand = SeedCommands[SeedAggregate];
/** Any event of the four aggregates. */
export type SeedEvent = SeedEvents[SeedAggregate];

/**
 * One step of the demo plan: a command for one stream. `stream` is the full stream id
 * (`claim-CLM-00042`); the aggregate id is what follows the category prefix.
 */
export type SeedStep = {
  readonly [A in SeedAggregate]: {
    readonly stream: string;
    readonly aggregate: A;
    readonly command: SeedCommands[A];
  };
}[SeedAggregate];

/** The ordered steps of a demo data set. */
export type SeedPlan = readonly SeedStep[];

/** A command the deciders refused while a plan was applied: always a bug in the plan. */
export interface SeedStepFailure {
  /** Index in the plan of the step being applied. */
  readonly stepIndex: number;
  readonly step: SeedStep;
  /** The refused command: the step's own, or one the process manager derived from it. */
  readonly refused: {
    readonly aggregate: SeedAggregate;
    readonly stream: string;
    readonly command: SeedCommand;
  };
  readonly error: DomainError | Error;
}

/**
 * One line saying which step failed and why.
 *
 * @example
 * ```ts
 * describeSeedFailure(failure);
 * // "seed step 1234 (ApprovePayout on payout-CLM-00042-settlement-1): payout.not_found …"
 * ```
 */
export const describeSeedFailure = (failure: SeedStepFailure): string => {
  const { step, refused, error } = failure;
  const code = "code" in error ? String(error.code) : error.name;
  const derived =
    refused.command === step.command
      ? ""
      : ` → process manager ${refused.command.type} on ${refused.stream}`;
  return `seed step ${failure.stepIndex} (${step.command.type} on ${step.stream})${derived}: ${code} ${error.message}`;
};

/** `{category}-{id}`; the aggregate names equal the stream categories. */
export const seedStreamId = (aggregate: SeedAggregate, id: string): string => `${aggregate}-${id}`;

/** The aggregate id of a step's stream (what follows `{category}-`). */
export const aggregateIdOf = (step: Pick<SeedStep, "aggregate" | "stream">): string =>
  step.stream.slice(step.aggregate.length + 1);

/** A plan step with its business time, before the plan is put in global time order. */
export interface TimedStep {
  /** `command.occurredAt` in epoch milliseconds. */
  readonly at: number;
  readonly step: SeedStep;
}
