import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { KeyWrapper } from "../key-wrapping.js";
import { newDataKey, type SubjectKey, type SubjectKeyStore } from "../shredding.js";
import { FORGET_CHANNEL } from "./schema.js";

interface KeyRow {
  readonly key_id: string;
  readonly key: Buffer;
  /** `null`: the key is stored as is (no key wrapper, or written before one was configured). */
  readonly kek_id: string | null;
}

/** How many subject keys are wrapped under which KEK (`unwrapped`: stored as is). */
export type SubjectKeyStatus = Readonly<Record<string, number>>;

/** What {@link PostgresSubjectKeyStore.rewrap} did. */
export interface RewrapReport {
  /** Keys now wrapped under the current KEK that were not before. */
  readonly rewrapped: number;
  readonly kekId: string;
}

// The wrapped key is bound to its key id: a wrapped key copied to another row does not unwrap.
const contextOf = (keyId: string): string => `claimstream.subject-key:${keyId}`;

const UNWRAPPED = "unwrapped";
const REWRAP_BATCH = 500;

/**
 * Subject keys in `eventstore.subject_keys`, one row per subject. Forgetting deletes the row;
 * a later event about the same subject gets a new key, and the old ciphertext stays unreadable.
 *
 * With a {@link KeyWrapper} the table holds only wrapped keys (`kek_id` names the KEK): a copy
 * of the database's files, WAL or backups without the KEK yields no usable key, and after a
 * KEK rotation ({@link PostgresSubjectKeyStore.rewrap}, then the old KEK destroyed) neither do
 * the wrapped copies of forgotten keys left in old pages, WAL segments or backups (ADR 0003).
 */
export class PostgresSubjectKeyStore implements SubjectKeyStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly wrapper?: KeyWrapper,
  ) {}

  async #stored(keyId: string, key: Uint8Array): Promise<{ key: Buffer; kekId: string | null }> {
    if (this.wrapper === undefined) return { key: Buffer.from(key), kekId: null };
    const wrapped = await this.wrapper.wrap(key, contextOf(keyId));
    return { key: Buffer.from(wrapped.wrapped), kekId: wrapped.kekId };
  }

  async #plain(row: KeyRow): Promise<Uint8Array> {
    if (row.kek_id === null) return new Uint8Array(row.key);
    if (this.wrapper === undefined) {
      throw new Error(
        `Subject key ${row.key_id} is wrapped (KEK ${row.kek_id}): configure the keyring`,
      );
    }
    return this.wrapper.unwrap({ kekId: row.kek_id, wrapped: row.key }, contextOf(row.key_id));
  }

  async keyFor(subjectId: string): Promise<SubjectKey> {
    const keyId = randomUUID();
    const key = newDataKey();
    const stored = await this.#stored(keyId, key);
    const created = await this.pool.query<KeyRow>(
      `INSERT INTO eventstore.subject_keys (subject_id, key_id, key, kek_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject_id) DO NOTHING RETURNING key_id::text`,
      [subjectId, keyId, stored.key, stored.kekId],
    );
    if (created.rows.length > 0) return { keyId, key };
    // The key already existed (possibly created concurrently): read it.
    const existing = await this.pool.query<KeyRow>(
      "SELECT key_id::text, key, kek_id FROM eventstore.subject_keys WHERE subject_id = $1",
      [subjectId],
    );
    const row = existing.rows[0];
    if (row === undefined) throw new Error(`Subject key for ${subjectId} vanished while created`);
    return { keyId: row.key_id, key: await this.#plain(row) };
  }

  async keysById(keyIds: readonly string[]): Promise<ReadonlyMap<string, Uint8Array>> {
    const result = await this.pool.query<KeyRow>(
      "SELECT key_id::text, key, kek_id FROM eventstore.subject_keys WHERE key_id = ANY($1::uuid[])",
      [keyIds],
    );
    const keys = await Promise.all(
      result.rows.map(async (row) => [row.key_id, await this.#plain(row)] as const),
    );
    return new Map(keys);
  }

  /** Deletes the key and, in the same transaction, tells every listening process (`NOTIFY`). */
  async forget(subjectId: string): Promise<void> {
    await this.pool.query(
      `WITH forgotten AS (DELETE FROM eventstore.subject_keys WHERE subject_id = $1)
       SELECT pg_notify('${FORGET_CHANNEL}', $1)`,
      [subjectId],
    );
  }

  /** How many live keys are wrapped under which KEK. */
  async status(): Promise<SubjectKeyStatus> {
    const result = await this.pool.query<{ kek: string; n: string }>(
      `SELECT coalesce(kek_id, '${UNWRAPPED}') AS kek, count(*)::text AS n
       FROM eventstore.subject_keys GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(result.rows.map((row) => [row.kek, Number(row.n)]));
  }

  /**
   * Re-wraps every live key not under the current KEK (keys stored as is included), in batches,
   * each row updated only if unchanged meanwhile. Afterwards the older KEKs wrap nothing live
   * and may be destroyed.
   */
  async rewrap(): Promise<RewrapReport> {
    const wrapper = this.wrapper;
    if (wrapper === undefined) throw new Error("Re-wrapping needs a keyring");
    let rewrapped = 0;
    for (;;) {
      const batch = await this.pool.query<KeyRow>(
        `SELECT key_id::text, key, kek_id FROM eventstore.subject_keys
         WHERE kek_id IS DISTINCT FROM $1 LIMIT ${REWRAP_BATCH}`,
        [wrapper.currentKekId],
      );
      if (batch.rows.length === 0) break;
      for (const row of batch.rows) {
        const stored = await this.#stored(row.key_id, await this.#plain(row));
        const updated = await this.pool.query(
          `UPDATE eventstore.subject_keys SET key = $2, kek_id = $3
           WHERE key_id = $1::uuid AND kek_id IS NOT DISTINCT FROM $4`,
          [row.key_id, stored.key, stored.kekId, row.kek_id],
        );
        rewrapped += updated.rowCount ?? 0;
      }
    }
    return { rewrapped, kekId: wrapper.currentKekId };
  }
}
