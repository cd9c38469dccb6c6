import type pg from "pg";
import { ConcurrencyError, EventIdConflictError } from "../errors.js";
import type { AppendResult, ExpectedVersion } from "../port.js";
import type { PreparedEvent } from "../prepare-events.js";
import { toSafeNumber } from "./postgres-rows.js";

interface AppendRow {
  readonly position_in_stream: string;
  readonly position_in_all: string;
}

const errorCode = (error: unknown): { code?: string; detail?: string; constraint?: string } =>
  typeof error === "object" && error !== null ? error : {};

// Each event's JSON was written once, with its digest (see PreparedEvent.json).
const batchJson = (events: readonly PreparedEvent[]): string =>
  `[${events.map((event) => event.json).join(",")}]`;

/**
 * Appends a prepared batch with one call of `eventstore.append_to_stream` (one round trip),
 * mapping its errors to {@link ConcurrencyError} and {@link EventIdConflictError}. Runs on a
 * pool (its own transaction) or on a client inside a caller's transaction. Event ids are looked
 * up (for idempotent retries) only when the caller chose some of them.
 */
export const appendPreparedEvents = async (
  db: pg.Pool | pg.PoolClient,
  streamId: string,
  category: string,
  expectedVersion: ExpectedVersion,
  events: readonly PreparedEvent[],
): Promise<AppendResult> => {
  try {
    const result = await db.query<AppendRow>(
      `SELECT position_in_stream::text, position_in_all::text
       FROM eventstore.append_to_stream($1, $2, $3, $4::jsonb, $5)`,
      [
        streamId,
        category,
        String(expectedVersion),
        batchJson(events),
        events.some((event) => !event.generatedId),
      ],
    );
    const last = result.rows.at(-1);
    if (last === undefined) throw new Error("append_to_stream returned no positions");
    return {
      nextExpectedVersion: toSafeNumber(last.position_in_stream),
      globalPositions: result.rows.map((row) => toSafeNumber(row.position_in_all)),
    };
  } catch (error) {
    const { code, detail, constraint } = errorCode(error);
    if (code === "ES409") {
      throw new ConcurrencyError(streamId, expectedVersion, Number(detail));
    }
    if (code === "ES422" || (code === "23505" && constraint === "events_event_id_key")) {
      const ids = events.map((event) => event.eventId);
      throw new EventIdConflictError(streamId, ids, "some ids exist elsewhere or in another order");
    }
    throw error;
  }
};
