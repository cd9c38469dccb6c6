import type { RecordedEvent } from "@claimstream/eventstore";
import type { Projection } from "../../src/runtime/projection.js";

export interface StreamCountTables {
  stream_counts: { stream_id: string; events: number; weight: number; last_position: string };
  applied_events: { global_position: string; stream_id: string };
}

export interface StreamCountOptions {
  readonly name?: string;
  readonly version?: number;
  readonly eventTypes?: readonly string[];
  /** Called first for every event the handler sees (also for failing attempts). */
  readonly onEvent?: (event: RecordedEvent) => void;
  /** Sleeps this long per event, to widen the window of a batch. */
  readonly delayMs?: number;
  /** Throws for these events. */
  readonly failWhen?: (event: RecordedEvent) => boolean;
  /** Adds this to the stream's weight (default 1): lets a new version change the figures. */
  readonly weightOf?: (event: RecordedEvent) => number;
}

export declare const streamCountProjection: (
  options?: StreamCountOptions,
) => Projection<StreamCountTables>;
