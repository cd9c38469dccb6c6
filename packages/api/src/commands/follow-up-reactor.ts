import {
  PROCESS_MANAGER_TRIGGERS,
  type ProcessCommand,
  type ProcessInput,
  reactToEvent,
} from "@claimstream/domain";
import {
  type EventStore,
  idempotentEventId,
  loadAggregate,
  type RecordedEvent,
} from "@claimstream/eventstore";
import type { Projection, ProjectionContext } from "@claimstream/projections";
import type { Kysely } from "kysely";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import { type CommandService, followUpKey } from "./command-service.js";
import type { FollowUp } from "./follow-up.js";

/** The reactor's name in the projection runtime; its table lives in schema `rm_follow_ups`. */
export const FOLLOW_UPS = "follow_ups";

/** `follow_ups`: one row per command the process manager sent for an event, and how it went. */
export interface FollowUpTable {
  readonly cause_event_id: string;
  /** The causing event's global position, as text (pg's `bigint`). */
  readonly cause_position: string | number;
  /** The command's index among the event's reactions (its idempotency key's last part). */
  readonly n: number;
  readonly aggregate: string;
  readonly target_id: string;
  readonly command_type: string;
  /** `applied` (by the reactor) or `replayed` (the request, or an earlier run, applied it). */
  readonly outcome: string;
  /** The target stream's version after the command. */
  readonly version: number | null;
}

/** The reactor's tables. */
export interface FollowUpTables {
  readonly follow_ups: FollowUpTable;
}

/**
 * A follow-up the domain refused (`claim.payouts_outstanding` …): retried a few times, then
 * parked with its error for an operator (`claimstream projections parked follow_ups`).
 */
export class FollowUpRejectedError extends Error {
  constructor(
    readonly followUp: FollowUp,
    readonly code: string,
  ) {
    super(`${followUp.type} on ${followUp.aggregate} ${followUp.id} rejected: ${code}`);
    this.name = "FollowUpRejectedError";
  }
}

/**
 * A follow-up that did not happen for a reason that passes: lost races on a busy stream, an
 * unreachable database. The runtime retries it until it is applied (never parked).
 */
export class FollowUpDelayedError extends Error {
  constructor(
    readonly followUp: FollowUp,
    readonly reason: string,
  ) {
    super(`${followUp.type} on ${followUp.aggregate} ${followUp.id} delayed: ${reason}`);
    this.name = "FollowUpDelayedError";
  }
}

/** What the reactor needs; the command service is resolved late (it is built after the runtime). */
export interface FollowUpReactorDependencies {
  readonly store: EventStore;
  readonly aggregates: AggregateRegistry;
  readonly commands: () => CommandService;
}

const migrate = async (db: Kysely<unknown>, schema: string): Promise<void> => {
  await db.schema
    .withSchema(schema)
    .createTable("follow_ups")
    .ifNotExists()
    .addColumn("cause_event_id", "text", (col) => col.notNull())
    .addColumn("cause_position", "bigint", (col) => col.notNull())
    .addColumn("n", "integer", (col) => col.notNull())
    .addColumn("aggregate", "text", (col) => col.notNull())
    .addColumn("target_id", "text", (col) => col.notNull())
    .addColumn("command_type", "text", (col) => col.notNull())
    .addColumn("outcome", "text", (col) => col.notNull())
    .addColumn("version", "integer")
    .addPrimaryKeyConstraint("follow_ups_pk", ["cause_event_id", "n"])
    .execute();
};

// Races lost on a contended stream pass; so does anything that is not the domain's answer.
const isDelay = (code: string): boolean => code.startsWith("concurrency.");

