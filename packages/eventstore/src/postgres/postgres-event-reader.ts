import type pg from "pg";
import type { DecodeEvents } from "../decode-events.js";
import type { HashChainHead } from "../hash-chain.js";
import type {
  AllPage,
  EventFilter,
  ReadAllOptions,
  ReadAllPageOptions,
  ReadStreamOptions,
  RecordedEvent,
} from "../port.js";
import type { StoredEvent } from "../stored-event.js";
import { recordedAtCutoff, streamBounds } from "../stream-range.js";
import type { CatchUpPage } from "../subscription/catch-up-subscription.js";
import {
  EVENT_COLUMNS,
  type EventRow,
  filterConditions,
  toSafeNumber,
  toStoredEvent,
} from "./postgres-rows.js";

/**
 * The barrier as a position: every event below it is final (its transaction ended), and every
 * event a running transaction may still commit lies at or above it. Transaction ids count from
 * the position offset (migration 5, ADR 0001), so restored events lie below it too.
 */
const BARRIER = `((pg_snapshot_xmin(pg_current_snapshot())::text::bigint
   + (SELECT o.transactions FROM eventstore.position_offset o)) * 65536)`;
const MAX_POSITION = Number.MAX_SAFE_INTEGER;

interface StoredAllPage {
  readonly events: readonly StoredEvent[];
  /** Every event below this position is committed or will never exist. */
  readonly barrier: number;
  /** Highest committed position, deliverable or not. */
  readonly head: number;
}

type AllPageRow = EventRow & { readonly barrier: string; readonly head: string | null };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The read queries of {@link PostgresEventStore}. */
export class PostgresEventReader {
  constructor(
    private readonly pool: pg.Pool,
    private readonly decode: DecodeEvents,
    private readonly settings: { readonly pageSize: number; readonly consistencyTimeoutMs: number },
  ) {}

  async *readStream(streamId: string, options: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const page of this.#streamPages(streamId, options)) yield* await this.decode(page);
  }

  /** The stream's raw events, in order, for hash-chain verification. */
  async *storedEvents(streamId: string): AsyncIterable<StoredEvent> {
    for await (const page of this.#streamPages(streamId, {})) yield* page;
  }

  async *#streamPages(streamId: string, options: ReadStreamOptions): AsyncIterable<StoredEvent[]> {
    const bounds = streamBounds(options);
    const cutoff = recordedAtCutoff(options);
    const forward = bounds.direction === "forward";
    let { low, high } = { low: bounds.low, high: Math.min(bounds.high, MAX_POSITION) };
    let remaining = bounds.maxCount;
    while (remaining > 0 && low <= high) {
      const limit = Math.min(remaining, this.settings.pageSize);
      const result = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM eventstore.events e
         WHERE e.stream_id = $1 AND e.stream_position BETWEEN $2 AND $3
         ${
           cutoff === undefined
             ? ""
             : `AND e.stream_position < coalesce((SELECT min(l.stream_position)
           FROM eventstore.events l WHERE l.stream_id = $1 AND l.recorded_at > $5), ${MAX_POSITION})`
         }
         ORDER BY e.stream_position ${forward ? "ASC" : "DESC"} LIMIT $4`,
        [streamId, low, high, limit, ...(cutoff === undefined ? [] : [new Date(cutoff)])],
      );
      const page = result.rows.map(toStoredEvent);
      if (page.length > 0) yield page;
      const last = page.at(-1);
      if (last === undefined || page.length < limit) return;
      remaining -= page.length;
      if (forward) low = last.streamPosition + 1;
      else high = last.streamPosition - 1;
    }
  }

  async *readAll(options: ReadAllOptions): AsyncIterable<RecordedEvent> {
    await this.#awaitTransactionsInFlight();
    let cursor = options.fromPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(remaining, this.settings.pageSize);
      const page = await this.#allPage(cursor, options.filter, limit);
      yield* await this.decode(page.events);
      const last = page.events.at(-1);
      if (last === undefined || page.events.length < limit) return;
      remaining -= page.events.length;
      cursor = last.globalPosition;
    }
  }

  /**
   * One query, no wait for transactions in flight: a short page's checkpoint stops below the
   * barrier, under any event a slower transaction may still commit.
   */
  async readAllPage(options: ReadAllPageOptions): Promise<AllPage> {
    const from = options.fromPosition ?? 0;
    const page = await this.#allPage(from, options.filter, options.maxCount);
    const last = page.events.at(-1)?.globalPosition ?? from;
    const full = page.events.length >= options.maxCount;
    // Below the barrier every event is final; above the head none is committed yet.
    const final = Math.min(page.barrier - 1, page.head);
    const checkpoint = full ? last : Math.max(last, final, from);
    return {
      events: await this.decode(page.events),
      checkpoint,
      head: Math.max(page.head, checkpoint),
    };
  }

  /**
   * One step of a `$all` subscription: a {@link readAllPage} of `pageSize`. Once caught up, the
   * cursor is the page's checkpoint (past what the filter skipped), and `retrySoon` says that
   * committed events wait above it for a slower transaction to finish.
   */
  async allPageForSubscription(
    cursor: number,
    filter: EventFilter | undefined,
  ): Promise<CatchUpPage<number>> {
    const { pageSize } = this.settings;
    const { events, checkpoint, head } = await this.readAllPage({
      fromPosition: cursor,
      maxCount: pageSize,
      filter,
    });
    if (events.length === pageSize) return { events, cursor: checkpoint, caughtUp: false };
    return { events, cursor: checkpoint, caughtUp: true, retrySoon: head > checkpoint };
  }

  /** One step of a stream subscription: stream positions commit in order (row lock). */
  async streamPageForSubscription(streamId: string, cursor: number): Promise<CatchUpPage<number>> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM eventstore.events e
       WHERE e.stream_id = $1 AND e.stream_position > $2 ORDER BY e.stream_position LIMIT $3`,
      [streamId, cursor, this.settings.pageSize],
    );
    const stored = result.rows.map(toStoredEvent);
    const next = stored.at(-1)?.streamPosition ?? cursor;
    const caughtUp = stored.length < this.settings.pageSize;
    return { events: await this.decode(stored), cursor: next, caughtUp };
  }

