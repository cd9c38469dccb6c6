import type { ReadStreamOptions } from "./port.js";

/** The stream positions one `readStream` call may cover, independent of the stream's length. */
export interface StreamBounds {
  readonly direction: "forward" | "backward";
  /** Lowest position to return (inclusive). */
  readonly low: number;
  /** Highest position to return (inclusive; `Infinity` when open). */
  readonly high: number;
  readonly maxCount: number;
}

/**
 * Resolves `readStream` options: forward reads go from `fromVersion` up to `toVersion`,
 * backward reads from `fromVersion` down to `toVersion`.
 */
export const streamBounds = (options: ReadStreamOptions): StreamBounds => {
  const direction = options.direction ?? "forward";
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  const from = options.fromVersion;
  const to = options.toVersion;
  return direction === "forward"
    ? { direction, low: Math.max(from ?? 1, 1), high: to ?? Number.POSITIVE_INFINITY, maxCount }
    : { direction, low: Math.max(to ?? 1, 1), high: from ?? Number.POSITIVE_INFINITY, maxCount };
};

/** `upToRecordedAt` as epoch milliseconds; throws a `TypeError` when it is not a date. */
export const recordedAtCutoff = (options: ReadStreamOptions): number | undefined => {
  if (options.upToRecordedAt === undefined) return undefined;
  const cutoff = Date.parse(options.upToRecordedAt);
  if (Number.isNaN(cutoff))
    throw new TypeError(`upToRecordedAt is not a date: ${options.upToRecordedAt}`);
  return cutoff;
};
