import type { RecordedEvent } from "@claimstream/eventstore";
import type { Kysely, QueryCreator, Transaction } from "kysely";

/**
 * What a projection's handler gets for one batch: the open transaction (read-model writes and
 * the checkpoint commit together), a query creator bound to the projection's own PostgreSQL
 * schema, and that schema's name (which changes during a blue/green rebuild).
 */
export interface ProjectionContext<DB> {
  /** Queries against the projection's tables: `ctx.db.insertInto("claims_list")…`. */
  readonly db: QueryCreator<DB>;
  /** The schema the tables live in right now (e.g. `rm_claims_list` or its rebuild twin). */
  readonly schema: string;
  /** The raw transaction, for `sql` templates that need it. */
  readonly tx: Transaction<DB>;
}

/**
 * A read model: the events it wants, how its tables are made, and how an event changes them.
 *
 * The runtime calls {@link Projection.handle} for every matching event in global order (or
 * {@link Projection.handleBatch} once for the batch, when given), inside one transaction per
 * batch that also stores the checkpoint, so each event is applied exactly once even across
 * crashes. Handlers must be deterministic (no clock, no randomness): a rebuild
 * from position 0 must produce exactly the tables built incrementally.
 *
 * @example
 * ```ts
 * export const customerProjection: Projection<CustomerTables> = {
 *   name: "customer",
 *   version: 1,
 *   eventTypes: ["ClaimRegistered", "FeedbackRecorded", "ComplaintFiled", "ClaimReopened"],
 *   migrate: (db, schema) => migrateCustomer(db, schema),
 *   handle: async (event, ctx) => { … ctx.db.insertInto("claim_feedback")… },
 * };
 * ```
 */
export interface Projection<DB = unknown> {
  /** Unique, `[a-z][a-z0-9_]*`; also names the PostgreSQL schema `rm_<name>` of its tables. */
  readonly name: string;
  /** Bump when the tables or the handler change meaning: the runtime then rebuilds. */
  readonly version: number;
  /** The event types the handler wants (the runtime filters reads by them). */
  readonly eventTypes: readonly string[];
  /**
   * Creates the projection's tables (idempotently) in `schema`; the schema itself exists.
   * The `db` is untyped on purpose: DDL does not need the table types.
   */
  readonly migrate: (db: Kysely<unknown>, schema: string) => Promise<void>;
  /** Applies one event. Throwing marks the event as failing: retried, then parked. */
  readonly handle: (event: RecordedEvent, ctx: ProjectionContext<DB>) => Promise<void>;
  /**
   * Applies a whole batch set-based (optional): when present, the runtime calls it once per
   * batch instead of {@link Projection.handle} per event, in the same transaction as the
   * checkpoint. It must leave exactly the tables that `handle` on each event in turn would:
   * typically it loads the rows the batch touches in one query, folds the events into them in
   * memory with the same pure functions `handle` uses, and writes them back in one statement.
   * Throwing fails the batch: the runtime then re-runs it event by event through `handle`
   * (which may be `handleBatch` on a one-event array) to find, retry and park the culprit.
   *
   * @example
   * ```ts
   * handleBatch: async (events, ctx) => {
   *   const counts = new Map<string, number>();
   *   for (const e of events) counts.set(e.streamId, (counts.get(e.streamId) ?? 0) + 1);
   *   await ctx.db
   *     .insertInto("counts")
   *     .values([...counts].map(([stream_id, n]) => ({ stream_id, n })))
   *     .onConflict((oc) => oc.column("stream_id").doUpdateSet({ n: sql`counts.n + excluded.n` }))
   *     .execute();
   * },
   * ```
   */
  readonly handleBatch?: (
    events: readonly RecordedEvent[],
    ctx: ProjectionContext<DB>,
  ) => Promise<void>;
  /**
   * Failures that pass with time (optional): a handler error for which this answers `true` is
   * retried until the handler succeeds, with the stall backoff (500 ms doubling to 30 s), and
   * never parked. For handlers with effects outside the transaction, such as a reactor sending
   * commands: a lost race or an unreachable database must delay the effect, not drop it.
   * Every other error is retried a few times, then parked.
   */
  readonly isTransient?: (error: unknown) => boolean;
}

/** The PostgreSQL schema that holds a projection's live tables. */
export const projectionSchema = (name: string): string => `rm_${name}`;

/**
 * A projection of any table shape, for lists that mix read models (the runtime's input).
 * `any` because {@link ProjectionContext} is invariant in its table types.
 *
 * @example
 * ```ts
 * const projections: readonly AnyProjection[] = [claimsListProjection, lossRatioProjection];
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: a Projection<T> is only assignable to Projection<any>.
export type AnyProjection = Projection<any>;
