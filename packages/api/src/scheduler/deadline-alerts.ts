import { type ClaimState, isAtRisk, isBreached } from "@claimstream/domain";

/** A command the deadline scheduler sends to a claim, with its idempotency key. */
export interface DeadlineAlert {
  readonly deadlineId: string;
  readonly command:
    | {
        readonly type: "MarkDeadlineBreached";
        readonly deadlineId: string;
        readonly occurredAt: string;
      }
    | {
        readonly type: "FlagDeadlineAtRisk";
        readonly deadlineId: string;
        readonly fraction: number;
        readonly occurredAt: string;
      };
  /**
   * Same key, same command: a breach once per deadline; an at-risk warning once per deadline and
   * due time (a resume that moves the due time may warn again).
   */
  readonly idempotencyKey: string;
}

/**
 * The alerts a claim's deadlines call for at `now`: `MarkDeadlineBreached` for each open deadline
 * past its due time (`isBreached`), else `FlagDeadlineAtRisk` once `fraction` of its window has
 * gone (`isAtRisk`). Pure: the decider has the last word (it refuses a breach not yet due).
 *
 * @example
 * ```ts
 * deadlineAlerts(claimState, "2026-03-19T00:00:00.000Z", 0.8);
 * // [{ deadlineId: "cn.payment_10d-1", command: { type: "MarkDeadlineBreached", … }, … }]
 * ```
 */
export const deadlineAlerts = (
  state: Pick<ClaimState, "deadlines">,
  now: string,
  fraction: number,
): DeadlineAlert[] =>
  Object.values(state.deadlines).flatMap((deadline): DeadlineAlert[] => {
    const deadlineId = deadline.id;
    if (isBreached(deadline, now)) {
      return [
        {
          deadlineId,
          command: { type: "MarkDeadlineBreached", deadlineId, occurredAt: now },
          idempotencyKey: `deadline-breached:${deadlineId}`,
        },
      ];
    }
    if (isAtRisk(deadline, now, fraction)) {
      return [
        {
          deadlineId,
          command: { type: "FlagDeadlineAtRisk", deadlineId, fraction, occurredAt: now },
          idempotencyKey: `deadline-at-risk:${deadlineId}:${deadline.dueAt}`,
        },
      ];
    }
    return [];
  });
