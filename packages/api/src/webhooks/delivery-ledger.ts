import { projectionSchema } from "@claimstream/projections";
import type { Kysely, Selectable } from "kysely";
import { WEBHOOK_SCHEMA } from "./webhook-migrations.js";
import {
  type OutboxEntryTable,
  type OutboxTables,
  WEBHOOK_OUTBOX,
} from "./webhook-outbox-projection.js";
import type { SubscriptionTable, WebhookTables } from "./webhook-tables.js";

/** A subscription as the dispatcher needs it (with its secret, to sign). */
export type DueSubscription = Selectable<SubscriptionTable>;

/** One outbox entry: a reference to an event. */
export type OutboxEntry = Selectable<OutboxEntryTable>;

/** One dead letter to send again, with what signing and sending need. */
export interface RedeliveryRequest {
  readonly subscriptionId: string;
  readonly url: string;
  readonly secret: string;
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamPosition: number;
  readonly eventType: string;
  readonly attempts: number;
}

/** What one attempt did, for the delivery log. */
export interface AttemptRecord {
  readonly entry: OutboxEntry;
  readonly attempt: number;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly redelivery?: boolean;
}

const clip = (text: string | null): string | null => (text === null ? null : text.slice(0, 500));

/**
 * The dispatcher's reads and writes: due subscriptions, the outbox entries after a cursor that
 * match a subscription, and the outcome of each attempt. Each outcome moves the cursor and logs
 * the attempt in one transaction, fenced on the cursor it started from, so a dispatcher that
 * lost its lease cannot move a cursor another has moved.
 */
export class DeliveryLedger {
  readonly #db: Kysely<WebhookTables>;
  readonly #outbox: Kysely<OutboxTables>;

  constructor(db: Kysely<unknown>) {
    this.#db = db as Kysely<WebhookTables>;
    this.#outbox = db as Kysely<OutboxTables>;
  }

