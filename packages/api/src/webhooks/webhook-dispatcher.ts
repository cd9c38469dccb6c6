import type { EventStore, RecordedEvent } from "@claimstream/eventstore";
import type { Logger } from "pino";
import { toCloudEvent } from "../streams/cloud-event.js";
import type {
  AttemptRecord,
  DeliveryLedger,
  DueSubscription,
  OutboxEntry,
  RedeliveryRequest,
} from "./delivery-ledger.js";
import { EgressPolicy, type EgressSettings } from "./egress-policy.js";
import { afterFailure, type RetrySettings } from "./retry-schedule.js";
import { sendWebhook, type WebhookResponse } from "./webhook-sender.js";

/** How the dispatcher sends. */
export interface DispatchSettings extends RetrySettings {
  readonly timeoutMs: number;
  /** Where deliveries may connect (public addresses by default). */
  readonly egress: EgressSettings;
}

export interface WebhookDispatcherDependencies {
  readonly ledger: DeliveryLedger;
  readonly store: EventStore;
  readonly settings: DispatchSettings;
  readonly logger: Logger;
}

// Per round: subscriptions served in parallel, events per subscription, redeliveries.
const SUBSCRIPTIONS_PER_ROUND = 200;
const EVENTS_PER_SUBSCRIPTION = 50;
const REDELIVERIES_PER_ROUND = 20;

/**
 * Sends the webhook outbox: each round, every due subscription (no retry pending, or its retry
 * due) gets the outbox entries after its cursor that it selects, one at a time and in order; the
 * event is read from the store at send time (so erased personal data stays erased), wrapped as a
 * CloudEvent, signed and POSTed. A failure stops that subscription's round and schedules a retry
 * with exponential backoff (the cursor stays: order holds); after `maxAttempts` the event goes to
 * the dead letters and the cursor moves on. Then requested redeliveries are tried once each.
 * Subscriptions are served in parallel, so one slow receiver does not hold up the others.
 *
 * Delivery is at least once: a crash between a receiver's 2xx and the cursor's commit sends that
 * event again (same `X-Webhook-Delivery`).
 */
export class WebhookDispatcher {
  readonly #busy = new Map<string, Promise<void>>();
  readonly #egress: EgressPolicy;

  constructor(private readonly deps: WebhookDispatcherDependencies) {
    this.#egress = new EgressPolicy(deps.settings.egress);
  }

  /**
   * One round: starts serving each due subscription not already being served, and the requested
   * redeliveries, in the background (a slow receiver delays only its own subscription).
   */
  async dispatch(): Promise<void> {
    const head = await this.deps.ledger.outboxHead();
    const due = await this.deps.ledger.dueSubscriptions(new Date(), head, SUBSCRIPTIONS_PER_ROUND);
    for (const { id } of due) this.#run(id, () => this.#serve(id, head));
    this.#run("\u0000redeliveries", () => this.#redeliver());
  }

  /** Resolves once every delivery in progress has ended (to stop cleanly, or in tests). */
  async settle(): Promise<void> {
    while (this.#busy.size > 0) await Promise.all(this.#busy.values());
  }

  #run(key: string, work: () => Promise<void>): void {
    if (this.#busy.has(key)) return;
    const task = work()
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error, webhook: key }, "webhook delivery round failed"),
      )
      .finally(() => this.#busy.delete(key));
    this.#busy.set(key, task);
  }

  // Reloads the subscription: a round that just ended may have moved it since the due query.
  // Outbox rows commit in position order, so once fewer than a batch match, none is left
  // up to `head` (read before) and the cursor may jump there.
  async #serve(id: string, head: number): Promise<void> {
    let subscription = await this.deps.ledger.subscription(id);
    if (subscription === undefined) return;
    const retryAt = subscription.next_attempt_at;
    if (retryAt !== null && retryAt.getTime() > Date.now()) return;
    const entries = await this.deps.ledger.nextEntries(subscription, EVENTS_PER_SUBSCRIPTION);
    for (const entry of entries) {
      const next = await this.#deliver(subscription, entry);
      if (next === undefined) return;
      subscription = next;
    }
    if (entries.length < EVENTS_PER_SUBSCRIPTION) await this.deps.ledger.skipTo(subscription, head);
  }

  // The subscription as it stands after the entry, or undefined when its round must end.
  async #deliver(
    subscription: DueSubscription,
    entry: OutboxEntry,
  ): Promise<DueSubscription | undefined> {
    const attempt = subscription.attempts + 1;
    const response = await this.#send(subscription, entry, attempt);
    const record: AttemptRecord = { entry, attempt, ...this.#outcome(response) };
    const { ledger, settings } = this.deps;
    const moved = { ...subscription, position: String(entry.position), attempts: 0 };
    if (response.ok) return (await ledger.delivered(subscription, record)) ? moved : undefined;
    const next = afterFailure(attempt, settings);
    if (next.kind === "dead_letter") {
      this.deps.logger.warn(
        { webhook: subscription.id, event: entry.position, attempts: attempt },
        "webhook event dead-lettered",
      );
      return (await ledger.deadLettered(subscription, record)) ? moved : undefined;
    }
    await ledger.failed(subscription, record, new Date(Date.now() + next.delayMs));
    return undefined;
  }

  #outcome(response: WebhookResponse) {
    return { httpStatus: response.status, error: response.error, durationMs: response.durationMs };
  }

  async #eventAt(streamId: string, streamPosition: number): Promise<RecordedEvent | undefined> {
    for await (const event of this.deps.store.readStream(streamId, {
      fromVersion: streamPosition,
      maxCount: 1,
    }))
      return event;
    return undefined;
  }

  async #send(
    target: { readonly id: string; readonly url: string; readonly secret: string },
    entry: { readonly stream_id: string; readonly stream_position: string | number },
    attempt: number,
  ): Promise<WebhookResponse> {
    const event = await this.#eventAt(entry.stream_id, Number(entry.stream_position));
    if (event === undefined)
      return { ok: false, status: null, error: "event not found in the store", durationMs: 0 };
    const body = JSON.stringify(toCloudEvent(event));
    return sendWebhook(
      {
        url: target.url,
        secret: target.secret,
        subscriptionId: target.id,
        eventId: String(event.globalPosition),
        body,
        attempt,
      },
      { timeoutMs: this.deps.settings.timeoutMs, egress: this.#egress },
    );
  }

  async #redeliver(): Promise<void> {
    const requests = await this.deps.ledger.redeliveryRequests(REDELIVERIES_PER_ROUND);
    for (const request of requests) await this.#redeliverOne(request);
  }

  async #redeliverOne(request: RedeliveryRequest): Promise<void> {
    const entry: OutboxEntry = {
      position: request.position,
      event_id: request.eventId,
      stream_id: request.streamId,
      stream_position: request.streamPosition,
      category: "",
      event_type: request.eventType,
      insurer_id: null,
    };
    const attempt = request.attempts + 1;
    const response = await this.#send(
      { id: request.subscriptionId, url: request.url, secret: request.secret },
      entry,
      attempt,
    );
    await this.deps.ledger.redelivered(
      request,
      { entry, attempt, ...this.#outcome(response) },
      response.ok,
    );
  }
}
