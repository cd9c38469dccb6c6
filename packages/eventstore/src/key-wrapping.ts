import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Wraps subject keys with a key-encryption key (KEK) held outside the database, the way a KMS
 * does (`Encrypt`/`Decrypt` of a data key under a named master key): the database then holds
 * only wrapped keys, useless to whoever copies its files, WAL or backups without the KEK.
 * {@link LocalKeyring} is the built-in implementation (keys from a file or the environment);
 * a cloud KMS fits behind the same three members.
 */
export interface KeyWrapper {
  /** The KEK new keys are wrapped with. */
  readonly currentKekId: string;
  /** Wraps a 32-byte data key under the current KEK; `context` is bound to it (AAD). */
  wrap(dataKey: Uint8Array, context: string): Promise<WrappedKey>;
  /** Unwraps a key wrapped under `kekId` with the same `context`; throws when it cannot. */
  unwrap(wrapped: WrappedKey, context: string): Promise<Uint8Array>;
}

/** A wrapped data key and the KEK it is wrapped under. */
export interface WrappedKey {
  readonly kekId: string;
  readonly wrapped: Uint8Array;
}

/** Why a keyring was refused or a key could not be unwrapped. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

/**
 * A keyring as JSON: the KEKs by id (base64, 32 bytes each), the one new keys are wrapped
 * with, and the secret that keys request fingerprints (base64, at least 32 bytes).
 *
 * @example
 * ```json
 * { "current": "2026-12", "keks": { "2026-12": "q1…=", "2026-06": "Zx…=" }, "fingerprintSecret": "…" }
 * ```
 */
export interface KeyringDocument {
  readonly current: string;
  readonly keks: Readonly<Record<string, string>>;
  readonly fingerprintSecret: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A wrapped 32-byte key: IV, ciphertext, tag. */
export const WRAPPED_KEY_BYTES = IV_BYTES + 32 + TAG_BYTES;

// Base64 of `bytes` bytes exactly (a KEK), or of at least `bytes` (`atLeast`: a secret).
const decodeKey = (value: unknown, what: string, atLeast = false): Buffer => {
  const bytes = typeof value === "string" ? Buffer.from(value, "base64") : Buffer.alloc(0);
  if (atLeast ? bytes.length < 32 : bytes.length !== 32) {
    throw new KeyringError(`${what} must be ${atLeast ? "at least " : ""}32 bytes in base64`);
  }
  return bytes;
};

/**
 * KEKs held in this process (AES-256-GCM key wrap, the wrapped key bound to its context), from
 * a {@link KeyringDocument}. Rotation: add a KEK, make it `current`, run
 * `claimstream keys rotate` (every live key re-wrapped), then delete the old KEK from the file:
 * whatever the database, its WAL or a backup still holds under the old KEK is unusable.
 *
 * @example
 * ```ts
 * const keyring = LocalKeyring.fromJson(await readFile("/run/secrets/claimstream-keyring.json", "utf8"));
 * const store = await PostgresEventStore.connect({ connectionString, personalData, keyWrapper: keyring });
 * ```
 */
export class LocalKeyring implements KeyWrapper {
  readonly currentKekId: string;
  /** Keys the fingerprints of idempotent requests (never stored in the database). */
  readonly fingerprintSecret: Uint8Array;
  readonly #keks: ReadonlyMap<string, Buffer>;

  constructor(document: KeyringDocument) {
    const keks = new Map<string, Buffer>();
    for (const [id, value] of Object.entries(document.keks ?? {})) {
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new KeyringError(`KEK id "${id}" is invalid`);
      keks.set(id, decodeKey(value, `KEK ${id}`));
    }
    if (!keks.has(document.current)) {
      throw new KeyringError(`The current KEK "${document.current}" is not in the keyring`);
    }
    this.currentKekId = document.current;
    this.#keks = keks;
    this.fingerprintSecret = new Uint8Array(
      decodeKey(document.fingerprintSecret, "fingerprintSecret", true),
    );
  }

  /** Parses a keyring file's text. */
  static fromJson(text: string): LocalKeyring {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new KeyringError("The keyring is not JSON");
    }
    if (typeof document !== "object" || document === null) {
      throw new KeyringError("The keyring must be a JSON object");
    }
    return new LocalKeyring(document as KeyringDocument);
  }

  /** A new keyring with one random KEK (`id`) and a random fingerprint secret. */
  static generate(id = "kek-1"): KeyringDocument {
    return {
      current: id,
      keks: { [id]: randomBytes(32).toString("base64") },
      fingerprintSecret: randomBytes(32).toString("base64"),
    };
  }

  /** The ids of the KEKs this keyring holds. */
  get kekIds(): readonly string[] {
    return [...this.#keks.keys()];
  }

  async wrap(dataKey: Uint8Array, context: string): Promise<WrappedKey> {
    const kek = this.#keks.get(this.currentKekId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", kek, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const wrapped = Buffer.concat([iv, body, cipher.getAuthTag()]);
    return { kekId: this.currentKekId, wrapped: new Uint8Array(wrapped) };
  }

  async unwrap({ kekId, wrapped }: WrappedKey, context: string): Promise<Uint8Array> {
    const kek = this.#keks.get(kekId);
    if (kek === undefined) throw new KeyringError(`KEK "${kekId}" is not in the keyring`);
    const bytes = Buffer.from(wrapped);
    if (bytes.length !== WRAPPED_KEY_BYTES) throw new KeyringError("A wrapped key has 60 bytes");
    const decipher = createDecipheriv("aes-256-gcm", kek, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return new Uint8Array(
        Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, -TAG_BYTES)), decipher.final()]),
      );
    } catch {
      throw new KeyringError(`A key wrapped under KEK "${kekId}" does not unwrap`);
    }
  }
}
