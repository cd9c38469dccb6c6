import type { ClaimState, DomainError } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import {
  type AddressedCommand,
  claimGuardFor,
  createSeedLedger,
  type SeedLedger,
} from "./seed-ledger.js";
import {
  aggregateIdOf,
  type SeedAggregate,
  type SeedCommand,
  type SeedEvent,
  type SeedPlan,
  type SeedStepFailure,
  seedStreamId,
} from "./seed-types.js";

/** Metadata for the events of one seeded command (fits the event store's command metadata). */
export interface SeedMetadata {
  /** `demo-seed-{stepIndex}`: shared by a step and everything the process manager derives. */
  readonly correlationId: string;
  readonly actor: { readonly id: string; readonly role: string };
  /** The insurer the stream belongs to, when known. */
  readonly tenantId?: string;
}

/** The stream a seeded command goes to. */
export interface SeedTarget {
  readonly aggregate: SeedAggregate;
  /** The aggregate id (`CLM-00042`). */
  readonly id: string;
  /** The stream id (`claim-CLM-00042`). */
  readonly stream: string;
}

/**
 * Runs one command against one stream (load, decide, append). Right with the events appended;
 * Left with the refusal. Infrastructure faults may throw.
 */
export type SeedCommandHandler = (
  target: SeedTarget,
  command: SeedCommand,
  metadata: SeedMetadata,
) => Promise<E.Either<DomainError | Error, { readonly events: readonly unknown[] }>>;

/** How {@link applySeedPlan} runs. */
export interface ApplySeedPlanOptions {
  readonly handle: SeedCommandHandler;
  /**
   * `true` (default): play the system's part here: before a payout command, send its claim
   * guard (`claimGuardOf`) through `handle`; after each command, run the process manager and
   * send its commands. `false` when `handle` does both itself (the API's command service).
   */
  readonly runProcessManager?: boolean;
  readonly log?: (line: string) => void;
}

const tenantOf = (mirror: SeedLedger, { aggregate, id, command }: AddressedCommand) => {
  if ("insurerId" in command) return command.insurerId;
  if (aggregate === "claim") return (mirror.stateOf("claim", id) as ClaimState).facts?.insurerId;
  const state = mirror.stateOf(aggregate, id);
  return "insurerId" in state ? state.insurerId : undefined;
};

// The claim guard of a payout command, unless it was sent already (then it decides nothing).
const pendingGuardOf = (
  mirror: SeedLedger,
  target: AddressedCommand,
): AddressedCommand | undefined => {
  const guard = claimGuardFor(mirror, target);
  if (guard === undefined) return undefined;
  const decided = mirror.decide(guard);
  return E.isRight(decided) && decided.right.length === 0 ? undefined : guard;
};

const metadataOf = (
  mirror: SeedLedger,
  target: AddressedCommand,
  stepIndex: number,
  derived: boolean,
): SeedMetadata => {
  const tenantId = tenantOf(mirror, target);
  return {
    correlationId: `demo-seed-${stepIndex}`,
    actor: { id: derived ? "process-manager" : "demo-seed", role: "admin" },
    ...(tenantId === undefined ? {} : { tenantId }),
  };
};

/**
 * Applies a plan step by step through `handle`, into an empty store. Every command must
 * succeed: the first refusal comes back with its step index (a bug in the plan). The events
 * `handle` returns are mirrored in memory, so that the process manager sees each aggregate's
 * state right after each event, as `reactToEvent` expects. Right with the number of commands
 * sent, the process manager's included.
 *
 * @example
 * ```ts
 * const result = await applySeedPlan(plan, {
 *   handle: ({ aggregate, stream }, command, metadata) => handlers[aggregate](stream, command, { metadata }),
 * });
 * ```
 */
export const applySeedPlan = async (
  plan: SeedPlan,
  options: ApplySeedPlanOptions,
): Promise<E.Either<SeedStepFailure, { readonly commands: number }>> => {
  const runProcessManager = options.runProcessManager ?? true;
  const mirror = createSeedLedger();
  let commands = 0;
  for (const [stepIndex, step] of plan.entries()) {
    const queue: AddressedCommand[] = [
      { aggregate: step.aggregate, id: aggregateIdOf(step), command: step.command },
    ];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const guard = runProcessManager ? pendingGuardOf(mirror, next) : undefined;
      if (guard !== undefined) {
        queue.unshift(next);
        next = guard;
      }
      const stream = seedStreamId(next.aggregate, next.id);
      const metadata = metadataOf(mirror, next, stepIndex, next.command !== step.command);
      const result = await options.handle(
        { aggregate: next.aggregate, id: next.id, stream },
        next.command,
        metadata,
      );
      commands += 1;
      if (E.isLeft(result)) {
        const refused = { aggregate: next.aggregate, stream, command: next.command };
        return E.left({ stepIndex, step, refused, error: result.left });
      }
      const reactions = mirror.record(
        next.aggregate,
        next.id,
        result.right.events as readonly SeedEvent[],
      );
      if (runProcessManager) queue.push(...reactions);
    }
    if ((stepIndex + 1) % 1_000 === 0)
      options.log?.(`seeded ${stepIndex + 1}/${plan.length} steps`);
  }
  return E.right({ commands });
};
