import type { EventSubscription, RecordedEvent } from "../port.js";
import type { ChangeNotifier } from "./change-notifier.js";

/** One read of a catch-up loop. */
export interface CatchUpPage<Cursor> {
  readonly events: readonly RecordedEvent[];
  /** Where the next read starts. */
  readonly cursor: Cursor;
  /** Nothing more to read right now: wait for a change before reading again. */
  readonly caughtUp: boolean;
  /** Committed events exist but cannot be delivered in order yet: read again soon. */
  readonly retrySoon?: boolean;
}

/** Timing of a catch-up loop. */
export interface CatchUpTiming {
  /** Longest wait between reads when no change notification arrives. */
  readonly pollIntervalMs: number;
  /** First wait before re-reading when {@link CatchUpPage.retrySoon} is set; doubles while nothing arrives. */
  readonly retryDelayMs: number;
}

/**
 * A subscription as one loop over a cursor: read a page, deliver it, and once caught up wait
 * for a change (or the poll interval). Catch-up and live delivery are the same code path, so
 * there is no hand-over where an event could be skipped or delivered twice.
 */
export const createCatchUpSubscription = <Cursor>(
  start: Cursor,
  readPage: (cursor: Cursor) => Promise<CatchUpPage<Cursor>>,
  changes: ChangeNotifier,
  timing: CatchUpTiming,
  onEnd?: () => void,
): EventSubscription => {
  const stopping = new AbortController();
  async function* deliver(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      yield* follow();
    } finally {
      onEnd?.();
    }
  }
  async function* follow(): AsyncGenerator<RecordedEvent, void, undefined> {
    let cursor = start;
    let retryDelayMs = timing.retryDelayMs;
    while (!stopping.signal.aborted) {
      const seen = changes.version;
      const page = await readPage(cursor);
      for (const event of page.events) {
        if (stopping.signal.aborted) return;
        yield event;
      }
      cursor = page.cursor;
      retryDelayMs = page.events.length > 0 ? timing.retryDelayMs : retryDelayMs;
      if (page.caughtUp && page.retrySoon === true) {
        await changes.waitForChange(seen, retryDelayMs, stopping.signal);
        retryDelayMs = Math.min(retryDelayMs * 2, timing.pollIntervalMs);
      } else if (page.caughtUp) {
        await changes.waitForChange(seen, timing.pollIntervalMs, stopping.signal);
      }
    }
  }
  const events = deliver();
  return {
    [Symbol.asyncIterator]: () => events,
    stop: async () => {
      stopping.abort();
      await events.return(undefined);
      onEnd?.();
    },
  };
};
