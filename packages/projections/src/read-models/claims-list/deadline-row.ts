import type { ClaimEvent } from "@claimstream/domain";
import type { RecordsetColumn } from "../shared/recordset-upsert.js";

/** A claim's deadline as the handler folds it in memory (see `ClaimsListDeadlineTable`). */
export interface DeadlineRow {
  readonly claim_id: string;
  readonly deadline_id: string;
  readonly kind: string;
  readonly status: "open" | "paused" | "met" | "breached";
  readonly due_at: string;
}

/** The columns of {@link DeadlineRow} with their PostgreSQL types, for `upsertRecordset`. */
export const DEADLINE_ROW_COLUMNS: readonly RecordsetColumn[] = [
  ["claim_id", "text"],
  ["deadline_id", "text"],
  ["kind", "text"],
  ["status", "text"],
  ["due_at", "timestamptz"],
];

/** The deadline events: they change the deadlines table, and the claim's deadline counts. */
export type DeadlineEvent = Extract<
  ClaimEvent,
  {
    type:
      | "DeadlineStarted"
      | "DeadlinePaused"
      | "DeadlineResumed"
      | "DeadlineRecomputed"
      | "DeadlineMet"
      | "DeadlineBreached";
  }
>;

const DEADLINE_EVENT_TYPES = new Set<string>([
  "DeadlineStarted",
  "DeadlinePaused",
  "DeadlineResumed",
  "DeadlineRecomputed",
  "DeadlineMet",
  "DeadlineBreached",
]);

/** Whether a claim event is one of the {@link DeadlineEvent}s. */
export const isDeadlineEvent = (event: ClaimEvent): event is DeadlineEvent =>
  DEADLINE_EVENT_TYPES.has(event.type);

/** The deadline a {@link DeadlineEvent} is about. */
export const deadlineIdOf = (event: DeadlineEvent): string =>
  event.type === "DeadlineStarted" ? event.deadline.id : event.deadlineId;

/**
 * How a deadline event changes the deadline's row (pure): `DeadlineStarted` records it (the
 * first start wins), the others move a known deadline's status (and due time on resume).
 */
export const stepDeadline = (
  row: DeadlineRow | undefined,
  claimId: string,
  event: DeadlineEvent,
): DeadlineRow | undefined => {
  if (event.type === "DeadlineStarted") {
    const { id, kind, status, dueAt } = event.deadline;
    return row ?? { claim_id: claimId, deadline_id: id, kind, status, due_at: dueAt };
  }
  if (row === undefined) return row;
  switch (event.type) {
    case "DeadlinePaused":
      return { ...row, status: "paused" };
    case "DeadlineResumed":
      return { ...row, status: "open", due_at: event.dueAt };
    case "DeadlineRecomputed":
      return { ...row, due_at: event.dueAt };
    case "DeadlineMet":
      return { ...row, status: "met" };
    case "DeadlineBreached":
      return { ...row, status: "breached" };
  }
};
