/** Summaries of repeated measurements: median and spread. */

/** The `q` quantile (0…1) of sorted numbers, linearly interpolated. */
export const quantile = (sorted, q) => {
  if (sorted.length === 0) return Number.NaN;
  const index = (sorted.length - 1) * q;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
};

/** Median, min, max and interquartile range of the values (in the order measured). */
export const summarize = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0],
    max: sorted.at(-1),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    values,
  };
};

/** p50 and p99 of latencies (milliseconds). */
export const latencyPercentiles = (latencies) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), count: sorted.length };
};