  // The barrier is the oldest transaction still running: events of older transactions are
  // final, and every later commit gets a higher position. See docs/adr/0001.
  async #allPage(
    after: number,
    filter: EventFilter | undefined,
    limit: number,
  ): Promise<StoredAllPage> {
    const conditions = filterConditions(filter, 3);
    const result = await this.pool.query<AllPageRow>(
      `WITH snapshot AS MATERIALIZED (
         SELECT ${BARRIER} AS barrier,
                (SELECT max(global_position) FROM eventstore.events) AS head)
       SELECT s.barrier::text AS barrier, s.head::text AS head, page.*
       FROM snapshot s LEFT JOIN LATERAL (
         SELECT ${EVENT_COLUMNS} FROM eventstore.events e
         WHERE e.global_position > $1 AND e.global_position < s.barrier ${conditions.sql}
         ORDER BY e.global_position LIMIT $2) page ON true`,
      [after, limit, ...conditions.parameters],
    );
    const first = result.rows[0] as AllPageRow;
    return {
      events: first.global_position === null ? [] : result.rows.map(toStoredEvent),
      barrier: toSafeNumber(first.barrier),
      head: first.head === null ? 0 : toSafeNumber(first.head),
    };
  }

  /**
   * Waits (bounded) until every event committed before the call can be delivered: until the
   * transactions older than the newest committed event have ended. Transactions that cannot
   * hold back a committed event (e.g. other databases' writes, a projection's batch, when no
   * event committed after it began) are not waited for: when nothing committed lies at or
   * above the barrier, it returns at once.
   */
  async #awaitTransactionsInFlight(): Promise<void> {
    const deadline = Date.now() + this.settings.consistencyTimeoutMs;
    const started = await this.pool.query<{ head: string | null; barrier: string }>(
      `SELECT (SELECT max(global_position) FROM eventstore.events)::text AS head,
              ${BARRIER}::text AS barrier`,
    );
    const { head, barrier } = started.rows[0] as { head: string | null; barrier: string };
    if (head === null) return;
    let delayMs = 1;
    for (let done = toSafeNumber(head) < toSafeNumber(barrier); !done && Date.now() < deadline; ) {
      await sleep(delayMs);
      delayMs = Math.min(delayMs * 2, 50);
      const check = await this.pool.query<{ done: boolean }>(
        `SELECT ${BARRIER} > $1::bigint AS done`,
        [head],
      );
      done = check.rows[0]?.done === true;
    }
  }

  async headPosition(): Promise<number> {
    await this.#awaitTransactionsInFlight();
    const result = await this.pool.query<{ head: string }>(
      `SELECT coalesce(max(global_position), 0)::text AS head FROM eventstore.events
       WHERE global_position < ${BARRIER}`,
    );
    return toSafeNumber(result.rows[0]?.head ?? "0");
  }

  /** The stream record: version and last hash, or `undefined` when there is no stream. */
  async streamHead(streamId: string): Promise<HashChainHead | undefined> {
    const result = await this.pool.query<{ version: string; last_hash: string | null }>(
      "SELECT version::text, last_hash FROM eventstore.streams WHERE stream_id = $1",
      [streamId],
    );
    const row = result.rows[0];
    return row && { version: toSafeNumber(row.version), lastHash: row.last_hash };
  }
}
