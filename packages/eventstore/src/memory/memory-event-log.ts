import { randomUUID } from "node:crypto";
import { newDataKey, type SubjectKey, type SubjectKeyStore } from "../shredding.js";
import type { StoredEvent } from "../stored-event.js";
import { ChangeNotifier } from "../subscription/change-notifier.js";
import { ForgetListeners } from "../subscription/forget-listeners.js";

/** One row of the in-memory log: the stored event and its stream's category. */
export interface MemoryLogEntry {
  readonly event: StoredEvent;
  readonly category: string;
}

/** A stream's record: what verification compares the events against. */
export interface MemoryStreamRecord {
  version: number;
  lastHash: string | null;
  readonly entries: MemoryLogEntry[];
}

/**
 * The in-memory store's "database": events in global order, streams, subject keys. Several
 * {@link MemoryEventStore}s may share one log, like processes sharing one PostgreSQL.
 */
export class MemoryEventLog implements SubjectKeyStore {
  /** Every event, in global order (global position `n` is at index `n - 1`). */
  readonly entries: MemoryLogEntry[] = [];
  readonly streams = new Map<string, MemoryStreamRecord>();
  readonly eventsById = new Map<string, StoredEvent>();
  /** Notified after every append, to wake subscriptions of every store sharing the log. */
  readonly changes = new ChangeNotifier();
  /** Told of every forget, so that every store sharing the log hears it. */
  readonly forgotten = new ForgetListeners();
  readonly #keysBySubject = new Map<string, SubjectKey>();
  readonly #keysById = new Map<string, Uint8Array>();

  /**
   * Replaces a stored event in place, bypassing every check, like an `UPDATE` run directly in
   * SQL. It exists to test tamper evidence; `verifyStream` will report the change.
   */
  overwriteStoredEvent(streamId: string, streamPosition: number, event: StoredEvent): void {
    const stream = this.streams.get(streamId);
    const entry = stream?.entries[streamPosition - 1];
    if (stream === undefined || entry === undefined) {
      throw new RangeError(`No event ${streamId}@${streamPosition}`);
    }
    const replacement = { ...entry, event };
    stream.entries[streamPosition - 1] = replacement;
    this.entries[entry.event.globalPosition - 1] = replacement;
  }

  /** {@inheritDoc SubjectKeyStore.keyFor} */
  async keyFor(subjectId: string): Promise<SubjectKey> {
    const existing = this.#keysBySubject.get(subjectId);
    if (existing !== undefined) return existing;
    const created = { keyId: randomUUID(), key: newDataKey() };
    this.#keysBySubject.set(subjectId, created);
    this.#keysById.set(created.keyId, created.key);
    return created;
  }

  /** {@inheritDoc SubjectKeyStore.keysById} */
  async keysById(keyIds: readonly string[]): Promise<ReadonlyMap<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    for (const keyId of keyIds) {
      const key = this.#keysById.get(keyId);
      if (key !== undefined) found.set(keyId, key);
    }
    return found;
  }

  /** {@inheritDoc SubjectKeyStore.forget} */
  async forget(subjectId: string): Promise<void> {
    const key = this.#keysBySubject.get(subjectId);
    if (key === undefined) return;
    this.#keysBySubject.delete(subjectId);
    this.#keysById.delete(key.keyId);
  }
}
