import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { WEBHOOK_SCHEMA } from "./webhook-migrations.js";
import type {
  CreateWebhook,
  DeadLetterView,
  DeliveryView,
  WebhookView,
} from "./webhook-subscription.js";
import type { DeliveryTable, SubscriptionTable, WebhookTables } from "./webhook-tables.js";

/** Who asks: the key's id and insurer scope (`null`: every insurer). */
export interface WebhookOwner {
  readonly keyId: string;
  readonly insurerId: string | null;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

const viewOf = (row: Omit<Selectable<SubscriptionTable>, "secret">): WebhookView => ({
  id: row.id,
  url: row.url,
  insurerId: row.insurer_id,
  categories: row.categories,
  types: row.event_types,
  description: row.description,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  position: Number(row.position),
  failingAttempts: row.attempts,
  nextAttemptAt: iso(row.next_attempt_at),
  lastError: row.last_error,
});

const deliveryOf = (row: Selectable<DeliveryTable>): DeliveryView => ({
  eventId: String(row.event_position),
  eventType: row.event_type,
  attempt: row.attempt,
  outcome: row.outcome,
  redelivery: row.redelivery,
  httpStatus: row.http_status,
  error: row.error,
  durationMs: row.duration_ms,
  attemptedAt: row.attempted_at.toISOString(),
});

// Every column but the secret: it is read only by the dispatcher, to sign.
const PUBLIC_COLUMNS = [
  "id",
  "url",
  "insurer_id",
  "categories",
  "event_types",
  "description",
  "created_by",
  "created_at",
  "position",
  "attempts",
  "next_attempt_at",
  "last_error",
] as const;

/**
 * The webhook subscriptions as the API manages them, always within the caller's insurer scope:
 * a subscription of another insurer is indistinguishable from a missing one.
 *
 * @example
 * ```ts
 * const webhooks = new WebhookRepository(db);
 * const created = await webhooks.create(body, { keyId: "integrator-1", insurerId: "pm" }, head);
 * ```
 */
export class WebhookRepository {
  readonly #db;

  constructor(db: Kysely<unknown>) {
    this.#db = (db as Kysely<WebhookTables>).withSchema(WEBHOOK_SCHEMA);
  }

  /** Stores a subscription starting after `position`; returns its view (no secret). */
  async create(body: CreateWebhook, owner: WebhookOwner, position: number): Promise<WebhookView> {
    const row = await this.#db
      .insertInto("subscriptions")
      .values({
        id: `wh_${randomUUID().replaceAll("-", "")}`,
        url: body.url,
        secret: body.secret,
        insurer_id: owner.insurerId,
        categories: [...body.categories],
        event_types: [...body.types],
        description: body.description ?? null,
        created_by: owner.keyId,
        position,
      })
      .returning(PUBLIC_COLUMNS)
      .executeTakeFirstOrThrow();
    return viewOf(row);
  }

  #visible(owner: WebhookOwner) {
    const query = this.#db.selectFrom("subscriptions").select(PUBLIC_COLUMNS);
    return owner.insurerId === null ? query : query.where("insurer_id", "=", owner.insurerId);
  }

  /** The subscriptions the caller may see, oldest first. */
  async list(owner: WebhookOwner): Promise<WebhookView[]> {
    const rows = await this.#visible(owner).orderBy("created_at").orderBy("id").execute();
    return rows.map(viewOf);
  }

  /** One subscription, or `undefined` when missing or another insurer's. */
  async get(id: string, owner: WebhookOwner): Promise<WebhookView | undefined> {
    const row = await this.#visible(owner).where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : viewOf(row);
  }

  /** Deletes a subscription with its log and dead letters; `false` when not visible. */
  async delete(id: string, owner: WebhookOwner): Promise<boolean> {
    let query = this.#db.deleteFrom("subscriptions").where("id", "=", id);
    if (owner.insurerId !== null) query = query.where("insurer_id", "=", owner.insurerId);
    const result = await query.executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The latest attempts, newest first. */
  async deliveries(id: string, limit: number): Promise<DeliveryView[]> {
    const rows = await this.#db
      .selectFrom("deliveries")
      .selectAll()
      .where("subscription_id", "=", id)
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows.map(deliveryOf);
  }

  /** The events given up on, in global order. */
  async deadLetters(id: string): Promise<DeadLetterView[]> {
    const rows = await this.#db
      .selectFrom("dead_letters")
      .selectAll()
      .where("subscription_id", "=", id)
      .orderBy("event_position")
      .execute();
    return rows.map((row) => ({
      eventId: String(row.event_position),
      eventType: row.event_type,
      subject: row.stream_id,
      attempts: row.attempts,
      lastError: row.last_error,
      deadAt: row.dead_at.toISOString(),
      redeliveryRequestedAt: iso(row.redeliver_requested_at),
    }));
  }

  /**
   * Asks the dispatcher to send dead letters again (all, or those of `eventIds`); each is tried
   * once more and leaves the list when delivered. Returns how many were requested.
   */
  async requestRedelivery(id: string, eventIds?: readonly number[]): Promise<number> {
    if (eventIds?.length === 0) return 0;
    let query = this.#db
      .updateTable("dead_letters")
      .set({ redeliver_requested_at: new Date() })
      .where("subscription_id", "=", id);
    if (eventIds !== undefined) query = query.where("event_position", "in", eventIds.map(String));
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