  #webhooks(db: Kysely<WebhookTables> = this.#db) {
    return db.withSchema(WEBHOOK_SCHEMA);
  }

  /** The last outbox position (0 when empty). */
  async outboxHead(): Promise<number> {
    const row = await this.#outbox
      .withSchema(projectionSchema(WEBHOOK_OUTBOX))
      .selectFrom("entries")
      .select((eb) => eb.fn.max("position").as("head"))
      .executeTakeFirst();
    return Number(row?.head ?? 0);
  }

  /** Subscriptions behind `head` with no retry pending, or whose retry is due at `now`. */
  async dueSubscriptions(
    now: Date,
    head: number,
    limit: number,
  ): Promise<{ readonly id: string }[]> {
    return this.#webhooks()
      .selectFrom("subscriptions")
      .select("id")
      .where("position", "<", String(head))
      .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]))
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** One subscription as it stands now; `undefined` once deleted. */
  subscription(id: string): Promise<DueSubscription | undefined> {
    return this.#webhooks()
      .selectFrom("subscriptions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
  }

  /** The next outbox entries after the subscription's cursor that it selects, in order. */
  async nextEntries(subscription: DueSubscription, limit: number): Promise<OutboxEntry[]> {
    let query = this.#outbox
      .withSchema(projectionSchema(WEBHOOK_OUTBOX))
      .selectFrom("entries")
      .selectAll()
      .where("position", ">", Number(subscription.position));
    if (subscription.insurer_id !== null)
      query = query.where("insurer_id", "=", subscription.insurer_id);
    if (subscription.categories.length > 0)
      query = query.where("category", "in", subscription.categories);
    if (subscription.event_types.length > 0)
      query = query.where("event_type", "in", subscription.event_types);
    return query.orderBy("position").limit(limit).execute();
  }

  async #log(
    db: Kysely<WebhookTables>,
    subscriptionId: string,
    record: AttemptRecord,
    outcome: "delivered" | "failed" | "dead_lettered",
  ) {
    await this.#webhooks(db)
      .insertInto("deliveries")
      .values({
        subscription_id: subscriptionId,
        event_position: Number(record.entry.position),
        event_id: record.entry.event_id,
        event_type: record.entry.event_type,
        attempt: record.attempt,
        outcome,
        redelivery: record.redelivery ?? false,
        http_status: record.httpStatus,
        error: clip(record.error),
        duration_ms: record.durationMs,
        attempted_at: new Date(),
      })
      .execute();
  }

  // Moves the cursor from `from` (fence) with `changes`; false when another moved it first.
  async #advance(
    subscription: DueSubscription,
    changes: {
      position?: number;
      attempts: number;
      next_attempt_at: Date | null;
      last_error: string | null;
    },
    write: (db: Kysely<WebhookTables>) => Promise<void>,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (tx) => {
      const moved = await this.#webhooks(tx)
        .updateTable("subscriptions")
        .set({ ...changes, last_error: clip(changes.last_error) })
        .where("id", "=", subscription.id)
        .where("position", "=", subscription.position)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) return false;
      await write(tx);
      return true;
    });
  }

  /** The entry was delivered: the cursor moves past it. */
  delivered(subscription: DueSubscription, record: AttemptRecord): Promise<boolean> {
    return this.#advance(
      subscription,
      {
        position: Number(record.entry.position),
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
      },
      (tx) => this.#log(tx, subscription.id, record, "delivered"),
    );
  }

  /**
   * Nothing more matches up to `head`: the cursor jumps there (fenced), so the next rounds skip
   * the events this subscription does not select instead of scanning them again.
   */
  async skipTo(subscription: DueSubscription, head: number): Promise<void> {
    await this.#webhooks()
      .updateTable("subscriptions")
      .set({ position: head })
      .where("id", "=", subscription.id)
      .where("position", "=", subscription.position)
      .where("position", "<", String(head))
      .execute();
  }

  /** The entry failed and will be retried at `retryAt`; the cursor stays. */
  failed(subscription: DueSubscription, record: AttemptRecord, retryAt: Date): Promise<boolean> {
    return this.#advance(
      subscription,
      { attempts: record.attempt, next_attempt_at: retryAt, last_error: record.error },
      (tx) => this.#log(tx, subscription.id, record, "failed"),
    );
  }

  /** The entry failed for the last time: it becomes a dead letter and the cursor moves on. */
  deadLettered(subscription: DueSubscription, record: AttemptRecord): Promise<boolean> {
    const { entry } = record;
    return this.#advance(
      subscription,
      {
        position: Number(entry.position),
        attempts: 0,
        next_attempt_at: null,
        last_error: record.error,
      },
      async (tx) => {
        await this.#log(tx, subscription.id, record, "dead_lettered");
        await this.#webhooks(tx)
          .insertInto("dead_letters")
          .values({
            subscription_id: subscription.id,
            event_position: Number(entry.position),
            event_id: entry.event_id,
            stream_id: entry.stream_id,
            stream_position: Number(entry.stream_position),
            event_type: entry.event_type,
            attempts: record.attempt,
            last_error: clip(record.error) ?? "failed",
            dead_at: new Date(),
          })
          .onConflict((oc) => oc.columns(["subscription_id", "event_position"]).doNothing())
          .execute();
      },
    );
  }

  /** Dead letters whose redelivery was asked for, oldest request first. */
  async redeliveryRequests(limit: number): Promise<RedeliveryRequest[]> {
    const rows = await this.#webhooks()
      .selectFrom("dead_letters as d")
      .innerJoin("subscriptions as s", "s.id", "d.subscription_id")
      .select([
        "d.subscription_id",
        "s.url",
        "s.secret",
        "d.event_position",
        "d.event_id",
        "d.stream_id",
        "d.stream_position",
        "d.event_type",
        "d.attempts",
      ])
      .where("d.redeliver_requested_at", "is not", null)
      .orderBy("d.redeliver_requested_at")
      .orderBy("d.event_position")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      subscriptionId: row.subscription_id,
      url: row.url,
      secret: row.secret,
      position: Number(row.event_position),
      eventId: row.event_id,
      streamId: row.stream_id,
      streamPosition: Number(row.stream_position),
      eventType: row.event_type,
      attempts: row.attempts,
    }));
  }

  /** A redelivery ended: delivered ones leave the dead letters, failed ones stay (request cleared). */
  async redelivered(request: RedeliveryRequest, record: AttemptRecord, ok: boolean): Promise<void> {
    await this.#db.transaction().execute(async (tx) => {
      if (ok) {
        await this.#webhooks(tx)
          .deleteFrom("dead_letters")
          .where("subscription_id", "=", request.subscriptionId)
          .where("event_position", "=", String(request.position))
          .execute();
      } else {
        await this.#webhooks(tx)
          .updateTable("dead_letters")
          .set({
            attempts: record.attempt,
            last_error: clip(record.error) ?? "failed",
            redeliver_requested_at: null,
          })
          .where("subscription_id", "=", request.subscriptionId)
          .where("event_position", "=", String(request.position))
          .execute();
      }
      await this.#log(
        tx,
        request.subscriptionId,
        { ...record, redelivery: true },
        ok ? "delivered" : "failed",
      );
    });
  }
}
