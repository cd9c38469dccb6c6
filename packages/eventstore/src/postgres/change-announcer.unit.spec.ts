import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChangeAnnouncer } from "./change-announcer.js";

// A pool that records the (fake) time of each NOTIFY and answers it when `answer()` is called.
const recordingPool = () => {
  const sent: number[] = [];
  const pending: (() => void)[] = [];
  const pool = {
    query: (text: string) => {
      expect(text).toBe("NOTIFY eventstore_events");
      sent.push(Date.now());
      return new Promise<void>((resolve) => pending.push(resolve));
    },
  } as unknown as pg.Pool;
  const answer = async () => {
    for (const resolve of pending.splice(0)) resolve();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { pool, sent, answer };
};

describe("ChangeAnnouncer", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends one notification for the appends of one interval, at its end", async () => {
    const { pool, sent } = recordingPool();
    const announcer = new ChangeAnnouncer(pool, 40);
    for (let i = 0; i < 10; i += 1) {
      announcer.announce();
      await vi.advanceTimersByTimeAsync(3);
    }
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual([40]);
  });

  it("sends again, an interval later, for appends that committed while one was on its way", async () => {
    const { pool, sent, answer } = recordingPool();
    const announcer = new ChangeAnnouncer(pool, 10);
    announcer.announce();
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual([10]);
    announcer.announce(); // while the first NOTIFY waits for its answer
    announcer.announce();
    await vi.advanceTimersByTimeAsync(20);
    expect(sent).toEqual([10]);
    await answer();
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual([10, 40]);
    await answer();
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(2);
  });

  it("sends at once with an interval of 0, and on drain without waiting the interval out", async () => {
    const immediate = recordingPool();
    new ChangeAnnouncer(immediate.pool, 0).announce();
    await vi.advanceTimersByTimeAsync(0);
    expect(immediate.sent).toEqual([0]);

    const drained = recordingPool();
    const announcer = new ChangeAnnouncer(drained.pool, 10_000);
    announcer.announce();
    const draining = announcer.drain();
    await vi.advanceTimersByTimeAsync(0);
    expect(drained.sent).toEqual([0]);
    await drained.answer();
    await draining;
  });
});
