import type { ColumnType, Generated } from "kysely";

/** `live` holds the served tables' checkpoint; `next` the one of a blue/green rebuild in progress. */
export type CheckpointSlot = "live" | "next";

/** `bigint` columns: PostgreSQL sends them as text; positions stay below 2^53. */
type BigintColumn = ColumnType<string, number, number>;

/** `projections.checkpoints`: one row per projection and slot. */
export interface CheckpointTable {
  readonly name: string;
  readonly slot: CheckpointSlot;
  /** The projection version the slot's tables were built with. */
  readonly version: number;
  readonly schema_name: string;
  /** The event types the projection reads (so the CLI can count its lag). */
  readonly event_types: ColumnType<string[], readonly string[], readonly string[]>;
  /** Every event at or below this global position is applied (or parked). */
  readonly position: BigintColumn;
  readonly events_applied: BigintColumn;
  /** The state last written by the worker holding the lease. */
  readonly status: string;
  /** `recordedAt` of the last applied event. */
  readonly last_event_at: Date | null;
  readonly rebuild_requested_at: Date | null;
  readonly last_rebuilt_at: Date | null;
  readonly created_at: Generated<Date>;
  readonly updated_at: Generated<Date>;
}

/** `projections.parked_events`: events a projection failed to apply, skipped until replayed. */
export interface ParkedEventTable {
  readonly projection: string;
  readonly slot: CheckpointSlot;
  readonly global_position: BigintColumn;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_position: BigintColumn;
  readonly type: string;
  readonly error: string;
  readonly attempts: number;
  readonly parked_at: Generated<Date>;
  readonly last_attempt_at: Generated<Date>;
  readonly replay_requested_at: Date | null;
}

/** The runtime's bookkeeping tables, as kysely sees them. */
export interface ProjectionsDatabase {
  readonly "projections.checkpoints": CheckpointTable;
  readonly "projections.parked_events": ParkedEventTable;
}
