import type { ExpectedVersion } from "./port.js";

/** Throws a `TypeError` unless `expected` is a valid {@link ExpectedVersion}. */
export const assertExpectedVersion = (expected: ExpectedVersion): void => {
  if (typeof expected === "number" && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(`expectedVersion must be a non-negative integer, got ${expected}`);
  }
  if (typeof expected === "string" && !["any", "no_stream", "stream_exists"].includes(expected)) {
    throw new TypeError(`Unknown expectedVersion "${expected}"`);
  }
};

/** Does a stream at `actual` (0 = no stream) satisfy the writer's expectation? */
export const satisfiesExpectedVersion = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return actual === 0;
    case "stream_exists":
      return actual > 0;
    default:
      return expected === actual;
  }
};
