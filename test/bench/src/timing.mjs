/** Wall-clock timing of the measured parts only. */
import { performance } from "node:perf_hooks";

/** Runs `work` and returns its result with the elapsed seconds. */
export const timed = async (work) => {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
};

/** Throughput of `count` items done in `seconds`, as a measure's repetition result. */
export const throughput = (count, seconds, extra = {}) => ({
  value: count / seconds,
  seconds,
  count,
  ...extra,
});

/** Waits `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
