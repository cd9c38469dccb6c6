import { describe, expect, it } from "vitest";
import { ChangeNotifier } from "./change-notifier.js";

describe("ChangeNotifier", () => {
  it("wakes a waiter at once when a change landed after the version it noted", async () => {
    const signal = new ChangeNotifier();
    const seen = signal.version;
    signal.notify();
    const started = Date.now();
    await signal.waitForChange(seen, 10_000, new AbortController().signal);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("wakes a waiting worker on notify, on abort, and otherwise after the poll interval", async () => {
    const signal = new ChangeNotifier();
    const notified = signal.waitForChange(signal.version, 10_000, new AbortController().signal);
    signal.notify();
    await notified;

    const stop = new AbortController();
    const aborted = signal.waitForChange(signal.version, 10_000, stop.signal);
    stop.abort();
    await aborted;

    const started = Date.now();
    await signal.waitForChange(signal.version, 30, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
