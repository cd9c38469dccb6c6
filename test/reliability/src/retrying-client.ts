import { type Answer, type Call, send } from "./http-client.js";

/** How one command fared when retried with its Idempotency-Key until it was applied. */
export interface RetriedCommand {
  readonly key: string;
  /** Statuses of every attempt, in order (`0`: no answer: connection refused or timed out). */
  readonly statuses: readonly number[];
  /** The answer that applied (or replayed) it; `undefined` when it never got through. */
  readonly applied?: Answer;
  /** The slowest attempt, in ms. */
  readonly slowestMs: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a command with an `Idempotency-Key` and retries it, with the same key, on 503 or on no
 * answer, as a careful client does, until applied or `deadline` (epoch ms).
 *
 * @example
 * ```ts
 * const outcome = await sendUntilApplied(api.url, call, "cmd-17", Date.now() + 60_000);
 * ```
 */
export const sendUntilApplied = async (
  baseUrl: string,
  call: Call,
  key: string,
  deadline: number,
): Promise<RetriedCommand> => {
  const statuses: number[] = [];
  let slowestMs = 0;
  while (Date.now() < deadline) {
    const started = performance.now();
    const answer = await send(baseUrl, {
      ...call,
      headers: { ...call.headers, "idempotency-key": key },
      timeoutMs: 15_000,
    }).catch(() => undefined);
    slowestMs = Math.max(slowestMs, performance.now() - started);
    statuses.push(answer?.status ?? 0);
    if (answer !== undefined && answer.status < 300)
      return { key, statuses, applied: answer, slowestMs };
    if (answer !== undefined && answer.status !== 503) return { key, statuses, slowestMs };
    await pause(200);
  }
  return { key, statuses, slowestMs };
};
