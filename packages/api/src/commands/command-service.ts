import { createHash, createHmac } from "node:crypto";
import {
  type ClaimGuard,
  claimGuardOf,
  hasClaimGuard,
  type PayoutCommand,
  type PayoutState,
  type ProcessCommand,
} from "@claimstream/domain";
import {
  type Actor,
  type AggregateCache,
  type AggregateCacheOptions,
  type ConcurrencyError,
  canonicalJson,
  createAggregateCache,
  createCommandHandler,
  type DomainEventLike,
  type EventStore,
  idempotentEventId,
  isConcurrencyError,
  isIdempotencyKeyReusedError,
  loadAggregate,
  type RecordedEvent,
} from "@claimstream/eventstore";
import * as E from "fp-ts/lib/Either.js";
import type { Logger } from "pino";
import type { Aggregate, AnyCommand } from "../aggregates/aggregate.js";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import { PROCESS_MANAGER_ACTOR, type Principal } from "../auth/principal.js";
import type { Clock } from "../clock.js";
import type { ApiMetrics } from "../observability/metrics.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import { type CommandRejection, describeRejection, rejectRequest } from "./command-rejection.js";
import type { FollowUp } from "./follow-up.js";
import { withPolicySnapshot } from "./policy-snapshot.js";
import { type CommandTarget, type PreparedCommand, prepareCommand } from "./prepare-command.js";
import type { ProcessManagerRunner } from "./process-manager-runner.js";

/** One command as it arrives from a caller (HTTP request, CLI import line). */
export interface CommandRequest {
  readonly aggregate: Aggregate;
  readonly target: CommandTarget;
  /** The raw body: `{ "type": "…", … }` (validated here). */
  readonly body: unknown;
  readonly principal: Principal;
  /** `If-Match`: the stream version the caller saw. */
  readonly ifMatch?: number;
  /** `Idempotency-Key`: scoped to the caller, so two callers' keys never collide. */
  readonly idempotencyKey?: string;
  readonly correlationId: string;
}

/** What an applied (or replayed) command produced. */
export interface CommandOutcome {
  readonly id: string;
  readonly streamId: string;
  /** The stream version after the command: the next `ETag`. */
  readonly version: number;
  readonly events: readonly DomainEventLike[];
  readonly state: unknown;
  /** `true`: the idempotency key matched an earlier call; nothing new was written. */
  readonly replayed: boolean;
  readonly followUps: readonly FollowUp[];
}

export interface CommandServiceDependencies {
  readonly store: EventStore;
  readonly aggregates: AggregateRegistry;
  readonly reader: AggregateReader;
  readonly processManager: ProcessManagerRunner;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: ApiMetrics;
  /**
   * Bounds of the per-aggregate caches of decided states (default: 5,000 streams, 5 s: the
   * longest another API process's forget takes to reach them, as for the reader's cache).
   */
  readonly cache?: AggregateCacheOptions;
  /**
   * Keys the fingerprint an `Idempotency-Key` is bound to (HMAC-SHA256), so a fingerprint in
   * the store cannot confirm a guessed request body, an erased name included (ADR 0003).
   * Absent (no keyring): a plain SHA-256.
   */
  readonly fingerprintSecret?: Uint8Array | undefined;
}

const DEFAULT_CACHE: AggregateCacheOptions = { maxStreams: 5_000, maxAgeMs: 5_000 };

interface RunOptions {
  readonly actor: Actor;
  readonly principal: Principal;
  readonly ifMatch?: number;
  readonly idempotencyKey?: string;
  /** What the key is bound to: a digest of the request body. */
  readonly idempotencyFingerprint?: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly depth: number;
  /** Retry rounds on concurrent appends: more for the system's own commands. */
  readonly maxRetries?: number;
  /** Run the process manager over the appended events (default); the reactor does not. */
  readonly react?: boolean;
}

// The system's own commands (follow-ups, claim guards) retry this often on a contended stream
// before giving up: twenty payouts of one claim issued at once record twenty payments.
const SYSTEM_COMMAND_RETRIES = 40;

// A chain such as payout issued → payment recorded → claim closed is three deep; more is a loop.
const MAX_FOLLOW_UP_DEPTH = 6;

// The process manager acts for the insurer of the event that caused it, never across insurers,
// and records whom it acted after (the causing event's actor).
const processManagerFor = (cause: RecordedEvent): { principal: Principal; actor: Actor } => ({
  principal: {
    id: PROCESS_MANAGER_ACTOR.id,
    role: "admin",
    insurerId: cause.metadata.tenantId ?? "",
  },
  actor:
    cause.metadata.actor === undefined
      ? PROCESS_MANAGER_ACTOR
      : { ...PROCESS_MANAGER_ACTOR, onBehalfOf: cause.metadata.actor },
});

