import { type ProcessCommand, type ProcessInput, reactToEvent } from "@claimstream/domain";
import type { DomainEventLike, EventStore, RecordedEvent } from "@claimstream/eventstore";
import type { Logger } from "pino";
import type { Aggregate } from "../aggregates/aggregate.js";
import type { FollowUp } from "./follow-up.js";

/** Sends one process-manager command; resolves to how it went (never rejects). */
export type FollowUpDispatch = (
  out: ProcessCommand,
  causation: RecordedEvent,
  index: number,
) => Promise<readonly FollowUp[]>;

/** What a command appended: the state before it, its events and the stream version after. */
export interface AppendedEvents {
  readonly aggregate: Aggregate;
  readonly id: string;
  readonly stateBefore: unknown;
  readonly events: readonly DomainEventLike[];
  readonly version: number;
}

const REACTING: ReadonlySet<string> = new Set(["claim", "repair-order", "payout"]);

/**
 * Runs the domain's process manager (`reactToEvent`) over the events a command just appended,
 * each with the aggregate's state right after it, and dispatches the commands it asks for.
 * Only then does it read the appended events back, for their ids (the causation of what
 * follows); most commands cause nothing and cost no read.
 *
 * Runs synchronously within the request, after the command's own append: the command is
 * already durable, so a failing follow-up is logged and reported, never fatal (docs/api.md,
 * "Process manager").
 */
export class ProcessManagerRunner {
  constructor(
    private readonly store: EventStore,
    private readonly logger: Logger,
  ) {}

  /** Reacts to the appended events, in order. */
  async react(appended: AppendedEvents, dispatch: FollowUpDispatch): Promise<FollowUp[]> {
    const { aggregate, id, events, version } = appended;
    if (!REACTING.has(aggregate.name)) return [];
    const reactions: { readonly index: number; readonly outs: readonly ProcessCommand[] }[] = [];
    let state = appended.stateBefore;
    for (const [index, event] of events.entries()) {
      state = aggregate.decider.evolve(state, event);
      // The aggregate name, event and state belong together by construction.
      const outs = reactToEvent({ aggregate: aggregate.name, id, event, state } as ProcessInput);
      if (outs.length > 0) reactions.push({ index, outs });
    }
    if (reactions.length === 0) return [];
    const recorded = await this.#appendedRecords(aggregate.streamId(id), version, events.length);
    const followUps: FollowUp[] = [];
    for (const { index, outs } of reactions) {
      const cause = recorded[index] as RecordedEvent;
      for (const [n, out] of outs.entries()) {
        this.logger.debug(
          { causationId: cause.eventId, type: out.command.type },
          "process manager",
        );
        followUps.push(...(await dispatch(out, cause, n)));
      }
    }
    return followUps;
  }

  async #appendedRecords(
    streamId: string,
    version: number,
    count: number,
  ): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    const range = { fromVersion: version - count + 1, toVersion: version };
    for await (const event of this.store.readStream(streamId, range)) recorded.push(event);
    return recorded;
  }
}
