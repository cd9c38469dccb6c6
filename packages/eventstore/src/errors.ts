import type { ExpectedVersion } from "./port.js";

/**
 * The stream's version did not match the writer's expectation: someone else appended first
 * (or the stream's existence differs). Retry after reloading, or report a conflict (HTTP 409/412).
 *
 * @example
 * ```ts
 * try {
 *   await store.appendToStream("claim-42", events, { expectedVersion: 3 });
 * } catch (error) {
 *   if (isConcurrencyError(error)) console.log(error.expectedVersion, error.actualVersion);
 * }
 * ```
 */
export class ConcurrencyError extends Error {
  /** Stable machine-readable code, distinct from every domain error code. */
  readonly code = "eventstore.wrong_expected_version" as const;
  override readonly name = "ConcurrencyError";

  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    /** The stream's version when the append was attempted (0 = no stream). */
    readonly actualVersion: number,
  ) {
    super(
      `Stream "${streamId}" is at version ${actualVersion}, expected ${String(expectedVersion)}`,
    );
  }
}

/** Type guard for {@link ConcurrencyError} (also across module copies, by `code`). */
export const isConcurrencyError = (value: unknown): value is ConcurrencyError =>
  value instanceof ConcurrencyError ||
  (value instanceof Error &&
    (value as { code?: unknown }).code === "eventstore.wrong_expected_version");

/**
 * An append reused event ids in a way that cannot be an idempotent retry: some but not all
 * ids already exist, they exist in another stream or another order, or a batch repeats an id.
 */
export class EventIdConflictError extends Error {
  readonly code = "eventstore.event_id_conflict" as const;
  override readonly name = "EventIdConflictError";

  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
    detail: string,
  ) {
    super(`Event ids conflict in stream "${streamId}": ${detail}`);
  }
}

/**
 * A command came with an idempotency key that an earlier, different request already used on
 * the stream (its fingerprint differs): nothing is decided or appended, and the earlier result
 * is not passed off as this request's.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = "eventstore.idempotency_key_reused" as const;
  override readonly name = "IdempotencyKeyReusedError";

  constructor(readonly streamId: string) {
    super(`The idempotency key was already used on stream "${streamId}" for another request`);
  }
}

/** Type guard for {@link IdempotencyKeyReusedError} (also across module copies, by `code`). */
export const isIdempotencyKeyReusedError = (value: unknown): value is IdempotencyKeyReusedError =>
  value instanceof IdempotencyKeyReusedError ||
  (value instanceof Error &&
    (value as { code?: unknown }).code === "eventstore.idempotency_key_reused");