/** The idempotency key of the `index`-th process-manager command caused by an event. */
export const followUpKey = (causeEventId: string, index: number): string =>
  `process-manager:${causeEventId}:${index}`;

// What an Idempotency-Key is bound to: the request body, whatever its keys' order; keyed when
// a secret is configured.
const fingerprintOf = (body: unknown, secret: Uint8Array | undefined): string =>
  secret === undefined
    ? `sha256:${createHash("sha256").update(canonicalJson(body)).digest("hex")}`
    : `hmac-sha256:${createHmac("sha256", secret).update(canonicalJson(body)).digest("hex")}`;

const concurrencyRejection = (error: ConcurrencyError, ifMatch: number | undefined) =>
  ifMatch === undefined
    ? rejectRequest("concurrency.conflict", "Another write to this stream won; reload and retry", {
        actualVersion: error.actualVersion,
      })
    : rejectRequest(
        "concurrency.precondition_failed",
        `If-Match "${ifMatch}" no longer matches the stream version ${error.actualVersion}`,
        { expectedVersion: ifMatch, actualVersion: error.actualVersion },
      );

/**
 * Runs commands: validate ({@link prepareCommand}), check the caller may see the aggregate,
 * run the event store's command handler (load → decide → append with the expected version and
 * the caller as actor), then let the process manager react. Used by the HTTP routes, the CLI
 * import and the demo seed alike.
 *
 * @example
 * ```ts
 * const result = await commands.execute({
 *   aggregate: aggregates.byName("claim"), target: { mode: "command", id: "C-1" },
 *   body: { type: "AssignAdjuster", adjusterId: "adj-1" }, principal, correlationId: "req-1",
 * });
 * if (E.isRight(result)) console.log(result.right.version);
 * ```
 */
export class CommandService {
  // One cache of decided states per aggregate type, shared by every command on it.
  readonly #caches = new Map<string, AggregateCache<unknown>>();