/**
 * The durable half of the process manager: a checkpointed reactor over `$all` (a projection in
 * the runtime, so one process per database runs it, under a lease) that sends the commands
 * {@link reactToEvent} asks for after each trigger event, with the aggregate's state as of that
 * event.
 *
 * Exactly once: each command carries the idempotency key `process-manager:<eventId>:<n>`, the
 * same the request's inline run uses, so whichever sends it second replays the first's result;
 * the checkpoint moves only after the commands are applied. A crash between a command's commit
 * and the request's follow-ups therefore delays them by one reactor round, never loses them.
 * Lost races are retried until they pass ({@link FollowUpDelayedError}); a domain refusal is
 * parked with its error ({@link FollowUpRejectedError}) and raises the parked gauge.
 *
 * Each row of `rm_follow_ups.follow_ups` says what was sent for which event: the auditor's
 * answer to "what did the system do after this?".
 */
export const followUpReactor = (deps: FollowUpReactorDependencies): Projection<FollowUpTables> => ({
  name: FOLLOW_UPS,
  version: 1,
  eventTypes: PROCESS_MANAGER_TRIGGERS,
  migrate,
  isTransient: (error) => error instanceof FollowUpDelayedError,
  handle: async (event, ctx) => {
    const target = deps.aggregates.byStreamId(event.streamId);
    if (target === undefined) return;
    const { aggregate, id } = target;
    const { state } = await loadAggregate(deps.store, aggregate.decider, event.streamId, {
      toVersion: event.streamPosition,
    });
    // The aggregate name, event and state belong together by construction.
    const input = { aggregate: aggregate.name, id, event: event.data, state } as ProcessInput;
    const outs = reactToEvent(input);
    for (const [n, out] of outs.entries()) {
      const followUp =
        (await appliedBefore(deps, out, event, n)) ??
        (await deps.commands().sendFollowUp(out, event, n));
      await settle(followUp, event, n, ctx);
    }
  },
});

// How far back the fast path looks for a follow-up already applied (most are applied by the
// request a moment before the reactor reads their cause).
const RECENT_EVENTS = 50;

/**
 * The follow-up as already applied, when its first event (whose id derives from its
 * idempotency key) is among the target stream's latest events: one short read instead of the
 * command service's checks, reads and replay. `undefined` sends it the long way (which replays
 * it just as well when it lies further back).
 */
const appliedBefore = async (
  deps: FollowUpReactorDependencies,
  out: ProcessCommand,
  cause: RecordedEvent,
  n: number,
): Promise<FollowUp | undefined> => {
  const streamId = deps.aggregates.byName(out.aggregate).streamId(out.id);
  const first = idempotentEventId(streamId, followUpKey(cause.eventId, n), 0);
  const recent = deps.store.readStream(streamId, {
    direction: "backward",
    maxCount: RECENT_EVENTS,
  });
  for await (const recorded of recent) {
    if (recorded.eventId !== first) continue;
    const base = { aggregate: out.aggregate, id: out.id, type: out.command.type };
    return {
      ...base,
      causationId: cause.eventId,
      outcome: "replayed",
      version: recorded.streamPosition,
    };
  }
  return undefined;
};

const settle = async (
  followUp: FollowUp,
  cause: RecordedEvent,
  n: number,
  ctx: ProjectionContext<FollowUpTables>,
): Promise<void> => {
  if (followUp.outcome === "failed") {
    throw new FollowUpDelayedError(followUp, followUp.reason ?? "failed");
  }
  if (followUp.outcome === "rejected") {
    const code = followUp.reason ?? "rejected";
    if (isDelay(code)) throw new FollowUpDelayedError(followUp, code);
    throw new FollowUpRejectedError(followUp, code);
  }
  const row = {
    cause_event_id: cause.eventId,
    cause_position: cause.globalPosition,
    n,
    aggregate: followUp.aggregate,
    target_id: followUp.id,
    command_type: followUp.type,
    outcome: followUp.outcome,
    version: followUp.version ?? null,
  };
  await ctx.db
    .insertInto("follow_ups")
    .values(row)
    .onConflict((conflict) => conflict.columns(["cause_event_id", "n"]).doNothing())
    .execute();
};
