import type { AggregateName } from "../aggregates/aggregate.js";

/** A command the process manager sent after a command's events, and how it went. */
export interface FollowUp {
  readonly aggregate: AggregateName;
  readonly id: string;
  readonly type: string;
  /** The event that caused it. */
  readonly causationId: string;
  readonly outcome: "applied" | "replayed" | "rejected" | "failed";
  /** The stream version after it, when applied. */
  readonly version?: number;
  /** The rejection code, or the error message of a failure. */
  readonly reason?: string;
}
