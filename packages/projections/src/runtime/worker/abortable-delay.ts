/** Waits `ms`, or less when `signal` aborts; never rejects. */
export const abortableDelay = (ms: number, signal: AbortSignal): Promise<void> => {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
};
