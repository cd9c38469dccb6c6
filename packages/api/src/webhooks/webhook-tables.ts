import type { ColumnType, Generated } from "kysely";

/** A `timestamptz` column: read as a `Date`, written as ISO 8601 text (or a `Date`). */
type InstantColumn = ColumnType<Date, string | Date, string | Date>;
/** A `bigint` column: pg reads it as text; positions fit in a JS number. */
type PositionColumn = ColumnType<string, number | string, number | string>;

/** `webhooks.subscriptions`: one per webhook, with its delivery cursor. */
export interface SubscriptionTable {
  readonly id: string;
  readonly url: string;
  /** The HMAC key; never leaves the database except to sign. */
  readonly secret: string;
  /** The insurer of the key that created it; `null`: every insurer. */
  readonly insurer_id: string | null;
  readonly categories: string[];
  readonly event_types: string[];
  readonly description: string | null;
  readonly created_by: string;
  readonly created_at: ColumnType<Date, string | undefined, never>;
  /** Every outbox entry at or below this position is delivered or dead-lettered. */
  readonly position: PositionColumn;
  /** Failed attempts of the next entry. */
  readonly attempts: Generated<number>;
  readonly next_attempt_at: InstantColumn | null;
  readonly last_error: string | null;
}

/** `webhooks.deliveries`: the delivery log, one row per attempt. */
export interface DeliveryTable {
  readonly id: Generated<string>;
  readonly subscription_id: string;
  readonly event_position: PositionColumn;
  readonly event_id: string;
  readonly event_type: string;
  readonly attempt: number;
  readonly outcome: "delivered" | "failed" | "dead_lettered";
  readonly redelivery: boolean;
  readonly http_status: number | null;
  readonly error: string | null;
  readonly duration_ms: number;
  readonly attempted_at: InstantColumn;
}

/** `webhooks.dead_letters`: events given up on, by reference (never a copy of the data). */
export interface DeadLetterTable {
  readonly subscription_id: string;
  readonly event_position: PositionColumn;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_position: PositionColumn;
  readonly event_type: string;
  readonly attempts: number;
  readonly last_error: string;
  readonly dead_at: InstantColumn;
  readonly redeliver_requested_at: InstantColumn | null;
}

/** The webhook tables, as kysely sees schema `webhooks`. */
export interface WebhookTables {
  readonly subscriptions: SubscriptionTable;
  readonly deliveries: DeliveryTable;
  readonly dead_letters: DeadLetterTable;
}
