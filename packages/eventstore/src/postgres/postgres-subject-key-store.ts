import { randomUUID } from "node:crypto";
import type pg from "pg";
import { newDataKey, type SubjectKey, type SubjectKeyStore } from "../shredding.js";
import { FORGET_CHANNEL } from "./schema.js";

interface KeyRow {
  readonly key_id: string;
  readonly key: Buffer;
}

const toSubjectKey = (row: KeyRow): SubjectKey => ({
  keyId: row.key_id,
  key: new Uint8Array(row.key),
});

/**
 * Subject keys in `eventstore.subject_keys`, one row per subject. Forgetting deletes the row;
 * a later event about the same subject gets a new key, and the old ciphertext stays unreadable.
 */
export class PostgresSubjectKeyStore implements SubjectKeyStore {
  constructor(private readonly pool: pg.Pool) {}

  async keyFor(subjectId: string): Promise<SubjectKey> {
    const created = await this.pool.query<KeyRow>(
      `INSERT INTO eventstore.subject_keys (subject_id, key_id, key) VALUES ($1, $2, $3)
       ON CONFLICT (subject_id) DO NOTHING RETURNING key_id::text, key`,
      [subjectId, randomUUID(), Buffer.from(newDataKey())],
    );
    // No row returned: the key already existed (possibly created concurrently); read it.
    const row =
      created.rows[0] ??
      (
        await this.pool.query<KeyRow>(
          "SELECT key_id::text, key FROM eventstore.subject_keys WHERE subject_id = $1",
          [subjectId],
        )
      ).rows[0];
    if (row === undefined) throw new Error(`Subject key for ${subjectId} vanished while created`);
    return toSubjectKey(row);
  }

  async keysById(keyIds: readonly string[]): Promise<ReadonlyMap<string, Uint8Array>> {
    const result = await this.pool.query<KeyRow>(
      "SELECT key_id::text, key FROM eventstore.subject_keys WHERE key_id = ANY($1::uuid[])",
      [keyIds],
    );
    return new Map(result.rows.map((row) => [row.key_id, new Uint8Array(row.key)]));
  }

  /** Deletes the key and, in the same transaction, tells every listening process (`NOTIFY`). */
  async forget(subjectId: string): Promise<void> {
    await this.pool.query(
      `WITH forgotten AS (DELETE FROM eventstore.subject_keys WHERE subject_id = $1)
       SELECT pg_notify('${FORGET_CHANNEL}', $1)`,
      [subjectId],
    );
  }
}