  constructor(private readonly deps: CommandServiceDependencies) {
    deps.reader.onForget(() => {
      for (const cache of this.#caches.values()) cache.clear();
    });
  }

  /** Validates and runs one command for a caller. */
  async execute(request: CommandRequest): Promise<E.Either<CommandRejection, CommandOutcome>> {
    const { aggregate, principal, target } = request;
    const body =
      target.mode === "command"
        ? await withPolicySnapshot(
            request.body,
            aggregate,
            target.id,
            principal,
            this.deps.reader,
            this.deps.aggregates,
          )
        : E.right(request.body);
    if (E.isLeft(body)) return body;
    const prepared = prepareCommand(body.right, {
      aggregate,
      target,
      principal,
      trusted: false,
      now: this.deps.clock.now,
    });
    const result = E.isLeft(prepared)
      ? prepared
      : await this.#run(aggregate, prepared.right, {
          actor: { id: principal.id, role: principal.role },
          principal,
          ...(request.ifMatch === undefined ? {} : { ifMatch: request.ifMatch }),
          ...(request.idempotencyKey === undefined
            ? {}
            : {
                idempotencyKey: `${principal.id}:${request.idempotencyKey}`,
                idempotencyFingerprint: fingerprintOf(request.body, this.deps.fingerprintSecret),
              }),
          correlationId: request.correlationId,
          depth: 0,
        });
    const type = E.isLeft(prepared) ? "invalid" : prepared.right.command.type;
    this.deps.metrics.commandHandled(
      aggregate.name,
      type,
      E.isLeft(result) ? describeRejection(result.left).code : "applied",
    );
    return result;
  }

  async #run(aggregate: Aggregate, prepared: PreparedCommand, options: RunOptions) {
    const { id } = prepared;
    const tenant = await this.#tenantOf(aggregate, prepared, options.principal);
    if (E.isLeft(tenant)) return tenant;
    const references = await this.#checkReferences(aggregate, prepared, tenant.right);
    if (E.isLeft(references)) return references;
    const guard = await this.#guard(aggregate, prepared, options);
    if (E.isLeft(guard)) return guard;
    const { handled, stateBefore } = await this.#handle(aggregate, prepared, options, tenant.right);
    if (E.isLeft(handled) && guard.right !== undefined) await this.#undo(guard.right, options);
    if (E.isLeft(handled)) {
      const error = handled.left;
      return E.left<CommandRejection>(
        isConcurrencyError(error)
          ? concurrencyRejection(error, options.ifMatch)
          : isIdempotencyKeyReusedError(error)
            ? rejectRequest(
                "idempotency.key_reused",
                "This Idempotency-Key was already used for another request on this record",
              )
            : { kind: "domain", error },
      );
    }
    const { events, nextExpectedVersion: version, state, replayed } = handled.right;
    const followUps =
      replayed ||
      events.length === 0 ||
      options.react === false ||
      options.depth >= MAX_FOLLOW_UP_DEPTH
        ? []
        : await this.deps.processManager.react(
            { aggregate, id, stateBefore, events, version },
            (out, cause, index) => this.#followUp(out, cause, index, options),
          );
    const outcome: CommandOutcome = {
      id,
      streamId: aggregate.streamId(id),
      version,
      events,
      state,
      replayed,
      followUps,
    };
    return E.right<CommandRejection, CommandOutcome>(outcome);
  }

  // The event store's command handler, built per call to see the state the decider decided on
  // (the process manager needs it): the last decide call is the one whose events were appended.
  async #handle(
    aggregate: Aggregate,
    { id, command }: PreparedCommand,
    options: RunOptions,
    tenantId: string,
  ) {
    let stateBefore: unknown = aggregate.decider.initialState;
    const handle = createCommandHandler({
      store: this.deps.store,
      cache: this.#cacheFor(aggregate),
      decider: {
        ...aggregate.decider,
        decide: (next: AnyCommand, state: unknown) => {
          stateBefore = state;
          return aggregate.decider.decide(next, state);
        },
      },
    });
    const handled = await handle(aggregate.streamId(id), command, {
      ...(options.ifMatch === undefined ? {} : { expectedVersion: options.ifMatch }),
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      ...(options.idempotencyFingerprint === undefined
        ? {}
        : { idempotencyFingerprint: options.idempotencyFingerprint }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      metadata: {
        correlationId: options.correlationId,
        ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
        actor: options.actor,
        tenantId,
      },
    });
    return { handled, stateBefore };
  }

  // The aggregate's shared cache, seen through a view that stores nothing once a subject was
  // forgotten after the call began (its state may hold the subject's decrypted fields).
  #cacheFor(aggregate: Aggregate): AggregateCache<unknown> {
    let shared = this.#caches.get(aggregate.name);
    if (shared === undefined) {
      shared = createAggregateCache<unknown>(this.deps.cache ?? DEFAULT_CACHE);
      this.#caches.set(aggregate.name, shared);
    }
    const cache = shared;
    // A command begun before a forget does not cache the state it decided on.
    const { reader } = this.deps;
    const forgets = reader.forgets;
    return {
      get: (streamId) => cache.get(streamId),
      set: (streamId, entry) => {
        if (forgets === reader.forgets) cache.set(streamId, entry);
      },
      delete: (streamId) => cache.delete(streamId),
      clear: () => cache.clear(),
      get size() {
        return cache.size;
      },
    };
  }

  // The insurer the events belong to: the creation command's, or the existing stream's.
  async #tenantOf(aggregate: Aggregate, { id, command }: PreparedCommand, principal: Principal) {
    if (command.type === aggregate.createCommandType) {
      return E.right<CommandRejection, string>(String(command.insurerId));
    }
    const visible = await this.deps.reader.visible(aggregate, id, principal);
    return E.isLeft(visible)
      ? E.left<CommandRejection, string>({ kind: "domain", error: visible.left })
      : visible;
  }

  /**
   * The authorisation rule for references: every aggregate a command names in a field
   * ({@link Aggregate.referencesOf}) must exist and belong to the command's own insurer. One
   * answer for "does not exist" and "belongs to another insurer", so ids cannot be probed.
   */
  async #checkReferences(
    aggregate: Aggregate,
    { command }: PreparedCommand,
    tenantId: string,
  ): Promise<E.Either<CommandRejection, void>> {
    for (const [field, name] of Object.entries(aggregate.referencesOf(command.type))) {
      const value = command[field];
      if (typeof value !== "string") continue;
      const referenced = this.deps.aggregates.byName(name);
      const insurerId = await this.deps.reader.insurerOf(referenced.streamId(value));
      if (insurerId !== tenantId) {
        return E.left(
          rejectRequest(
            "reference.not_found",
            `${field}: ${referenced.label} ${value} not found for insurer ${tenantId}`,
            { field, aggregate: name, id: value },
          ),
        );
      }
    }
    return E.right(undefined);
  }

  /**
   * The claim's guard of a payout command ({@link claimGuardOf}): money is accounted for on the
   * claim before the payout moves. The payout command is first decided on the payout's current
   * state without writing, so that a refusal there (self-approval, wrong status) leaves the
   * claim untouched. Right with what to undo should the payout command then fail.
   */
  async #guard(
    aggregate: Aggregate,
    { id, command }: PreparedCommand,
    options: RunOptions,
  ): Promise<E.Either<CommandRejection, ClaimGuard | undefined>> {
    // Only guarded commands pay for reading the payout's stream.
    if (aggregate.name !== "payout" || !hasClaimGuard(command.type)) return E.right(undefined);
    const { state, eventIds } = await this.#currentState(aggregate, id);
    // A retry of an applied command (same idempotency key) is the handler's to replay: its
    // guard was taken the first time, and deciding again would refuse (`already_exists`).
    const key = options.idempotencyKey;
    if (key !== undefined && eventIds.has(idempotentEventId(aggregate.streamId(id), key, 0))) {
      return E.right(undefined);
    }
    const guard = claimGuardOf(command as unknown as PayoutCommand, state as PayoutState);
    if (guard === undefined) return E.right(undefined);
    const dryRun = aggregate.decider.decide(command, state);
    if (E.isLeft(dryRun)) return E.left({ kind: "domain", error: dryRun.left });
    const claim = this.deps.aggregates.byName("claim");
    const guarded = await this.#system(claim, guard.id, guard.command, options);
    if (E.isLeft(guarded)) return guarded;
    return E.right(guarded.right.events.length > 0 ? guard : undefined);
  }

  // Best effort: a failed undo leaves a commitment that a retry of the request finds again.
  async #undo(guard: ClaimGuard, options: RunOptions): Promise<void> {
    if (guard.undo === undefined) return;
    const claim = this.deps.aggregates.byName("claim");
    const undone = await this.#system(claim, guard.id, guard.undo, options);
    if (E.isLeft(undone)) {
      this.deps.logger.warn(
        { claimId: guard.id, code: describeRejection(undone.left).code },
        "could not release a payout commitment after the payout command failed",
      );
    }
  }

  // A command the system sends on the caller's behalf (same principal, actor and correlation).
  #system(aggregate: Aggregate, id: string, command: AnyCommand, options: RunOptions) {
    const prepared = prepareCommand(command, {
      aggregate,
      target: { mode: "command", id },
      principal: options.principal,
      trusted: true,
      now: this.deps.clock.now,
    });
    if (E.isLeft(prepared)) return Promise.resolve(prepared);
    return this.#run(aggregate, prepared.right, {
      actor: options.actor,
      principal: options.principal,
      correlationId: options.correlationId,
      ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
      depth: options.depth + 1,
      maxRetries: SYSTEM_COMMAND_RETRIES,
    });
  }

  // The aggregate's state as the command handler will see it (initial for a new stream), and
  // the ids of its events.
  async #currentState(aggregate: Aggregate, id: string) {
    const { state, recorded } = await loadAggregate(
      this.deps.store,
      aggregate.decider,
      aggregate.streamId(id),
    );
    return { state, eventIds: new Set(recorded.map((event) => event.eventId)) };
  }

  /**
   * Sends one process-manager command for its cause, as the durable reactor does
   * (`follow-up-reactor.ts`): with the idempotency key the request's inline run used, so that
   * whichever comes second replays; without reacting to what it appends (the reactor reads
   * those events itself). Never rejects: the outcome says how it went.
   */
  async sendFollowUp(out: ProcessCommand, cause: RecordedEvent, index: number): Promise<FollowUp> {
    const [followUp] = await this.#followUp(out, cause, index, {
      correlationId: cause.metadata.correlationId ?? cause.eventId,
      depth: 0,
      react: false,
    });
    return followUp as FollowUp;
  }

  async #followUp(
    out: ProcessCommand,
    cause: RecordedEvent,
    index: number,
    parent: Pick<RunOptions, "correlationId" | "depth" | "react">,
  ): Promise<FollowUp[]> {
    const aggregate = this.deps.aggregates.byName(out.aggregate);
    const base = {
      aggregate: out.aggregate,
      id: out.id,
      type: out.command.type,
      causationId: cause.eventId,
    };
    const { principal, actor } = processManagerFor(cause);
    try {
      const prepared = prepareCommand(out.command, {
        aggregate,
        target: { mode: "command", id: out.id },
        principal,
        trusted: true,
        now: this.deps.clock.now,
      });
      const result = E.isLeft(prepared)
        ? prepared
        : await this.#run(aggregate, prepared.right, {
            actor,
            principal,
            idempotencyKey: followUpKey(cause.eventId, index),
            correlationId: parent.correlationId,
            causationId: cause.eventId,
            depth: parent.depth + 1,
            maxRetries: SYSTEM_COMMAND_RETRIES,
            ...(parent.react === undefined ? {} : { react: parent.react }),
          });
      if (E.isLeft(result)) {
        const { code, message } = describeRejection(result.left);
        this.deps.logger.warn({ ...base, code }, `process manager command rejected: ${message}`);
        return [{ ...base, outcome: "rejected", reason: code }];
      }
      const { version, replayed, followUps } = result.right;
      return [{ ...base, outcome: replayed ? "replayed" : "applied", version }, ...followUps];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.logger.error({ ...base, err: error }, "process manager command failed");
      return [{ ...base, outcome: "failed", reason }];
    }
  }
}
